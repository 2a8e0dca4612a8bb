from celery import shared_task
from django.utils import timezone

from .services import mentors_resume_due


@shared_task
def resume_paused_mentors() -> int:
    """Daily: list again every mentor whose return date has come; returns how many."""
    return mentors_resume_due(today=timezone.localdate())
