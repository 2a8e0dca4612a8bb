from celery import shared_task
from django.utils import timezone

from .services import mentor_staff_digest_send, mentors_resume_due


@shared_task
def resume_paused_mentors() -> int:
    """Daily: list again every mentor whose return date has come; returns how many."""
    return mentors_resume_due(today=timezone.localdate())


@shared_task
def send_staff_digest() -> int:
    """Weekly: staff hear how many volunteers wait for approval."""
    return mentor_staff_digest_send(now=timezone.now())
