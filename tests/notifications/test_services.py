from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import psycopg
import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.services import (
    LOCK_NAMESPACE,
    RenderedEmail,
    notification_claim_due,
    notification_dispatch_due,
    notification_enqueue,
    notification_resend,
    notification_send,
    notification_void_pending,
)
from tests.services import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def enqueue(key="k1", due_at=None, subject_key="interview:1", **extra):
    return notification_enqueue(
        to_email="ana@example.edu",
        kind="test.kind",
        email=RenderedEmail(subject="Hello", body_text="Plain body", body_html="<p>HTML body</p>"),
        dedupe_key=key,
        subject_key=subject_key,
        due_at=due_at,
        **extra,
    )


def test_a_due_email_is_sent_after_commit_with_text_html_and_fixed_message_id():
    with transaction.atomic():
        row = enqueue()
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ana@example.edu"]
    assert sent.body == "Plain body"
    assert sent.alternatives[0][0] == "<p>HTML body</p>"
    assert sent.extra_headers["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert row.status == Notification.Status.SENT
    assert row.sent_at is not None
    assert row.attempts == 1


def test_a_rolled_back_transaction_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change that caused the email failed")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_same_unique_key_is_stored_once():
    assert enqueue(key="same") is not None
    assert enqueue(key="same") is None
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_future_email_waits_for_its_time_then_the_dispatcher_sends_it_once():
    due = timezone.now() + timedelta(hours=48)
    row = enqueue(due_at=due)
    assert mail.outbox == []
    assert notification_dispatch_due(now=timezone.now()) == 0
    with time_machine.travel(due + timedelta(seconds=1)):
        assert notification_dispatch_due(now=timezone.now()) == 1
        assert notification_dispatch_due(now=timezone.now()) == 0
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == Notification.Status.SENT


def test_sending_twice_sends_once():
    row = enqueue(due_at=timezone.now() + timedelta(minutes=5))
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert notification_send(notification_id=row.pk) is True
        assert notification_send(notification_id=row.pk) is False
    assert len(mail.outbox) == 1


def test_voided_rows_are_never_sent():
    row = enqueue(due_at=timezone.now() + timedelta(hours=1), subject_key="interview:7")
    other = enqueue(key="k2", due_at=timezone.now() + timedelta(hours=1), subject_key="interview:8")
    assert notification_void_pending(subject_key="interview:7") == 1
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        notification_dispatch_due(now=timezone.now())
    row.refresh_from_db()
    other.refresh_from_db()
    assert row.status == Notification.Status.VOID
    assert other.status == Notification.Status.SENT
    assert len(mail.outbox) == 1


def test_a_row_claimed_by_a_dead_worker_is_claimed_again_after_the_timeout(settings):
    row = enqueue(due_at=timezone.now() + timedelta(minutes=1))
    later = timezone.now() + timedelta(minutes=2)
    assert notification_claim_due(now=later) == [row.pk]
    # The worker that claimed it died: nobody else may take it until the timeout passes.
    assert notification_claim_due(now=later + timedelta(seconds=10)) == []
    reclaim_at = later + timedelta(seconds=settings.NOTIFICATIONS_RECLAIM_AFTER_SECONDS + 1)
    assert notification_claim_due(now=reclaim_at) == [row.pk]


@contextmanager
def sender_session(row: Notification) -> Iterator[psycopg.Connection]:
    """Another database session that has started sending `row`, as a worker does: it
    holds the row's advisory lock and has put its name on the row."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as session:
        session.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, row.pk])
        session.execute(
            "UPDATE notifications_notification SET status = 'sending', claimed_by = 'w9'"
            " WHERE id = %s",
            [row.pk],
        )
        yield session


def _session_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def test_a_row_a_live_sender_holds_is_left_to_it_and_taken_back_once_its_session_ends():
    row = enqueue(due_at=timezone.now() + timedelta(minutes=1))
    later = timezone.now() + timedelta(minutes=2)
    with sender_session(row) as session:
        assert notification_claim_due(now=later) == []
        assert notification_claim_due(now=later + timedelta(hours=1)) == []  # alive: no timeout
        pid = session.info.backend_pid
    # Its connection closed, as a killed worker's does: the row is free as soon as the
    # server has ended that session (which it does a moment after the client hangs up).
    wait_until(lambda: not _session_alive(pid), timeout=10, what="the sender's session to end")
    assert notification_claim_due(now=later) == [row.pk]
    row.refresh_from_db()
    assert (row.status, row.claimed_by) == ("sending", "")


def test_a_send_leaves_a_row_that_another_live_sender_holds():
    row = enqueue(due_at=timezone.now() + timedelta(minutes=1))
    with time_machine.travel(timezone.now() + timedelta(minutes=2)), sender_session(row):
        assert notification_send(notification_id=row.pk) is False
    assert mail.outbox == []
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sending", 0)


def test_a_row_whose_worker_died_in_every_attempt_is_given_up_without_sending(settings):
    row = enqueue(due_at=timezone.now() + timedelta(minutes=1))
    Notification.objects.filter(pk=row.pk).update(
        attempts=settings.NOTIFICATIONS_MAX_ATTEMPTS, status="sending", claimed_by="w9"
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert notification_send(notification_id=row.pk) is False
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == Notification.Status.FAILED
    assert row.attempts == settings.NOTIFICATIONS_MAX_ATTEMPTS
    assert "sending worker gone" in row.last_error


def test_a_failed_send_is_retried_later_and_records_the_error(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    row = enqueue(due_at=timezone.now() - timedelta(seconds=1))
    assert notification_send(notification_id=row.pk) is False
    row.refresh_from_db()
    assert row.status == Notification.Status.PENDING
    assert row.attempts == 1
    assert "Error" in row.last_error
    assert row.due_at > timezone.now()


def test_resend_queues_a_copy_and_keeps_the_original():
    original = enqueue()
    assert notification_resend(notification_ids=[original.pk]) == 1
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {"Hello"}
