"""The interviews app's part of "Download my data" and of deleting an account."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.redact import redact_text_columns

from .models import Feedback, Interview, RescheduleAsk
from .selectors import interview_data_export as _interview_rows


def interview_data_export(*, user) -> dict[str, Any]:
    """Requests and interviews this person took part in, as student or mentor."""
    return {"interviews": _interview_rows(user=user)}


def _interview_ids_for(user) -> list[int]:
    return list(
        Interview.objects.filter(Q(student=user) | Q(mentor__user=user)).values_list(
            "pk", flat=True
        )
    )


def interview_subject_keys_for(*, user) -> list[str]:
    """The outbox keys of emails about this person's conversations."""
    return [f"interview:{pk}" for pk in _interview_ids_for(user)]


def interview_text_redact(*, user, words: list[str], replacement: str) -> None:
    """Remove the person's words from what was written in their conversations, on
    either side: the request, the answers, asks to move, feedback."""
    interview_ids = _interview_ids_for(user)
    for rows in (
        Interview.objects.filter(pk__in=interview_ids),
        RescheduleAsk.objects.filter(interview_id__in=interview_ids),
        Feedback.objects.filter(interview_id__in=interview_ids),
    ):
        redact_text_columns(rows, words, replacement)
