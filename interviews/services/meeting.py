"""Around the conversation itself: cancelling, confirming, a no-show, thanks, feedback."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.services import mentor_load_add
from users.models import User

from .. import notify, policy, reminders
from ..models import Feedback, Interview, RescheduleAsk
from ..policy import ActionNotAllowed
from ._common import is_late, lock
from .rescheduling import close_ask, open_ask_locked

Status = Interview.Status


@transaction.atomic
def interview_cancel(*, interview: Interview, by: User, reason: str) -> Interview:
    """Either side calls off a scheduled interview, or the mentor an accepted one (the
    student withdraws a request that has no time yet); a late one is recorded."""
    interview = lock(interview)
    policy.require("cancel", interview, by)
    return cancel_locked(interview, by=by, reason=reason)


def cancel_locked(interview: Interview, *, by: User, reason: str) -> Interview:
    """Call off the locked ``interview``: what a cancellation writes and tells."""
    if not reason.strip():
        raise ActionNotAllowed(_("Say briefly why you cancel."), field="reason")
    was_scheduled = interview.status == Status.SCHEDULED
    if was_scheduled:
        assert interview.starts_at is not None  # scheduled: the database requires a time
        interview.late_cancellation = is_late(interview)
        interview.sequence += 1
        if ask := open_ask_locked(interview):
            close_ask(ask, status=RescheduleAsk.Status.CLOSED)
        mentor_load_add(mentor=interview.mentor_id, month_of=interview.starts_at, delta=-1)
    interview.status = Status.CANCELLED
    interview.cancel_reason = reason.strip()
    interview.cancelled_by = by
    interview.closed_at = timezone.now()
    interview.save(
        update_fields=["status", "cancel_reason", "cancelled_by", "closed_at",
                       "late_cancellation", "sequence", "updated_at"]
    )  # fmt: skip
    reminders.reminders_void(interview)
    notify.cancelled(interview, by=by, was_scheduled=was_scheduled)
    return interview


@transaction.atomic
def interview_confirm(*, interview: Interview, by: User) -> Interview:
    """The student confirms a scheduled interview (about 48 hours before); the mentor is told."""
    interview = lock(interview)
    now = timezone.now()
    if policy.confirm_is_repeat(interview, by, now=now):
        return interview  # a second click or tab: the mentor was told once
    policy.require("confirm", interview, by, now=now)
    interview.confirmed_at = now
    interview.save(update_fields=["confirmed_at", "updated_at"])
    reminders.reminders_void(interview, kinds=[reminders.CONFIRM, reminders.CONFIRM_AGAIN])
    notify.confirmed(interview)
    return interview


@transaction.atomic
def interview_mark_no_show(*, interview: Interview, by: User) -> Interview:
    """Either side records that the conversation did not take place, unless that side
    has already said it did (thank-you or feedback)."""
    interview = lock(interview)
    policy.require("no_show", interview, by)
    assert interview.starts_at is not None  # the policy allows it only after the start
    interview.status = Status.NO_SHOW
    interview.no_show_by = "mentor" if by.pk == interview.mentor.user_id else "student"
    interview.closed_at = timezone.now()
    interview.save(update_fields=["status", "no_show_by", "closed_at", "updated_at"])
    mentor_load_add(mentor=interview.mentor_id, month_of=interview.starts_at, delta=-1)
    reminders.reminders_void(interview)
    notify.no_show(interview)
    return interview


@transaction.atomic
def interview_thank_you_mark_sent(*, interview: Interview, by: User, method: str) -> Interview:
    """The student sent their thank-you (email, letter or card); reminders about it stop."""
    interview = lock(interview)
    policy.require("thank_you", interview, by)
    if method not in Interview.ThankYouMethod.values:
        raise ActionNotAllowed(_("Choose how you sent it."), field="method")
    interview.thank_you_sent_at = timezone.now()
    interview.thank_you_method = method
    interview.save(update_fields=["thank_you_sent_at", "thank_you_method", "updated_at"])
    reminders.reminders_void(interview, kinds=[reminders.THANK_YOU, reminders.THANK_YOU_NUDGE])
    return interview


def interview_confirm_by_token(*, token: str) -> Interview:
    """The one-click link in the confirmation reminder; valid until the meeting starts."""
    found = reminders.confirm_token_check(token, max_age=Interview.CONFIRM_LINK_MAX_AGE)
    interview = Interview.objects.filter(pk=found[0]).first() if found else None
    if not found or interview is None:
        raise ActionNotAllowed(_("This confirmation link is not valid."))
    if refusal := policy.confirm_link_refusal(interview, sequence=found[1]):
        raise ActionNotAllowed(refusal)
    return interview_confirm(interview=interview, by=interview.student)


@transaction.atomic
def interview_feedback_give(*, interview: Interview, by: User, rating: int, comment: str = ""):
    """Either side, once, after the conversation took place."""
    interview = lock(interview)
    policy.require("feedback", interview, by)
    if rating not in Feedback.Rating.values:
        raise ActionNotAllowed(_("Choose how useful it was."), field="rating")
    feedback = Feedback.objects.create(
        interview=interview, author=by, rating=rating, comment=comment.strip()
    )
    reminders.reminders_void_for(interview, person=by, kinds=[reminders.FEEDBACK])
    return feedback
