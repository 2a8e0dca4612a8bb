"""Referrals: each one a contact on the networking list; a Career Mentor among them is
offered the citation in the student's next request."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from notebook.models import Referral
from notebook.services.meeting import referral_add, referral_remove, referral_update
from students.models import Contact
from tests.factories import ContactFactory, MentorProfileFactory

from .followup import held_conversation, upcoming_conversation

pytestmark = pytest.mark.django_db
NETWORK_URL = "/students/network/"


def test_a_referral_becomes_a_contact_referred_by_the_mentor():
    held = held_conversation()
    referral = referral_add(
        interview=held, by=held.student, name="Jane Roe", organization="Acme", role="Actuary",
        how_to_reach="jane@acme.example", relation="they studied together", may_cite=True,
    )  # fmt: skip
    contact = referral.contact
    assert contact is not None
    assert (contact.student, contact.name, contact.organization, contact.role) == (
        held.student,
        "Jane Roe",
        "Acme",
        "Actuary",
    )
    assert contact.origin == Contact.Origin.REFERRAL
    assert contact.status == Contact.Status.TO_CONTACT
    assert contact.referred_by_name == "Grace Hopper"
    assert contact.email == "jane@acme.example"
    assert contact.connection == "they studied together"
    assert contact.may_cite_referrer is True
    assert contact.mentor is None


def test_a_referral_to_an_organization_only_is_named_after_it_and_one_to_nobody_is_refused():
    held = held_conversation()
    referral = referral_add(interview=held, by=held.student, organization="City Hospital",
                            how_to_reach="Call the front desk")  # fmt: skip
    assert referral.contact.name == "City Hospital"
    assert referral.contact.notes == "How to reach them: Call the front desk"
    with pytest.raises(ApplicationError, match="at least a name or an organization") as refused:
        referral_add(interview=held, by=held.student, role="Someone", name="  ")
    assert refused.value.field == "name"


def test_the_form_puts_the_refusal_next_to_both_fields_and_keeps_what_was_typed(client):
    held = held_conversation()
    client.force_login(held.student)
    response = client.post(
        reverse("notebook:referral_add", args=[held.pk]),
        {"referral-role": "Head of research", "referral-how_to_reach": "555-0100"},
    )
    assert response.status_code == 400
    form = response.context["referral_form"]
    assert (
        form.errors["name"]
        == form.errors["organization"]
        == ["Give at least a name or an organization."]
    )
    assert "Head of research" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_career_mentor_is_recognised_by_choice_or_by_their_exact_address_if_listed():
    held = held_conversation()
    listed = MentorProfileFactory(user__email="Lin.Wu@example.com", employer="Bank")
    paused = MentorProfileFactory(status="paused")
    by_address = referral_add(interview=held, by=held.student, name="Lin",
                              how_to_reach="lin.wu@example.com")  # fmt: skip
    assert by_address.mentor == listed
    assert by_address.contact.mentor == listed
    by_choice = referral_add(interview=held, by=held.student, mentor_id=listed.pk)
    assert (by_choice.name, by_choice.organization) == (listed.display_name, "Bank")
    unlisted = referral_add(interview=held, by=held.student, name="P",
                            how_to_reach=paused.user.email)  # fmt: skip
    assert unlisted.mentor is None
    with pytest.raises(ApplicationError, match="not in the directory") as refused:
        referral_add(interview=held, by=held.student, mentor_id=paused.pk)
    assert refused.value.field == "mentor"


def test_editing_a_referral_changes_on_the_contact_only_what_changed():
    held = held_conversation()
    referral = referral_add(interview=held, by=held.student, name="Jane Roe",
                            organization="Acme", how_to_reach="jane@acme.example")  # fmt: skip
    contact = referral.contact
    contact.status = Contact.Status.CONTACTED
    contact.name = "Jane A. Roe"  # the student's own correction on the networking list
    contact.notes = "Met at the fair"
    contact.save()
    referral_update(referral=referral, by=held.student, name="Jane Roe", organization="Acme Corp",
                    how_to_reach="jane@acme.example", may_cite=True)  # fmt: skip
    contact.refresh_from_db()
    assert contact.organization == "Acme Corp"
    assert contact.may_cite_referrer is True
    assert (contact.name, contact.status, contact.notes) == (
        "Jane A. Roe",
        Contact.Status.CONTACTED,
        "Met at the fair",
    )


def test_removing_a_referral_removes_an_untouched_contact_and_keeps_one_in_use():
    held = held_conversation()
    untouched = referral_add(interview=held, by=held.student, name="A")
    in_use = referral_add(interview=held, by=held.student, name="B")
    Contact.objects.filter(pk=in_use.contact_id).update(status=Contact.Status.CONTACTED)
    in_use.refresh_from_db()
    assert referral_remove(referral=untouched, by=held.student) is None
    kept = referral_remove(referral=in_use, by=held.student)
    assert kept is not None and kept.name == "B"
    assert list(Contact.objects.values_list("name", flat=True)) == ["B"]
    assert not Referral.objects.exists()


def test_referrals_are_refused_before_the_start():
    upcoming = upcoming_conversation()
    with pytest.raises(ApplicationError, match="Notes open when"):
        referral_add(interview=upcoming, by=upcoming.student, name="Too early")
    assert not Contact.objects.filter(origin="referral").exists()


def test_the_networking_list_says_which_conversation_a_referral_came_from(
    client, django_assert_max_num_queries
):
    held = held_conversation()
    referral_add(interview=held, by=held.student, name="Jane Roe")
    ContactFactory(student=held.student, name="Old Friend")
    client.force_login(held.student)
    client.get(NETWORK_URL)
    with django_assert_max_num_queries(7) as small:
        page = client.get(NETWORK_URL).content.decode()
    day = held.starts_at.astimezone(held.student.tzinfo)
    assert "Grace Hopper" in page
    assert f"in your conversation on {day:%A}, {day:%B} {day.day}, {day.year}" in page
    assert f'href="/interviews/{held.pk}/"' in page
    for i in range(15):
        referral_add(interview=held, by=held.student, name=f"Person {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(NETWORK_URL).content.decode()
    assert page.count("in your conversation on") == 16


def request_form(client, mentor):
    return client.get(reverse("interviews:request_create", args=[mentor.pk]))


def test_the_next_request_to_a_referred_career_mentor_starts_from_the_citation(client):
    held = held_conversation()
    lin = MentorProfileFactory(monthly_cap=5)
    referral_add(interview=held, by=held.student, mentor_id=lin.pk, may_cite=True,
                 relation="they worked together at the Navy")  # fmt: skip
    client.force_login(held.student)
    response = request_form(client, lin)
    assert "Filled in from a referral on your networking list" in response.content.decode()
    form = response.context["form"]
    assert form["referrer_name"].value() == "Grace Hopper"
    assert form["referrer_relation"].value() == "they worked together at the Navy"


def test_no_citation_is_offered_without_leave_to_cite(client):
    held = held_conversation()
    lin = MentorProfileFactory(monthly_cap=5)
    other = MentorProfileFactory(monthly_cap=5)
    referral_add(interview=held, by=held.student, mentor_id=lin.pk, may_cite=False)
    client.force_login(held.student)
    assert request_form(client, lin).context["form"]["referrer_name"].value() in (None, "")
    assert request_form(client, other).context["form"]["referrer_name"].value() in (None, "")


def test_a_referral_is_edited_and_removed_through_the_page(client):
    held = held_conversation()
    referral = referral_add(interview=held, by=held.student, name="Jane Roe")
    client.force_login(held.student)
    edit = reverse("notebook:referral_edit", args=[held.pk, referral.pk])
    page = client.get(edit).content.decode()
    assert 'value="Jane Roe"' in page
    response = client.post(edit, {"referral-name": "", "referral-organization": ""})
    assert response.status_code == 400
    response = client.post(edit, {"referral-name": "Jane Roe", "referral-organization": "Acme"})
    assert response.status_code == 302
    assert Contact.objects.get().organization == "Acme"
    client.post(reverse("notebook:referral_remove", args=[held.pk, referral.pk]))
    assert not Contact.objects.exists()
