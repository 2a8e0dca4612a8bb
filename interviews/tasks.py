from celery import shared_task
from django.utils import timezone

from .services import interviews_complete_due, interviews_expire_due


@shared_task
def complete_finished_interviews() -> int:
    """Scheduled interviews whose end has passed become completed."""
    return interviews_complete_due(now=timezone.now())


@shared_task
def expire_unanswered_requests() -> int:
    return interviews_expire_due(now=timezone.now())
