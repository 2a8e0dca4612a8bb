"""The thank-you letter: saved as the student edits it, printed, or emailed through the
site, and marked sent.

Whether the thank-you may be marked sent is the interviews policy's rule
(``thank_you_refusal``: the student, after the start, once); marking it is the
interviews service, which holds the interview's row lock. Sending through the site
marks it (method email) in the same transaction, so a second send, in another tab or
a double click, waits for the lock, is refused, and sends nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from interviews.models import Interview
from interviews.services import interview_thank_you_mark_sent
from users.models import User

from ..emails.thanks import thank_you_queue
from ..models import LETTER_MAX_CHARS, ThankYouLetter
from ._common import notebook_lock

SUBJECT_MAX_CHARS = ThankYouLetter._meta.get_field("subject").max_length or 200
# Where a letter can still be written: the conversation is coming, on, or took place.
COMPOSING_STATES = (Interview.Status.SCHEDULED, Interview.Status.COMPLETED)


def _letter_values(subject: str, body: str) -> tuple[str, str]:
    subject, body = " ".join(subject.split()), body.strip()
    if not subject:
        raise ApplicationError(_("Give the letter a subject."), field="subject")
    if len(subject) > SUBJECT_MAX_CHARS:
        raise ApplicationError(
            _("Keep the subject under %(max)d characters.") % {"max": SUBJECT_MAX_CHARS},
            field="subject",
        )
    if not body:
        raise ApplicationError(_("Write the letter first."), field="body")
    if len(body) > LETTER_MAX_CHARS:
        raise ApplicationError(
            _("Keep the letter under %(max)d characters (it has %(count)d): short is kind.")
            % {"max": LETTER_MAX_CHARS, "count": len(body)},
            field="body",
        )
    return subject, body


def compose_refusal(interview: Interview) -> str | None:
    """Why no thank-you can be written for this conversation, or None."""
    if interview.status not in COMPOSING_STATES:
        return _("This conversation is %(status)s: there is no thank-you to write.") % {
            "status": interview.get_status_display().lower()
        }
    return None


def _letter_locked(interview: Interview, by: User) -> ThankYouLetter:
    if by.pk != interview.student_id:
        raise ApplicationError(_("Only the student can write their thank-you."))
    if refusal := compose_refusal(interview):
        raise ApplicationError(refusal)
    notebook = notebook_lock(interview)
    letter = ThankYouLetter.objects.select_for_update().filter(notebook=notebook).first()
    return letter or ThankYouLetter(notebook=notebook)


@transaction.atomic
def thank_you_save(*, interview: Interview, by: User, subject: str, body: str) -> ThankYouLetter:
    """Save the letter as the student wrote it. A letter emailed through the site is
    what the mentor received: it no longer changes."""
    subject, body = _letter_values(subject, body)
    letter = _letter_locked(interview, by)
    if letter.emailed_at is not None:
        raise ApplicationError(_("This letter was emailed to the mentor, so it stays as sent."))
    letter.subject, letter.body = subject, body
    letter.save()
    return letter


@transaction.atomic
def thank_you_send(*, interview: Interview, by: User, subject: str, body: str) -> ThankYouLetter:
    """Save the letter, email it to the mentor through the outbox (from the site's
    address, replies to the student), and mark the thank-you sent by email."""
    subject, body = _letter_values(subject, body)
    if interview.mentor.user.is_erased:
        raise ApplicationError(_("This mentor's account is closed, so the letter cannot go."))
    # Locks the interview and asks the policy: not before the start, not twice.
    interview = interview_thank_you_mark_sent(
        interview=interview, by=by, method=Interview.ThankYouMethod.EMAIL
    )
    letter = _letter_locked(interview, by)
    letter.subject, letter.body, letter.emailed_at = subject, body, timezone.now()
    letter.save()
    thank_you_queue(interview)
    return letter
