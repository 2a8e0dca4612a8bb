"""What every change to an interview starts from: the row, locked."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from ..models import Interview


def lock(interview: Interview) -> Interview:
    """Re-read the row under a lock, so a double click or a second tab sees the new state."""
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("student", "mentor", "mentor__user")
        .get(pk=interview.pk)
    )


def is_late(interview: Interview) -> bool:
    """Whether a change now is as late as a late cancellation (LATE_CANCELLATION_HOURS)."""
    assert interview.starts_at is not None  # scheduled: the database requires a time
    notice = datetime.timedelta(hours=settings.LATE_CANCELLATION_HOURS)
    return interview.starts_at - timezone.now() < notice
