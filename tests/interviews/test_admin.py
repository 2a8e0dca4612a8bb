import pytest

from interviews.models import RescheduleAsk
from notifications.models import Notification
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffUserFactory()
    login_with_second_factor(client, staff)
    return client


def test_staff_see_interviews_and_follow_a_link_to_their_emails(
    staff_client, django_assert_max_num_queries
):
    interviews = InterviewFactory.create_batch(3)
    Notification.objects.create(
        to_email="a@example.edu", kind="interview.request_new", subject="New request",
        body_text="x", due_at=interviews[0].requested_at, dedupe_key="k1",
        subject_key=interviews[0].subject_key,
    )  # fmt: skip
    Notification.objects.create(
        to_email="b@example.edu", kind="interview.request_new", subject="Other request",
        body_text="x", due_at=interviews[1].requested_at, dedupe_key="k2",
        subject_key=interviews[1].subject_key,
    )  # fmt: skip
    with django_assert_max_num_queries(15):
        response = staff_client.get("/admin/interviews/interview/")
    assert response.status_code == 200
    detail = staff_client.get(f"/admin/interviews/interview/{interviews[0].pk}/change/")
    assert detail.status_code == 200
    emails = staff_client.get(
        "/admin/notifications/notification/", {"subject_key": interviews[0].subject_key}
    )
    assert emails.status_code == 200
    assert b"a@example.edu" in emails.content
    assert b"b@example.edu" not in emails.content


def test_staff_see_late_moves_and_the_students_asks_to_move(staff_client):
    late = InterviewFactory(scheduled=True, late_reschedule=True, reschedule_count=1)
    on_time = InterviewFactory(scheduled=True)
    RescheduleAsk.objects.create(interview=late, reason="A family emergency.", late=True)
    listing = staff_client.get("/admin/interviews/interview/", {"late_reschedule__exact": "1"})
    assert listing.status_code == 200
    assert f"/admin/interviews/interview/{late.pk}/change/" in listing.content.decode()
    assert f"/admin/interviews/interview/{on_time.pk}/change/" not in listing.content.decode()
    detail = staff_client.get(f"/admin/interviews/interview/{late.pk}/change/").content.decode()
    assert "moved or asked to move late" in detail.lower()
    assert "A family emergency." in detail


def test_staff_cannot_change_an_interview_behind_the_apps_back(staff_client):
    interview = InterviewFactory(scheduled=True)
    url = f"/admin/interviews/interview/{interview.pk}/change/"
    assert 'name="duration_minutes"' not in staff_client.get(url).content.decode()

    staff_client.post(url, {"duration_minutes": "60", "format": "phone"})

    interview.refresh_from_db()
    assert (interview.duration_minutes, interview.format) == (30, "video")
