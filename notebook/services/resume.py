"""The mentor's written feedback on the résumé the student attached, after the
conversation. The student sees it on the interview page and is emailed once, when it
is first saved; later edits show on the page without another email."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from interviews.models import Interview
from users.models import User

from ..emails.resume import resume_feedback_queue
from ..models import LETTER_MAX_CHARS, ResumeFeedback

HELD_STATES = (Interview.Status.SCHEDULED, Interview.Status.COMPLETED)


def resume_feedback_refusal(
    interview: Interview, user: User, *, now: datetime.datetime | None = None
) -> str | None:
    """Why ``user`` cannot leave feedback on this conversation's résumé now, or None:
    only its mentor, only when a résumé was attached, only once the conversation ended."""
    if user.pk != interview.mentor.user_id:
        return _("Only the mentor can leave feedback on the résumé.")
    if not interview.resume_attached:
        return _("The student did not attach a résumé to this request.")
    if interview.status not in HELD_STATES:
        return _("This conversation is %(status)s, so there is no résumé feedback to give.") % {
            "status": interview.get_status_display().lower()
        }
    if not interview.has_ended(now):
        return _("You can leave feedback on the résumé once the conversation has ended.")
    return None


@transaction.atomic
def resume_feedback_save(
    *, interview: Interview, by: User, text: str
) -> tuple[ResumeFeedback, bool]:
    """Save the feedback; returns it and whether it is new (then the student is emailed)."""
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write your feedback first."), field="text")
    if len(text) > LETTER_MAX_CHARS:
        raise ApplicationError(
            _("Keep your feedback under %(max)d characters (it has %(count)d).")
            % {"max": LETTER_MAX_CHARS, "count": len(text)},
            field="text",
        )
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("student", "mentor__user")
        .get(pk=interview.pk)
    )
    if refusal := resume_feedback_refusal(interview, by):
        raise ApplicationError(refusal)
    feedback = ResumeFeedback.objects.filter(interview=interview).first()
    if feedback is not None:
        feedback.text = text
        feedback.save(update_fields=["text", "updated_at"])
        return feedback, False
    feedback = ResumeFeedback.objects.create(interview=interview, text=text)
    resume_feedback_queue(interview)
    return feedback, True
