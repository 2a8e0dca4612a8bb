import re

import pytest
from django.core import mail

from mentors.models import MentorProfile
from notifications.models import Notification
from tests.auth import login_with_second_factor
from tests.factories import MentorProfileFactory, MentorUserFactory, StaffUserFactory
from tests.outbox import rendered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_client")]


@pytest.fixture
def staff_client(client):
    staff = StaffUserFactory()
    login_with_second_factor(client, staff)
    return client


ADMIN_LISTS = [
    "/admin/mentors/mentorprofile/",
    "/admin/mentors/mentorprofile/?status__exact=approved&format=video&q=a",
    "/admin/mentors/pendingmentorprofile/",
]


def test_admin_lists_have_a_fixed_query_count(client, django_assert_max_num_queries):
    # One set of 220 profiles for every list: building it is most of this test's time.
    MentorProfileFactory.create_batch(20, status="pending")
    MentorProfileFactory.create_batch(20)
    small, large = {}, {}
    for url in ADMIN_LISTS:
        client.get(url)
        with django_assert_max_num_queries(20) as small[url]:
            assert client.get(url).status_code == 200
    MentorProfileFactory.create_batch(90, status="pending")
    MentorProfileFactory.create_batch(90)
    for url in ADMIN_LISTS:
        with django_assert_max_num_queries(20) as large[url]:
            assert client.get(url).status_code == 200
    assert {url: len(q) for url, q in small.items()} == {url: len(q) for url, q in large.items()}


def test_pending_queue_lists_only_pending_and_bulk_approval_emails(
    client, django_capture_on_commit_callbacks
):
    pending = MentorProfileFactory.create_batch(2, status="pending")
    approved = MentorProfileFactory()
    page = client.get("/admin/mentors/pendingmentorprofile/").content.decode()
    assert pending[0].display_name in page
    assert approved.display_name not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/mentors/pendingmentorprofile/",
            {"action": "approve_selected", "_selected_action": [p.pk for p in pending]},
        )
    assert response.status_code == 302
    assert set(
        MentorProfile.objects.filter(pk__in=[p.pk for p in pending]).values_list(
            "status", flat=True
        )
    ) == {"approved"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in pending)


def test_reject_action(client, django_capture_on_commit_callbacks):
    volunteer = MentorProfileFactory(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/mentors/mentorprofile/",
            {"action": "reject_selected", "_selected_action": [volunteer.pk]},
        )
    volunteer.refresh_from_db()
    assert volunteer.status == "rejected"
    assert [m.to for m in mail.outbox] == [[volunteer.user.email]]


# Staff with a real second factor, as the admin requires (users.middleware).
@pytest.fixture
def mfa_staff_client(client):
    staff = StaffUserFactory()
    login_with_second_factor(client, staff)
    client.staff = staff  # type: ignore[attr-defined]
    return client


def _change_form_data(client, profile) -> dict:
    """What the change form would post back unchanged, read from the form itself."""
    form = client.get(f"/admin/mentors/mentorprofile/{profile.pk}/change/").context["adminform"]
    data = {
        "monthly_loads-TOTAL_FORMS": "0",
        "monthly_loads-INITIAL_FORMS": "0",
        "monthly_loads-MIN_NUM_FORMS": "0",
        "monthly_loads-MAX_NUM_FORMS": "1000",
    }
    for name in form.form.fields:
        value = form.form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "on" if value is True else str(value)
    return data


