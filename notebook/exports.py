"""The notebook's part of "Download my data" and of deleting an account."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from core.exports import record_data
from core.redact import redact_text_columns
from interviews.display import mentor_name

from .models import (
    ConversationNote,
    MyQuestion,
    Notebook,
    Referral,
    ResumeFeedback,
    ThankYouLetter,
)


def notebook_data_export(*, user) -> dict[str, Any]:
    """Every notebook of this person's conversations as a student, whole (research notes,
    checklist, questions, notes, referrals, the thank-you letter, the mentor's résumé
    feedback), and the résumé feedback they gave as a mentor. A fixed number of queries."""
    notebooks = (
        Notebook.objects.filter(interview__student=user)
        .select_related("interview__mentor", "thank_you")
        .prefetch_related(
            Prefetch("questions", queryset=MyQuestion.objects.order_by("position", "id")),
            Prefetch("notes", queryset=ConversationNote.objects.order_by("created_at", "id")),
            Prefetch("referrals", queryset=Referral.objects.order_by("created_at", "id")),
        )
        .order_by("interview__requested_at", "pk")
    )
    feedback = {f.interview_id: f for f in ResumeFeedback.objects.filter(interview__student=user)}
    exported = []
    for notebook in notebooks:
        letter = _letter(notebook)
        received = feedback.pop(notebook.pk, None)
        exported.append(
            {
                **record_data(notebook),
                "mentor_name": mentor_name(notebook.interview.mentor),
                "questions": [record_data(q, skip=["notebook"]) for q in notebook.questions.all()],
                "notes": [record_data(n, skip=["notebook"]) for n in notebook.notes.all()],
                "referrals": [record_data(r, skip=["notebook"]) for r in notebook.referrals.all()],
                "thank_you_letter": record_data(letter, skip=["notebook"]) if letter else None,
                "resume_feedback": record_data(received) if received else None,
            }
        )
    # Feedback on a résumé for a conversation whose notebook was never opened.
    received_alone = [record_data(f) for f in feedback.values()]
    given = [
        record_data(f)
        for f in ResumeFeedback.objects.filter(interview__mentor__user=user).order_by("created_at")
    ]
    return {
        "notebooks": exported,
        "resume_feedback_received": received_alone,
        "resume_feedback_given": given,
    }


def _letter(notebook: Notebook) -> ThankYouLetter | None:
    try:
        return notebook.thank_you
    except ThankYouLetter.DoesNotExist:
        return None


def notebook_text_redact(*, user, words: list[str], replacement: str) -> None:
    """Remove the person's words from the notebooks of the conversations they held as a
    mentor: the student's notebook stays the student's, without the mentor's name (a
    letter greets them, a note quotes them); and from the résumé feedback they wrote."""
    as_mentor = {"interview__mentor__user": user}
    for rows in (
        Notebook.objects.filter(**as_mentor),
        MyQuestion.objects.filter(notebook__interview__mentor__user=user),
        ConversationNote.objects.filter(notebook__interview__mentor__user=user),
        Referral.objects.filter(notebook__interview__mentor__user=user),
        ThankYouLetter.objects.filter(notebook__interview__mentor__user=user),
        ResumeFeedback.objects.filter(**as_mentor),
    ):
        redact_text_columns(rows, words, replacement)
