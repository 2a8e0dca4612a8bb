import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.kept import kept_clear
from mentors.models import CareerField
from students.models import Contact, StudentProfile
from students.services import student_resume_replace
from tests.factories import (
    ContactFactory,
    MentorUserFactory,
    StudentProfileFactory,
    StudentUserFactory,
)

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

PROFILE_URL = "/students/profile/"
NETWORK_URL = "/students/network/"
# session, user, profile complete?, contacts, counts, career fields for the filter
NETWORK_QUERIES = 6


def profile_post(**overrides):
    fields = CareerField.objects.order_by("pk")[:2]
    data = {
        "class_year": "2028",
        "majors": "Chemistry",
        "minors": "",
        "career_stage": "focused",
        "fields_of_interest": [str(f.pk) for f in fields],
        "goals": "Learn how chemists move into policy.",
        "linkedin_url": "",
        "time_zone": "America/Chicago",
    }
    data.update(overrides)
    return data


def test_urls_are_the_stable_ones():
    assert reverse("students:profile") == PROFILE_URL
    assert reverse("students:network") == NETWORK_URL


def test_onboarding_saves_the_profile_and_time_zone(client):
    user = StudentUserFactory()
    client.force_login(user)

    page = client.get(PROFILE_URL)
    assert page.status_code == 200
    assert b"Set up your profile" in page.content
    assert b"data-browser-time-zone" in page.content

    response = client.post(PROFILE_URL, profile_post())

    assert response.status_code == 302
    assert response["Location"] == "/"
    profile = StudentProfile.objects.get(user=user)
    assert profile.is_complete
    assert profile.majors == "Chemistry"
    user.refresh_from_db()
    assert user.time_zone == "America/Chicago"


def test_profile_errors_keep_what_was_typed_and_say_what_to_fix(client):
    client.force_login(StudentUserFactory())

    response = client.post(PROFILE_URL, profile_post(majors="", class_year="20x"))

    assert response.status_code == 200
    form = response.context["form"]
    assert "majors" in form.errors
    assert "class_year" in form.errors
    html = response.content.decode()
    assert "Learn how chemists move into policy." in html
    assert 'value="America/Chicago" selected' in html
    assert "data-browser-time-zone" not in html
    assert not StudentProfile.objects.filter(completed_at__isnull=False).exists()


def test_linkedin_must_be_a_linkedin_address(client):
    client.force_login(StudentUserFactory())
    response = client.post(PROFILE_URL, profile_post(linkedin_url="https://evil.example/in/x"))
    assert "linkedin_url" in response.context["form"].errors


def test_profile_redirects_to_a_safe_next_only(client):
    client.force_login(StudentUserFactory())
    response = client.post(PROFILE_URL + "?next=/students/network/", profile_post())
    assert response["Location"] == NETWORK_URL
    response = client.post(PROFILE_URL + "?next=https://evil.example/", profile_post())
    assert response["Location"] == "/"


