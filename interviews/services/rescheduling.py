"""Moving a scheduled conversation: the mentor moves it, or answers the student's ask."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.services import mentor_load_add
from users.models import User

from .. import notify, policy, reminders
from ..models import Interview, RescheduleAsk, TimeProposal
from ..policy import ActionNotAllowed
from ._common import is_late, lock
from .scheduling import schedule
from .windows import (
    Window,
    beyond_horizon_message,
    fit_start,
    request_horizon_end,
    validate_windows,
    windows_check_free,
)


def open_ask_locked(interview: Interview) -> RescheduleAsk | None:
    return (
        RescheduleAsk.objects.select_for_update()
        .filter(interview=interview, status=RescheduleAsk.Status.OPEN)
        .first()
    )


def close_ask(ask: RescheduleAsk, *, status: str, note: str = "") -> None:
    """An ask is answered, replaced or overtaken: it and its windows are no longer open."""
    ask.status = status
    ask.answer_note = note
    ask.answered_at = timezone.now()
    ask.save(update_fields=["status", "answer_note", "answered_at"])
    ask.proposals.filter(withdrawn=False).update(withdrawn=True)


def _move(
    interview: Interview,
    *,
    by: User,
    starts_at: datetime.datetime,
    reason: str,
    offered_at: datetime.datetime | None = None,
    to_asked_time: bool = False,
) -> None:
    """The one path every move takes (once the policy allowed it): checks of the new time,
    count, late flag, invite, emails, reminders."""
    if starts_at <= timezone.now():
        raise ActionNotAllowed(_("Choose a time in the future."), field="starts_at")
    if starts_at > request_horizon_end():
        raise ActionNotAllowed(beyond_horizon_message(), field="starts_at")
    if starts_at == interview.starts_at:
        raise ActionNotAllowed(_("That is the time already agreed."), field="starts_at")
    old_start = interview.starts_at
    assert old_start is not None  # scheduled: the database requires a time
    late = is_late(interview)
    mentor_load_add(mentor=interview.mentor_id, month_of=old_start, delta=-1)
    interview.sequence += 1
    interview.confirmed_at = None
    interview.reschedule_count += 1
    interview.late_reschedule = interview.late_reschedule or late
    interview.save(
        update_fields=["sequence", "confirmed_at", "reschedule_count", "late_reschedule"]
    )
    schedule(interview, starts_at, by=by, offered_at=offered_at)
    notify.rescheduled(
        interview, by=by, reason=reason, to_asked_time=to_asked_time, previous_start=old_start
    )
    reminders.reminders_schedule(interview)


@transaction.atomic
def interview_reschedule(
    *, interview: Interview, by: User, starts_at: datetime.datetime, reason: str
) -> Interview:
    """The mentor moves a scheduled interview (it is their volunteered time); the invite
    keeps its UID, the sequence goes up. A student asks instead (``interview_reschedule_ask``),
    and an open ask is closed by the move."""
    interview = lock(interview)
    policy.require("reschedule", interview, by)
    if not reason.strip():
        raise ActionNotAllowed(_("Say briefly why the time changes."), field="reason")
    ask = open_ask_locked(interview)
    _move(interview, by=by, starts_at=starts_at, reason=reason.strip())
    if ask is not None:
        close_ask(ask, status=RescheduleAsk.Status.CLOSED)
    return interview


@transaction.atomic
def interview_reschedule_ask(
    *, interview: Interview, by: User, reason: str, windows: Sequence[Window]
) -> RescheduleAsk:
    """The student asks the mentor to move the time, proposing one to three windows. The
    conversation stays at the agreed time until the mentor answers; a new ask replaces an
    open one."""
    interview = lock(interview)
    policy.require("ask_reschedule", interview, by)
    if not reason.strip():
        raise ActionNotAllowed(_("Say briefly why you need another time."), field="reason")
    windows = validate_windows(windows, duration_minutes=interview.duration_minutes)
    if not windows:
        raise ActionNotAllowed(_("Propose one to three times that suit you."), field="windows")
    length = datetime.timedelta(minutes=interview.duration_minutes)
    if any(
        w.starts_at == interview.starts_at and w.ends_at - w.starts_at == length for w in windows
    ):
        raise ActionNotAllowed(
            _("One of these times is the time already agreed. Propose other times."),
            field="windows",
        )
    windows_check_free(windows, proposer=by, student_id=by.pk, exclude_id=interview.pk)
    if previous := open_ask_locked(interview):
        close_ask(previous, status=RescheduleAsk.Status.REPLACED)
    late = is_late(interview)
    ask = RescheduleAsk.objects.create(interview=interview, reason=reason.strip(), late=late)
    ask.windows = TimeProposal.objects.bulk_create(
        TimeProposal(
            interview=interview,
            ask=ask,
            proposed_by=TimeProposal.By.STUDENT,
            starts_at=w.starts_at,
            ends_at=w.ends_at,
        )
        for w in windows
    )
    if late and not interview.late_reschedule:
        interview.late_reschedule = True
        interview.save(update_fields=["late_reschedule", "updated_at"])
    notify.reschedule_asked(interview, ask=ask)
    return ask


def _the_open_ask(interview: Interview) -> RescheduleAsk:
    """The open ask the policy found, locked for the change."""
    ask = open_ask_locked(interview)
    assert ask is not None  # the policy refuses without one, under the same row lock
    return ask


@transaction.atomic
def interview_reschedule_ask_pick(
    *,
    interview: Interview,
    by: User,
    proposal_id: int,
    start_at: datetime.datetime | None = None,
) -> Interview:
    """The mentor takes one of the times the student asked for: the conversation moves
    the same way as when the mentor moves it, and both get the updated invite."""
    interview = lock(interview)
    policy.require("reschedule_pick", interview, by)
    ask = _the_open_ask(interview)
    proposal = ask.proposals.filter(pk=proposal_id, withdrawn=False).first()
    if proposal is None:
        raise ActionNotAllowed(_("Choose one of the times the student proposed."), field="proposal")
    start = fit_start(proposal, start_at, interview.duration_minutes)
    _move(
        interview,
        by=by,
        starts_at=start,
        reason="",
        offered_at=proposal.created_at,
        to_asked_time=True,
    )
    close_ask(ask, status=RescheduleAsk.Status.MOVED)
    return interview


@transaction.atomic
def interview_reschedule_ask_keep(
    *, interview: Interview, by: User, note: str = ""
) -> RescheduleAsk:
    """The mentor keeps the agreed time (perhaps with a short note); the student is told."""
    interview = lock(interview)
    policy.require("reschedule_keep", interview, by)
    ask = _the_open_ask(interview)
    close_ask(ask, status=RescheduleAsk.Status.KEPT, note=note.strip())
    notify.reschedule_kept(interview, ask=ask)
    return ask
