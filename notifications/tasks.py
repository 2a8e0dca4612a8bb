"""Background sending. Safe to run twice: the row and its lock, not the broker, say who
sends and what is done."""

from celery import shared_task
from django.utils import timezone

from .services import notification_dispatch_due, notification_send, notification_send_many


@shared_task
def dispatch_due_notifications() -> int:
    """Hand every due outbox row to the workers; returns how many."""
    return notification_dispatch_due(now=timezone.now())


@shared_task
def send_notification(notification_id: int) -> bool:
    return notification_send(notification_id=notification_id)


@shared_task
def send_notifications(notification_ids: list[int]) -> int:
    return notification_send_many(notification_ids=notification_ids)
