"""The email log: a row rendered when sent shows, until then, what it would say now."""

import pytest
from django.utils import timezone

from interviews import reminders
from notifications.models import Notification
from notifications.services import notification_enqueue
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    login_with_second_factor(client, StaffUserFactory())
    return client


def page_of(client, row: Notification) -> str:
    response = client.get(f"/admin/notifications/notification/{row.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_waiting_row_shows_what_it_would_say_now(staff_client):
    interview = InterviewFactory()
    reminders.stale_request_reminder(interview)
    mentor = interview.mentor.user
    mentor.first_name, mentor.email = "Rosalind", "rosalind.new@example.org"
    mentor.save(update_fields=["first_name", "email"])
    page = page_of(staff_client, Notification.objects.get(kind=reminders.STALE))
    assert "rosalind.new@example.org" in page
    assert "is still waiting for your answer" in page
    assert "Dear Rosalind," in page


def test_a_row_that_cannot_be_rendered_says_why_instead_of_failing(staff_client):
    person = StaffUserFactory()
    row = notification_enqueue(
        to_email=person.email,
        kind="nobody.registered",
        dedupe_key="nobody:1",
        recipient_id=person.pk,
        due_at=timezone.now() + timezone.timedelta(days=1),
    )
    assert "No renderer is registered for emails of kind" in page_of(staff_client, row)


def test_a_row_about_something_gone_says_it_would_be_voided(staff_client):
    interview = InterviewFactory()
    reminders.stale_request_reminder(interview)
    row = Notification.objects.get(kind=reminders.STALE)
    interview.delete()
    assert "it would be voided" in page_of(staff_client, row)
