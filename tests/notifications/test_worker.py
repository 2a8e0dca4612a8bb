"""A real worker process takes an outbox email through real Redis to a real SMTP server."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.services import RenderedEmail, notification_enqueue
from notifications.tasks import dispatch_due_notifications
from tests.factories import InterviewFactory
from tests.services import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def email(n: int) -> RenderedEmail:
    return RenderedEmail(subject=f"Message {n}", body_text="Body", body_html="<p>Body</p>")


def test_an_email_written_in_a_transaction_is_delivered_by_a_worker(start_worker, smtp_sink):
    start_worker("w1")
    with transaction.atomic():
        row = notification_enqueue(
            to_email="ana@example.edu", kind="test.now", email=email(1), dedupe_key="now:1"
        )
    wait_until(lambda: len(smtp_sink.messages) == 1, what="the email at the SMTP server")
    row.refresh_from_db()
    wait_until(
        lambda: Notification.objects.get(pk=row.pk).status == Notification.Status.SENT,
        what="the row to be marked sent",
    )
    message = smtp_sink.messages[0]
    assert message["Subject"] == "Message 1"
    assert message["Message-ID"] == row.message_id
    assert message.is_multipart()  # plain text and HTML


def test_the_dispatcher_sends_due_rows_once(start_worker, smtp_sink):
    past = timezone.now() - timedelta(minutes=1)
    ids = [
        Notification.objects.create(
            to_email=f"s{n}@example.edu", kind="test.due", dedupe_key=f"due:{n}", subject=f"Due {n}",
            body_text="Body", due_at=past,
        ).pk
        for n in range(5)
    ]  # fmt: skip
    start_worker("w1")
    dispatch_due_notifications.delay()
    dispatch_due_notifications.delay()  # a second beat tick while the first is running
    wait_until(lambda: len(smtp_sink.messages) >= 5, what="five emails")
    wait_until(
        lambda: Notification.objects.filter(pk__in=ids, status="sent").count() == 5,
        what="all rows sent",
    )
    assert sorted(smtp_sink.message_ids()) == sorted(
        Notification.objects.get(pk=i).message_id for i in ids
    )


def test_a_worker_renders_a_row_when_it_sends_it_from_current_data(start_worker, smtp_sink):
    from interviews import reminders

    interview = InterviewFactory()
    reminders.stale_request_reminder(interview)  # due days from now
    mentor = interview.mentor.user
    mentor.first_name, mentor.email = "Rosalind", "rosalind.new@example.org"
    mentor.save(update_fields=["first_name", "email"])
    row = Notification.objects.get(kind=reminders.STALE)
    assert (row.subject, row.body_text) == ("", "")
    Notification.objects.filter(pk=row.pk).update(due_at=timezone.now() - timedelta(minutes=1))

    start_worker("w1")
    dispatch_due_notifications.delay()

    wait_until(lambda: len(smtp_sink.messages) == 1, what="the reminder at the SMTP server")
    wait_until(
        lambda: Notification.objects.get(pk=row.pk).status == Notification.Status.SENT,
        what="the row to be marked sent",
    )
    message = smtp_sink.messages[0]
    assert message["To"] == "rosalind.new@example.org"
    assert message["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert message["Subject"] == row.subject
    assert row.subject.endswith("is still waiting for your answer")
    assert row.to_email == "rosalind.new@example.org"
    assert "Dear Rosalind," in row.body_text  # what the worker rendered is what the log shows
