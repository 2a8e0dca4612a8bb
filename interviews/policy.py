"""Who may take which action on an interview now: the one place that says so.

For each action one function, ``<action>_refusal(interview, user, *, now)``, says why
``user`` may not take it on ``interview`` at ``now`` (a message for that person, already
translated), or returns None when they may. Each asks first who may act, then which
state the conversation must be in, then what the clock and the conversation's own
record allow.

The services call ``require`` on the row they hold locked and raise the refusal as
``ActionNotAllowed``; the interview page lists ``available_actions``, the actions with
no refusal, in ``ORDER``; the template renders that list. A new action is an entry in
``ROLES``, a function here and an entry in ``REFUSALS``, and its form and wording in
``interviews.views.actions``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from core.errors import ApplicationError
from users.models import User

from .models import Feedback, Interview, RescheduleAsk
from .selectors import interview_open_ask

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Interview.Status
MENTOR, STUDENT, EITHER = "mentor", "student", "either"


class ActionNotAllowed(ApplicationError):
    """The action cannot be taken now; ``message`` says why, for the person."""


# Who may take each action, and what anyone else is told.
ROLES: dict[str, tuple[str, StrOrPromise]] = {
    "accept": (MENTOR, gettext_lazy("Only the mentor can accept a request.")),
    "decline": (MENTOR, gettext_lazy("Only the mentor can decline a request.")),
    "choose_time": (
        STUDENT,
        gettext_lazy("Only the student can choose one of the mentor's times."),
    ),
    "confirm": (STUDENT, gettext_lazy("Only the student can confirm the conversation.")),
    "update_details": (MENTOR, gettext_lazy("Only the mentor can change the meeting details.")),
    "reschedule": (
        MENTOR,
        gettext_lazy(
            "Only the mentor can move the time. Ask them to move it, proposing other times."
        ),
    ),
    "ask_reschedule": (STUDENT, gettext_lazy("Only the student can ask to move the time.")),
    "reschedule_pick": (
        MENTOR,
        gettext_lazy("Only the mentor can answer an ask to move the time."),
    ),
    "reschedule_keep": (
        MENTOR,
        gettext_lazy("Only the mentor can answer an ask to move the time."),
    ),
    "withdraw": (STUDENT, gettext_lazy("Only the student can withdraw the request.")),
    "cancel": (
        EITHER,
        gettext_lazy("Only the student or the mentor can cancel the conversation."),
    ),
    "thank_you": (STUDENT, gettext_lazy("Only the student can mark the thank-you as sent.")),
    "feedback": (
        EITHER,
        gettext_lazy("Only the student or the mentor can share feedback here."),
    ),
    "no_show": (
        EITHER,
        gettext_lazy("Only the student or the mentor can report that it did not take place."),
    ),
}


def takes_part_as(who: str, interview: Interview, user: User) -> bool:
    is_student = interview.student_id == user.pk
    is_mentor = interview.mentor.user_id == user.pk
    return {MENTOR: is_mentor, STUDENT: is_student, EITHER: is_student or is_mentor}[who]


def role_refusal(action: str, interview: Interview, user: User) -> str | None:
    """Why this person is not the one who takes ``action`` (whatever the state), or None."""
    who, only = ROLES[action]
    return None if takes_part_as(who, interview, user) else str(only)


def _state(interview: Interview, *states: str, action: StrOrPromise) -> str | None:
    if interview.status in states:
        return None
    return _("This interview is %(status)s, so it can no longer be %(action)s.") % {
        "status": interview.get_status_display().lower(),
        "action": action,
    }


def _upcoming(interview: Interview, *, now: datetime.datetime, action: StrOrPromise) -> str | None:
    """Scheduled and not yet started."""
    if refusal := _state(interview, Status.SCHEDULED, action=action):
        return refusal
    if interview.has_started(now):
        return _("This conversation has already started.")
    return None


def moves_used_up(interview: Interview) -> str | None:
    """Why the time of this conversation can no longer be moved, or None if it can."""
    if interview.reschedule_count >= settings.MAX_RESCHEDULES:
        return _(
            "This conversation has already been moved %(count)d times. If the time no longer "
            "works, cancel it and ask again for a time that does."
        ) % {"count": interview.reschedule_count}
    return None


def _movable(interview: Interview, *, now: datetime.datetime) -> str | None:
    return _upcoming(interview, now=now, action=_("rescheduled")) or moves_used_up(interview)


def open_ask(interview: Interview) -> RescheduleAsk | None:
    """The open ask to move the time, read once and kept on the interview."""
    if not hasattr(interview, "open_ask"):
        interview.open_ask = (
            interview_open_ask(interview) if interview.status == Status.SCHEDULED else None
        )
    return interview.open_ask


def _no_open_ask(interview: Interview) -> str | None:
    if open_ask(interview) is None:
        return _("There is no open ask to move this conversation.")
    return None


def took_place_refusal(interview: Interview, *, by: User) -> str | None:
    """Why this person can no longer say the conversation did not take place: they said
    it did, by marking their thank-you sent or by sharing feedback. None if they can."""
    if by.pk == interview.student_id and interview.thank_you_sent_at is not None:
        return _("You marked your thank-you as sent, so the conversation took place.")
    if Feedback.objects.filter(interview=interview, author=by).exists():
        return _("You shared feedback on this conversation, so it took place.")
    return None


# --- One function per action ------------------------------------------------------------


def accept_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    return role_refusal("accept", interview, user) or _state(
        interview, Status.REQUESTED, action=_("accepted")
    )


def decline_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    return role_refusal("decline", interview, user) or _state(
        interview, Status.REQUESTED, action=_("declined")
    )


def choose_time_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    return role_refusal("choose_time", interview, user) or _state(
        interview, Status.ACCEPTED, action=_("scheduled")
    )


def _confirm_blocked(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    return role_refusal("confirm", interview, user) or _upcoming(
        interview, now=now, action=_("confirmed")
    )


def confirm_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    if refusal := _confirm_blocked(interview, user, now=now):
        return refusal
    if interview.confirmed_at is not None:
        return _("You already confirmed this conversation.")
    return None


def confirm_is_repeat(interview: Interview, user: User, *, now: datetime.datetime) -> bool:
    """Whether confirming now would only repeat a confirmation already recorded (a second
    click or a second tab): harmless, so the service lets it pass without a word."""
    return interview.confirmed_at is not None and _confirm_blocked(interview, user, now=now) is None


def update_details_refusal(
    interview: Interview, user: User, *, now: datetime.datetime
) -> str | None:
    """How to meet is set or changed before the meeting: once a time is offered or fixed."""
    if refusal := role_refusal("update_details", interview, user):
        return refusal
    if interview.status == Status.ACCEPTED:
        return None
    return _upcoming(interview, now=now, action=_("changed"))


def reschedule_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    return role_refusal("reschedule", interview, user) or _movable(interview, now=now)


def ask_reschedule_refusal(
    interview: Interview, user: User, *, now: datetime.datetime
) -> str | None:
    return role_refusal("ask_reschedule", interview, user) or _movable(interview, now=now)


def reschedule_pick_refusal(
    interview: Interview, user: User, *, now: datetime.datetime
) -> str | None:
    return (
        role_refusal("reschedule_pick", interview, user)
        or _movable(interview, now=now)
        or _no_open_ask(interview)
    )


def reschedule_keep_refusal(
    interview: Interview, user: User, *, now: datetime.datetime
) -> str | None:
    """Keeping the agreed time needs no move left, only an open ask before the start."""
    return (
        role_refusal("reschedule_keep", interview, user)
        or _upcoming(interview, now=now, action=_("changed"))
        or _no_open_ask(interview)
    )


def withdraw_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    # With a context: a time proposal's "withdrawn" field is another word in Spanish.
    withdrawn = pgettext("it can no longer be", "withdrawn")
    return role_refusal("withdraw", interview, user) or _state(
        interview, Status.REQUESTED, Status.ACCEPTED, action=withdrawn
    )


def cancel_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    """Either side calls off a scheduled conversation before it starts, or the mentor an
    accepted request; the student withdraws a request that has no time yet."""
    if refusal := role_refusal("cancel", interview, user):
        return refusal
    if refusal := _state(interview, Status.ACCEPTED, Status.SCHEDULED, action=_("cancelled")):
        return refusal
    if interview.status == Status.ACCEPTED and user.pk == interview.student_id:
        return _("This request has no time yet: withdraw it instead.")
    if interview.status == Status.SCHEDULED and interview.has_started(now):
        return _("This conversation has already started.")
    return None


def thank_you_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    if refusal := role_refusal("thank_you", interview, user):
        return refusal
    if refusal := _state(interview, Status.SCHEDULED, Status.COMPLETED, action=_("thanked for")):
        return refusal
    if not interview.has_started(now):
        return _("Send your thank-you after the conversation.")
    if interview.thank_you_sent_at is not None:
        return _("You already marked your thank-you as sent.")
    return None


def feedback_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    """Either side, once, after the conversation took place."""
    if refusal := role_refusal("feedback", interview, user) or _state(
        interview, Status.COMPLETED, action=_("given feedback")
    ):
        return refusal
    if interview.feedback.filter(author=user).exists():
        return _("You already shared your feedback. Thank you!")
    return None


def no_show_refusal(interview: Interview, user: User, *, now: datetime.datetime) -> str | None:
    """Either side, from the start until NO_SHOW_REPORT_DAYS after the end, unless that
    side has already said it took place (thank-you or feedback)."""
    if refusal := role_refusal("no_show", interview, user) or _state(
        interview, Status.SCHEDULED, Status.COMPLETED, action=_("marked as missed")
    ):
        return refusal
    # Scheduled ones must have a time (a database constraint); completed ones were scheduled.
    assert interview.starts_at is not None and interview.ends_at is not None
    if interview.starts_at > now:
        return _("You can report a missed conversation only after its start.")
    if refusal := took_place_refusal(interview, by=user):
        return refusal
    if now - interview.ends_at > datetime.timedelta(days=settings.NO_SHOW_REPORT_DAYS):
        return _("It is too late to report this conversation as missed.")
    return None


Refusal = Callable[..., "str | None"]

# The order the interview page shows the actions in.
REFUSALS: dict[str, Refusal] = {
    "accept": accept_refusal,
    "decline": decline_refusal,
    "choose_time": choose_time_refusal,
    "confirm": confirm_refusal,
    "update_details": update_details_refusal,
    "reschedule_pick": reschedule_pick_refusal,
    "reschedule_keep": reschedule_keep_refusal,
    "reschedule": reschedule_refusal,
    "ask_reschedule": ask_reschedule_refusal,
    "withdraw": withdraw_refusal,
    "cancel": cancel_refusal,
    "thank_you": thank_you_refusal,
    "feedback": feedback_refusal,
    "no_show": no_show_refusal,
}
ORDER = tuple(REFUSALS)


def refusal(
    action: str, interview: Interview, user: User, *, now: datetime.datetime | None = None
) -> str | None:
    """Why ``user`` may not take ``action`` on ``interview`` now, or None if they may."""
    return REFUSALS[action](interview, user, now=now or timezone.now())


def require(
    action: str, interview: Interview, user: User, *, now: datetime.datetime | None = None
) -> None:
    """Raise ``ActionNotAllowed`` with the refusal, if there is one. Services call it on
    the row they hold locked, so the answer cannot change before they write."""
    if (message := refusal(action, interview, user, now=now)) is not None:
        raise ActionNotAllowed(message)


def available_actions(
    interview: Interview, user: User, *, now: datetime.datetime | None = None
) -> list[str]:
    """The actions this person may take now, in the order the page shows them."""
    now = now or timezone.now()
    return [name for name in ORDER if refusal(name, interview, user, now=now) is None]


def confirm_link_refusal(
    interview: Interview, *, sequence: int, now: datetime.datetime | None = None
) -> str | None:
    """Why a confirmation link for ``sequence`` can no longer confirm, told as what
    happened to the conversation (checked before the sequence: a cancellation raises it
    too, and is not a change of time). None if it can."""
    if interview.status == Status.CANCELLED:
        return _("This conversation was cancelled, so there is nothing to confirm.")
    if interview.status in (Status.COMPLETED, Status.NO_SHOW):
        return _("This conversation has already taken place.")
    if interview.status != Status.SCHEDULED:
        return _("This conversation is no longer scheduled, so there is nothing to confirm.")
    if sequence != interview.sequence:
        return _("The time of this conversation changed after this link was sent. Use the "
                 "link in the newest email, or confirm on the interview page.")  # fmt: skip
    if interview.has_started(now):
        return _("This conversation has already started.")
    return None
