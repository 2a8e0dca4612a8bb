import pytest
from django.core import mail
from django.test import override_settings

from mentors.models import MentorProfile
from tests.factories import MentorProfileFactory, StaffUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_client")]


@pytest.fixture
def staff_client(client):
    staff = StaffUserFactory(is_superuser=True)
    client.force_login(staff)
    return client


@override_settings(ADMIN_REQUIRE_MFA=False)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/mentors/mentorprofile/",
        "/admin/mentors/mentorprofile/?status__exact=approved&format=video&q=a",
        "/admin/mentors/pendingmentorprofile/",
    ],
)
def test_admin_lists_have_a_fixed_query_count(client, django_assert_max_num_queries, url):
    MentorProfileFactory.create_batch(20, status="pending")
    MentorProfileFactory.create_batch(20)
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    MentorProfileFactory.create_batch(90, status="pending")
    MentorProfileFactory.create_batch(90)
    with django_assert_max_num_queries(20) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


@override_settings(ADMIN_REQUIRE_MFA=False)
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


@override_settings(ADMIN_REQUIRE_MFA=False)
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