def test_the_change_form_shows_status_read_only_and_decides_through_the_service(
    mfa_staff_client, django_capture_on_commit_callbacks
):
    client = mfa_staff_client
    volunteer = MentorProfileFactory(status="pending", approved_at=None)
    page = client.get(f"/admin/mentors/mentorprofile/{volunteer.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="status"' not in html  # read-only: shown, not editable
    assert "Pending approval" in html
    assert 'name="_approve"' in html and 'name="_reject"' in html

    data = _change_form_data(client, volunteer) | {"status": "approved", "job_title": "Partner"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/mentors/mentorprofile/{volunteer.pk}/change/",
            data | {"_approve": "Save and approve"},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == "/admin/mentors/mentorprofile/"
    assert "is approved and listed; they have been emailed" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == "approved"
    assert volunteer.job_title == "Partner"  # the edits are saved too
    assert volunteer.approved_by == client.staff
    assert volunteer.approved_at is not None
    [message] = mail.outbox
    assert message.to == [volunteer.user.email]
    assert f"/mentors/{volunteer.pk}/" in message.body


def test_saving_the_change_form_never_changes_the_status(mfa_staff_client):
    volunteer = MentorProfileFactory(status="pending", approved_at=None)
    data = _change_form_data(mfa_staff_client, volunteer) | {"status": "approved"}
    response = mfa_staff_client.post(
        f"/admin/mentors/mentorprofile/{volunteer.pk}/change/", data | {"_save": "Save"}
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "pending"
    assert not mail.outbox


def test_declining_from_the_approval_queues_change_form(
    mfa_staff_client, django_capture_on_commit_callbacks
):
    volunteer = MentorProfileFactory(status="pending")
    data = _change_form_data(mfa_staff_client, volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        response = mfa_staff_client.post(
            f"/admin/mentors/pendingmentorprofile/{volunteer.pk}/change/",
            data | {"_reject": "Save and decline"},
        )
    assert response["Location"] == "/admin/mentors/pendingmentorprofile/"
    volunteer.refresh_from_db()
    assert volunteer.status == "rejected"
    assert [m.to for m in mail.outbox] == [[volunteer.user.email]]


def test_approval_is_refused_with_a_message_until_the_address_is_confirmed(mfa_staff_client):
    client = mfa_staff_client
    volunteer = MentorProfileFactory(
        status="pending", approved_at=None, user=MentorUserFactory(email_verified=False)
    )
    queue = client.get("/admin/mentors/pendingmentorprofile/").content.decode()
    assert "Email confirmed" in queue
    assert 'alt="False"' in queue
    change = client.get(f"/admin/mentors/mentorprofile/{volunteer.pk}/change/").content.decode()
    assert f"{volunteer.user.email} is not confirmed yet" in change

    data = _change_form_data(client, volunteer)
    response = client.post(
        f"/admin/mentors/mentorprofile/{volunteer.pk}/change/",
        data | {"_approve": "Save and approve"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/admin/mentors/mentorprofile/{volunteer.pk}/change/"
    assert "Saved, but not approved" in response.content.decode()
    assert "has not confirmed their email address" in response.content.decode()
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.approved_by) == ("pending", None)
    assert not Notification.objects.exists()


def test_bulk_approval_says_which_volunteers_were_refused(mfa_staff_client):
    confirmed = MentorProfileFactory(status="pending")
    unconfirmed = [
        MentorProfileFactory(status="pending", user=MentorUserFactory(email_verified=False))
        for _ in range(2)
    ]
    response = mfa_staff_client.post(
        "/admin/mentors/pendingmentorprofile/",
        {
            "action": "approve_selected",
            "_selected_action": [confirmed.pk, *(p.pk for p in unconfirmed)],
        },
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "1 volunteer approved." in shown
    for profile in unconfirmed:
        assert any(m.startswith("Not approved:") and profile.user.email in m for m in shown), shown
    assert set(MentorProfile.objects.values_list("status", flat=True)) == {"approved", "pending"}


def test_view_on_site_goes_to_the_configured_host(mfa_staff_client):
    from django.contrib.contenttypes.models import ContentType

    mentor = MentorProfileFactory()
    content_type = ContentType.objects.get_for_model(MentorProfile)
    response = mfa_staff_client.get(f"/admin/r/{content_type.pk}/{mentor.pk}/")
    assert response["Location"] == f"http://127.0.0.1:8000/mentors/{mentor.pk}/"


def test_meeting_formats_are_ticked_not_typed(mfa_staff_client):
    volunteer = MentorProfileFactory(meeting_formats=["video"])
    page = mfa_staff_client.get(f"/admin/mentors/mentorprofile/{volunteer.pk}/change/")
    html = page.content.decode()
    assert 'type="checkbox" name="meeting_formats" value="video"' in html
    assert 'type="checkbox" name="meeting_formats" value="in_person"' in html
    data = _change_form_data(mfa_staff_client, volunteer) | {
        "meeting_formats": ["phone", "in_person"]
    }
    response = mfa_staff_client.post(
        f"/admin/mentors/mentorprofile/{volunteer.pk}/change/", data | {"_save": "Save"}
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert sorted(volunteer.meeting_formats) == ["in_person", "phone"]
    bad = mfa_staff_client.post(
        f"/admin/mentors/mentorprofile/{volunteer.pk}/change/",
        data | {"meeting_formats": ["carrier pigeon"], "_save": "Save"},
    )
    assert bad.status_code == 200
    assert "carrier pigeon is not one of the available choices" in bad.content.decode()


def test_the_admin_favicon_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"
    from django.contrib.staticfiles import finders

    assert finders.find("img/favicon.svg")


def test_the_approval_email_counts_conversations_as_the_cap_does(mfa_staff_client):
    from mentors.services import mentor_approve

    volunteer = MentorProfileFactory(status="pending", approved_at=None, monthly_cap=3)
    mentor_approve(profile=volunteer, by=mfa_staff_client.staff)
    approved = rendered(Notification.objects.get(to_email=volunteer.user.email))
    for part in (approved.body_text, approved.body_html):
        assert "at most 3 conversations a month" in part
        assert "requests a month" not in part


def test_the_career_field_filter_names_its_choice_of_none_in_words(client):
    MentorProfileFactory()
    for url in ("/admin/mentors/mentorprofile/", "/admin/mentors/pendingmentorprofile/"):
        html = client.get(url).content.decode()
        filters = html[html.index('id="changelist-filter"') :]
        assert ">No career field</a>" in filters
        assert not re.search(r"<a [^>]*>\s*-?\s*</a>", filters)