def test_profile_with_resume_upload_and_download(client):
    user = StudentUserFactory(first_name="Ada", last_name="Byron")
    client.force_login(user)
    upload = ("resume.pdf", PDF_BYTES)
    data = profile_post(resume=SimpleUploadedFile(*upload, content_type="application/pdf"))
    assert client.post(PROFILE_URL, data).status_code == 302

    page = client.get(PROFILE_URL)
    assert b"Your r\xc3\xa9sum\xc3\xa9 on file" in page.content
    download = client.get(reverse("students:resume"))
    assert download.status_code == 200
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_remove_resume(client, django_capture_on_commit_callbacks):
    profile = StudentProfileFactory()
    student_resume_replace(profile=profile, upload=SimpleUploadedFile("r.pdf", PDF_BYTES))
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("students:resume_delete"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.resume


def test_mentors_cannot_use_student_pages(client):
    client.force_login(MentorUserFactory())
    assert client.get(PROFILE_URL).status_code == 403
    assert client.get(NETWORK_URL).status_code == 403


def test_network_needs_a_complete_profile_first(client):
    client.force_login(StudentUserFactory())
    response = client.get(NETWORK_URL)
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL + "?next=%2Fstudents%2Fnetwork%2F"


def test_empty_network_teaches_who_to_brainstorm(client):
    client.force_login(StudentProfileFactory().user)
    html = client.get(NETWORK_URL).content.decode()
    assert "Who do you already know?" in html
    for kind in ("Friends", "Roommates", "Classmates", "Family", "Professors", "supervisors"):
        assert kind in html
    assert "Anyone may be connected to someone in the field" in html


def test_add_a_contact_and_another(client):
    profile = StudentProfileFactory()
    client.force_login(profile.user)
    data = {
        "name": "Sam Ortiz",
        "relationship": "roommate",
        "connection": "His sister is an architect.",
        "status": "to_contact",
        "origin": "first_degree",
        "save_another": "1",
    }
    response = client.post(reverse("students:contact_add"), data)
    assert response["Location"] == reverse("students:contact_add")
    contact = Contact.objects.get(student=profile.user)
    assert contact.name == "Sam Ortiz"
    assert contact.relationship == Contact.Relationship.ROOMMATE


def test_contact_form_errors_keep_input(client):
    client.force_login(StudentProfileFactory().user)
    response = client.post(
        reverse("students:contact_add"),
        {"name": "Lee Park", "relationship": "other", "status": "to_contact", "origin": "referral"},
    )
    assert response.status_code == 200
    assert "referred_by_name" in response.context["form"].errors
    assert 'value="Lee Park"' in response.content.decode()
    assert not Contact.objects.exists()


def test_contact_form_errors_open_with_a_summary_that_links_to_each_field(client):
    client.force_login(StudentProfileFactory().user)
    response = client.post(
        reverse("students:contact_add"),
        {
            "name": "Lee Park",
            "relationship": "other",
            "status": "to_contact",
            "origin": "first_degree",
            "phone": "call me maybe!!!",
        },
    )
    html = response.content.decode()
    summary = html[html.index('class="alert alert-danger form-error-summary"') :]
    assert 'role="alert"' in html and "autofocus" in summary[: summary.index(">")]
    assert 'href="#id_phone">Phone</a>: Enter a phone number' in summary
    assert 'value="call me maybe!!!"' in html
    assert not Contact.objects.exists()


def test_the_summary_links_a_group_of_checkboxes_to_its_first_box(client):
    client.force_login(StudentUserFactory())
    response = client.post(PROFILE_URL, profile_post(fields_of_interest=[]))
    html = response.content.decode()
    first_box = response.context["form"]["fields_of_interest"].subwidgets[0].id_for_label
    assert first_box
    assert f'href="#{first_box}">' in html
    assert f'id="{first_box}"' in html


def test_a_picked_referrer_and_a_different_typed_one_are_not_both_accepted(client):
    student = StudentProfileFactory().user
    jane = ContactFactory(student=student, name="Jane Doe")
    client.force_login(student)
    data = {
        "name": "Lee Park",
        "relationship": "other",
        "status": "to_contact",
        "origin": "referral",
        "referred_by_name": "Professor Ames",
        "referred_by": str(jane.pk),
    }
    response = client.post(reverse("students:contact_add"), data)
    assert "You also picked Jane Doe" in str(response.context["form"].errors["referred_by_name"])
    assert not Contact.objects.filter(name="Lee Park").exists()

    data["referred_by_name"] = ""
    assert client.post(reverse("students:contact_add"), data).status_code == 302
    assert Contact.objects.get(name="Lee Park").referred_by == jane


def test_edit_and_delete_a_contact(client):
    contact = ContactFactory(student=StudentProfileFactory().user, name="Kim Lee")
    client.force_login(contact.student)
    url = reverse("students:contact_edit", args=[contact.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": "Kim Lee",
        "relationship": "friend",
        "status": "contacted",
        "origin": "first_degree",
    }
    assert client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.status == Contact.Status.CONTACTED

    delete_url = reverse("students:contact_delete", args=[contact.pk])
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_network_filters(client):
    student = StudentProfileFactory().user
    field_a, field_b = CareerField.objects.order_by("pk")[:2]
    known = ContactFactory(student=student, name="Known A", career_field=field_a)
    ContactFactory(student=student, name="Contacted B", status="contacted", career_field=field_b)
    ContactFactory(
        student=student,
        name="Referred C",
        origin="referral",
        referred_by=known,
        career_field=field_a,
    )
    ContactFactory(name="Someone else's")
    client.force_login(student)

    def names(**params):
        response = client.get(NETWORK_URL, params)
        return [c.name for c in response.context["contacts"]]

    assert names() == ["Contacted B", "Known A", "Referred C"]
    assert names(status="contacted") == ["Contacted B"]
    assert names(field=field_a.slug) == ["Known A", "Referred C"]
    assert names(origin="referral") == ["Referred C"]
    assert names(origin="first_degree", field=field_a.slug) == ["Known A"]
    assert (
        "Nobody on your list matches"
        in client.get(NETWORK_URL, {"status": "interviewed"}).content.decode()
    )


def _selected(html: str, name: str) -> list[str]:
    """The values selected in the select box ``name``."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select)


def test_network_filters_markup_is_kept_for_what_it_shows_and_never_with_an_error(
    client, django_capture_on_commit_callbacks
):
    """The filters' markup is kept per process under the language, the career fields
    and the values chosen: each page still shows its own choices, an error is shown on
    its own page only, and a career field staff add is offered at once."""
    kept_clear()
    student = StudentProfileFactory().user
    ContactFactory(student=student)
    client.force_login(student)

    def page(**params) -> str:
        return client.get(NETWORK_URL, params).content.decode()

    def rendered(**params) -> bool:
        templates = client.get(NETWORK_URL, params).templates
        return "students/includes/contact_filters.html" in [t.name for t in templates]

    assert rendered(status="contacted")
    assert not rendered(status="contacted")
    assert _selected(page(status="contacted"), "status") == ["contacted"]
    assert _selected(page(status="interviewed"), "status") == ["interviewed"]
    assert _selected(page(), "status") == [""]
    wrong = page(status="bogus")
    assert "Select a valid choice" in wrong and 'aria-invalid="true"' in wrong
    assert rendered(status="bogus") and rendered(status="bogus")
    assert "Select a valid choice" not in page(status="contacted")
    assert "Select a valid choice" not in page()

    with django_capture_on_commit_callbacks(execute=True):
        CareerField.objects.create(name="Aaa & Zoology", slug="aaa-zoology", cluster="STEM")
    assert '<option value="aaa-zoology">Aaa &amp; Zoology</option>' in page()
    student.language = "es"
    student.save(update_fields=["language"])
    assert "Cualquier estado" in page() and "Any status" not in page()


def test_network_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    student = StudentProfileFactory().user
    known = ContactFactory(student=student)
    client.force_login(student)
    client.get(NETWORK_URL)  # warm the session

    with CaptureQueriesContext(connection) as small_queries:
        small = client.get(NETWORK_URL)
    assert len(small.context["contacts"]) == 1
    assert len(small_queries) <= NETWORK_QUERIES

    fields = list(CareerField.objects.all()[:10])
    for i in range(30):
        ContactFactory(
            student=student,
            career_field=fields[i % 10],
            origin="referral",
            referred_by=known,
        )
    with django_assert_max_num_queries(len(small_queries)):
        large = client.get(NETWORK_URL)
    assert len(large.context["contacts"]) == 31
