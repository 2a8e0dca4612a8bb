"""Every change to an interview: who may make it, from which state, in one transaction.

Each function locks the interview row, asks ``policy`` whether this person may take
the action now (on the locked row), checks the input, writes the change and the emails it
causes (to the outbox, in the same transaction), and returns the interview. A refused
action raises ``ActionNotAllowed`` with a message for the person; a time that another
interview took meanwhile raises ``SlotTaken``.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.models import MentorProfile
from mentors.selectors import mentor_has_capacity
from mentors.services import mentor_load_add
from students.models import StudentProfile
from students.services import resume_snapshot_create
from users.models import User

from . import notify, policy, reminders
from .display import mentor_name, other_party_name, student_name
from .models import MAX_MINUTES, MIN_MINUTES, Feedback, Interview, RescheduleAsk, TimeProposal
from .policy import ActionNotAllowed
from .selectors import interview_scheduled_overlapping
from .templatetags.interview_tags import window as window_text

Status = Interview.Status
MAX_WINDOWS = 3


class SlotTaken(ActionNotAllowed):
    """Another scheduled interview of the mentor or the student overlaps this time.

    ``title`` heads the page that explains it; ``own`` says whether the overlap is with
    the calendar of the person acting (which they can see) or with the other side's.
    """

    def __init__(self, message: str, *, title: str, own: bool):
        super().__init__(message)
        self.title = title
        self.own = own


@dataclass(frozen=True)
class Window:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def _now() -> datetime.datetime:
    return timezone.now()


def _lock(interview: Interview) -> Interview:
    """Re-read the row under a lock, so a double click or a second tab sees the new state."""
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("student", "mentor", "mentor__user")
        .get(pk=interview.pk)
    )


def request_horizon_end(now: datetime.datetime | None = None) -> datetime.datetime:
    """The latest a proposed or moved time may start: REQUEST_HORIZON_DAYS ahead."""
    return (now or _now()) + datetime.timedelta(days=settings.REQUEST_HORIZON_DAYS)


def _beyond_horizon_message() -> str:
    return _("Propose a time within the next %(days)d days.") % {
        "days": settings.REQUEST_HORIZON_DAYS
    }


def validate_windows(
    windows: Sequence[Window], *, duration_minutes: int, now: datetime.datetime | None = None
) -> list[Window]:
    """Proposed windows: in the future but not too far, long enough, not overlapping; at
    most three."""
    now = now or _now()
    horizon = request_horizon_end(now)
    if len(windows) > MAX_WINDOWS:
        raise ActionNotAllowed(_("Propose at most three times."), field="windows")
    length = datetime.timedelta(minutes=duration_minutes)
    ordered = sorted(windows, key=lambda w: w.starts_at)
    for window in ordered:
        if window.ends_at <= window.starts_at:
            raise ActionNotAllowed(_("Each time must end after it starts."), field="windows")
        if window.starts_at <= now:
            raise ActionNotAllowed(_("Propose times in the future."), field="windows")
        if window.starts_at > horizon:
            raise ActionNotAllowed(_beyond_horizon_message(), field="windows")
        if window.ends_at - window.starts_at < length:
            raise ActionNotAllowed(
                _("Each time must be at least as long as the conversation (%(minutes)d minutes).")
                % {"minutes": duration_minutes},
                field="windows",
            )
    for earlier, later in itertools.pairwise(ordered):
        if later.starts_at < earlier.ends_at:
            raise ActionNotAllowed(_("Two of the proposed times overlap."), field="windows")
    return ordered


def windows_check_free(
    windows: Sequence[Window],
    *,
    proposer: User,
    mentor_id: int | None = None,
    student_id: int | None = None,
    exclude_id: int | None = None,
) -> None:
    """Refuse a window that overlaps one of the proposer's own scheduled conversations
    (``mentor_id`` or ``student_id`` names their calendar; ``exclude_id`` the conversation
    being moved): the other side could pick it, and then it could never be fixed."""
    if not windows:
        return
    busy = interview_scheduled_overlapping(
        starts_at=min(w.starts_at for w in windows),
        ends_at=max(w.ends_at for w in windows),
        mentor_id=mentor_id,
        student_id=student_id,
        exclude_id=exclude_id,
    )
    for proposed in windows:
        for other in busy:
            assert other.starts_at is not None and other.ends_at is not None  # scheduled
            if other.starts_at < proposed.ends_at and proposed.starts_at < other.ends_at:
                raise ActionNotAllowed(
                    _(
                        "You already have a conversation with %(name)s then (%(when)s). "
                        "Propose a time that does not overlap it."
                    )
                    % {
                        "name": other_party_name(other, proposer),
                        "when": window_text(other.starts_at, other.ends_at, proposer.tzinfo),
                    },
                    field="windows",
                )


def _add_proposals(interview: Interview, windows: Sequence[Window], *, by: str) -> None:
    TimeProposal.objects.filter(interview=interview, withdrawn=False).update(withdrawn=True)
    TimeProposal.objects.bulk_create(
        TimeProposal(interview=interview, proposed_by=by, starts_at=w.starts_at, ends_at=w.ends_at)
        for w in windows
    )


def open_request_count(*, student: User) -> int:
    return Interview.objects.filter(
        student=student, status__in=[Status.REQUESTED, Status.ACCEPTED]
    ).count()


@transaction.atomic
def interview_request_create(
    *,
    student: User,
    mentor_id: int,
    goal: str,
    research: str,
    not_a_job_request: bool,
    duration_minutes: int,
    formats: Sequence[str],
    windows: Sequence[Window] = (),
    at_mentor_convenience: bool = False,
    referrer_name: str = "",
    referrer_relation: str = "",
    attach_resume: bool = False,
) -> Interview:
    """A student asks a mentor for a conversation."""
    # Serialise one student's requests, so two quick submits cannot both pass the limits.
    student = User.objects.select_for_update().get(pk=student.pk)
    profile = StudentProfile.objects.filter(user=student).first()
    if not student.is_student or profile is None or not profile.is_complete:
        raise ActionNotAllowed(
            _("Complete your student profile before you ask for a conversation.")
        )
    mentor = (
        MentorProfile.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=mentor_id)
        .first()
    )
    if mentor is None:
        raise ActionNotAllowed(_("That mentor is not available."))
    if mentor.user_id == student.pk:
        raise ActionNotAllowed(_("You cannot ask yourself for a conversation."))
    if not MentorProfile.objects.listed().filter(pk=mentor.pk).exists():
        raise ActionNotAllowed(
            _("%(name)s is not taking requests at the moment. Try another mentor.")
            % {"name": mentor.display_name}
        )
    if not mentor_has_capacity(mentor=mentor, month_of=_now()):
        raise ActionNotAllowed(
            _("%(name)s has reached the number of conversations they offer this month.")
            % {"name": mentor.display_name}
        )
    if not not_a_job_request:
        raise ActionNotAllowed(
            _("Confirm that you are asking for information and advice, not for a job."),
            field="not_a_job_request",
        )
    if duration_minutes not in (30, 45, 60) or not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise ActionNotAllowed(_("Ask for 30, 45 or 60 minutes."), field="duration_minutes")
    formats = [f for f in dict.fromkeys(formats) if f in MentorProfile.Format.values]
    if not formats:
        raise ActionNotAllowed(_("Choose at least one way to meet."), field="formats")
    if mentor.meeting_formats and not set(formats) & set(mentor.meeting_formats):
        raise ActionNotAllowed(
            _("%(name)s meets only by: %(formats)s.")
            % {
                "name": mentor.display_name,
                "formats": ", ".join(mentor.get_meeting_formats_display()),
            },
            field="formats",
        )
    windows = validate_windows(windows, duration_minutes=duration_minutes)
    windows_check_free(windows, proposer=student, student_id=student.pk)
    if not windows and not at_mentor_convenience:
        raise ActionNotAllowed(
            _("Propose up to three times, or leave it to the mentor's convenience."),
            field="windows",
        )
    if attach_resume and not profile.resume:
        raise ActionNotAllowed(_("Upload a résumé to your profile first."), field="attach_resume")
    if open_request_count(student=student) >= settings.MAX_PENDING_REQUESTS:
        raise ActionNotAllowed(
            _(
                "You already have %(count)d requests waiting for an answer. Wait for one to be "
                "answered, or withdraw one, before you ask someone else."
            )
            % {"count": settings.MAX_PENDING_REQUESTS}
        )
    try:
        with transaction.atomic():
            interview = Interview.objects.create(
                student=student,
                mentor=mentor,
                goal=goal.strip(),
                research=research.strip(),
                referrer_name=referrer_name.strip(),
                referrer_relation=referrer_relation.strip(),
                not_a_job_request=True,
                duration_minutes=duration_minutes,
                formats=formats,
                at_mentor_convenience=at_mentor_convenience and not windows,
                resume_attached=attach_resume,
            )
    except IntegrityError as error:
        if "interview_one_open_per_pair" in str(error):
            raise ActionNotAllowed(
                _("You already have an open request with %(name)s.") % {"name": mentor.display_name}
            ) from error
        raise
    if attach_resume:  # the mentor gets this file, not a later upload
        resume_snapshot_create(student=student, subject_key=interview.subject_key)
    _add_proposals(interview, windows, by=TimeProposal.By.STUDENT)
    notify.request_created(interview)
    reminders.stale_request_reminder(interview)
    return interview


def _fit_start(
    proposal: TimeProposal, start_at: datetime.datetime | None, duration: int
) -> datetime.datetime:
    start = start_at or proposal.starts_at
    end = start + datetime.timedelta(minutes=duration)
    if start < proposal.starts_at or end > proposal.ends_at:
        raise ActionNotAllowed(
            _(
                "Choose a start time inside the proposed window, leaving room for %(minutes)d minutes."
            )
            % {"minutes": duration},
            field="start_at",
        )
    if start <= _now():
        raise ActionNotAllowed(_("That time has already passed."), field="start_at")
    return start


def _check_format(interview: Interview, format: str) -> None:
    if format not in interview.formats:
        raise ActionNotAllowed(
            _("Choose one of the formats the student offered: %(formats)s.")
            % {"formats": ", ".join(interview.get_formats_display())},
            field="format",
        )


def _check_details(format: str, meeting_details: str) -> None:
    if not meeting_details.strip():
        needed_for: dict[str, str] = {
            MentorProfile.Format.IN_PERSON: _("the address"),
            MentorProfile.Format.PHONE: _("the phone number to call"),
            MentorProfile.Format.VIDEO: _("the video link"),
        }
        needed = needed_for[format]
        raise ActionNotAllowed(
            _("Add %(needed)s so the student knows how to meet you.") % {"needed": needed},
            field="meeting_details",
        )


def _slot_taken(
    interview: Interview, *, by: User, offered_at: datetime.datetime | None
) -> SlotTaken:
    """Why the database refused the time: whose calendar it overlaps, and whether that
    conversation was fixed after the time was offered or was there already."""
    starts_at, ends_at = interview.starts_at, interview.ends_at
    assert starts_at is not None and ends_at is not None  # just set

    def overlapping(*, mentors: bool) -> list[Interview]:
        return interview_scheduled_overlapping(
            starts_at=starts_at,
            ends_at=ends_at,
            mentor_id=interview.mentor_id if mentors else None,
            student_id=None if mentors else interview.student_id,
            exclude_id=interview.pk,
        )

    by_mentor = by.pk == interview.mentor.user_id
    unchanged = _("Nothing was changed on this conversation: choose another time.")
    mine = overlapping(mentors=by_mentor)
    if mine:
        clash = mine[0]
        assert clash.starts_at is not None and clash.ends_at is not None  # scheduled
        return SlotTaken(
            _("You already have a conversation with %(name)s then (%(when)s).")
            % {
                "name": other_party_name(clash, by),
                "when": window_text(clash.starts_at, clash.ends_at, by.tzinfo),
            }
            + " "
            + unchanged,
            title=_("That time overlaps another of your conversations"),
            own=True,
        )
    theirs = overlapping(mentors=not by_mentor)
    if not theirs:  # the other conversation was cancelled meanwhile
        return SlotTaken(
            _("That time overlapped another conversation.") + " " + unchanged,
            title=_("That time is not free"),
            own=False,
        )
    name = student_name(interview.student) if by_mentor else mentor_name(interview.mentor)
    fixed_at = theirs[0].scheduled_at
    if offered_at is None:
        why = _("%(name)s has another conversation at that time.")
    elif fixed_at is not None and fixed_at > offered_at:
        why = _("Another conversation of %(name)s was fixed at that time after it was offered.")
    else:
        why = _("%(name)s already had another conversation at that time when it was offered.")
    return SlotTaken(
        why % {"name": name} + " " + unchanged,
        title=_("%(name)s is not free at that time") % {"name": name},
        own=False,
    )


def _schedule(
    interview: Interview,
    start: datetime.datetime,
    *,
    by: User,
    offered_at: datetime.datetime | None = None,
) -> None:
    """Fix the time. The database refuses an overlap; the monthly cap is checked here.

    ``offered_at`` is when the chosen time was proposed, to tell a time someone else took
    meanwhile from one that was never free."""
    # One mentor's schedule changes one at a time, so the cap check and the count agree.
    MentorProfile.objects.select_for_update().filter(pk=interview.mentor_id).first()
    if not mentor_has_capacity(mentor=interview.mentor_id, month_of=start):
        raise ActionNotAllowed(
            _("%(name)s has no room left for conversations in %(month)s.")
            % {"name": mentor_name(interview.mentor), "month": f"{start:%B %Y}"}
        )
    interview.starts_at = start
    interview.ends_at = start + datetime.timedelta(minutes=interview.duration_minutes)
    interview.status = Status.SCHEDULED
    interview.scheduled_at = _now()
    try:
        with transaction.atomic():
            interview.save(
                update_fields=["starts_at", "ends_at", "status", "scheduled_at", "format",
                               "meeting_details", "responded_at", "sequence", "updated_at"]
            )  # fmt: skip
    except IntegrityError as error:
        if "no_overlap" in str(error):
            raise _slot_taken(interview, by=by, offered_at=offered_at) from error
        raise
    mentor_load_add(mentor=interview.mentor_id, month_of=start, delta=1)


@transaction.atomic
def interview_accept(
    *,
    interview: Interview,
    by: User,
    format: str,
    meeting_details: str = "",
    proposal_id: int | None = None,
    start_at: datetime.datetime | None = None,
    windows: Sequence[Window] = (),
) -> Interview:
    """The mentor says yes: picks one of the student's times, or proposes others."""
    interview = _lock(interview)
    policy.require("accept", interview, by)
    interview.format = format
    interview.meeting_details = meeting_details.strip()
    interview.responded_at = _now()
    if proposal_id is not None:
        proposal = interview.proposals.filter(
            pk=proposal_id, proposed_by=TimeProposal.By.STUDENT, withdrawn=False
        ).first()
        if proposal is None:
            raise ActionNotAllowed(
                _("Choose one of the times the student proposed."), field="proposal"
            )
        _check_format(interview, format)
        _check_details(format, meeting_details)
        _schedule(
            interview,
            _fit_start(proposal, start_at, interview.duration_minutes),
            by=by,
            offered_at=proposal.created_at,
        )
        reminders.reminders_void(interview, kinds=[reminders.STALE])
        notify.scheduled(interview, accepted=True)  # one email tells the student both
        reminders.reminders_schedule(interview)
        return interview
    windows = validate_windows(windows, duration_minutes=interview.duration_minutes)
    if not windows:
        raise ActionNotAllowed(
            _("Choose one of the student's times or propose up to three of your own."),
            field="windows",
        )
    windows_check_free(windows, proposer=by, mentor_id=interview.mentor_id)
    _check_format(interview, format)
    interview.status = Status.ACCEPTED
    interview.save(
        update_fields=["status", "format", "meeting_details", "responded_at", "updated_at"]
    )
    _add_proposals(interview, windows, by=TimeProposal.By.MENTOR)
    reminders.reminders_void(interview, kinds=[reminders.STALE])
    notify.accepted(interview)
    return interview


@transaction.atomic
def interview_choose_time(
    *,
    interview: Interview,
    by: User,
    proposal_id: int,
    start_at: datetime.datetime | None = None,
) -> Interview:
    """The student picks one of the mentor's proposed times; the interview is scheduled."""
    interview = _lock(interview)
    policy.require("choose_time", interview, by)
    proposal = interview.proposals.filter(
        pk=proposal_id, proposed_by=TimeProposal.By.MENTOR, withdrawn=False
    ).first()
    if proposal is None:
        raise ActionNotAllowed(_("Choose one of the times the mentor proposed."), field="proposal")
    # The time is fixed even when the mentor has not said yet how to meet: the scheduled
    # email asks them to add the details, and the student is told when they do.
    _schedule(
        interview,
        _fit_start(proposal, start_at, interview.duration_minutes),
        by=by,
        offered_at=proposal.created_at,
    )
    notify.scheduled(interview)
    reminders.reminders_schedule(interview)
    return interview


@transaction.atomic
def interview_update_details(
    *, interview: Interview, by: User, format: str, meeting_details: str
) -> Interview:
    """The mentor sets or changes how to meet (address, number, link) before the meeting."""
    interview = _lock(interview)
    policy.require("update_details", interview, by)
    _check_format(interview, format)
    _check_details(format, meeting_details)
    if (format, meeting_details.strip()) == (interview.format, interview.meeting_details):
        return interview  # saved again unchanged: nobody needs another email
    first_time = not interview.meeting_details
    interview.format = format
    interview.meeting_details = meeting_details.strip()
    fields = ["format", "meeting_details", "updated_at"]
    if interview.status == Status.SCHEDULED:
        interview.sequence += 1
        fields.append("sequence")
    interview.save(update_fields=fields)
    if interview.status == Status.SCHEDULED and not first_time:
        notify.rescheduled(interview, by=by, reason=_("The meeting details changed."))
    else:
        notify.details_added(interview, changed=not first_time)
    if interview.status == Status.SCHEDULED:
        reminders.reminders_schedule(interview)
    return interview


@transaction.atomic
def interview_decline(
    *, interview: Interview, by: User, reason: str, suggested_mentor_id: int | None = None
) -> Interview:
    """The mentor says no, kindly, perhaps naming someone else."""
    interview = _lock(interview)
    policy.require("decline", interview, by)
    if not reason.strip():
        raise ActionNotAllowed(_("Give the student a short reason."), field="reason")
    suggestion = None
    if suggested_mentor_id:
        suggestion = (
            MentorProfile.objects.listed()
            .filter(pk=suggested_mentor_id)
            .exclude(pk=interview.mentor_id)
            .first()
        )
        if suggestion is None:
            raise ActionNotAllowed(
                _("That mentor cannot be suggested; choose someone listed in the directory."),
                field="suggested_mentor",
            )
    interview.status = Status.DECLINED
    interview.decline_reason = reason.strip()
    interview.suggested_mentor = suggestion
    interview.responded_at = interview.closed_at = _now()
    interview.save(
        update_fields=[
            "status",
            "decline_reason",
            "suggested_mentor",
            "responded_at",
            "closed_at",
            "updated_at",
        ]
    )
    reminders.reminders_void(interview, kinds=[reminders.STALE])
    notify.declined(interview)
    return interview


@transaction.atomic
def interview_withdraw(*, interview: Interview, by: User, reason: str = "") -> Interview:
    """The student takes back a request that has no time yet."""
    interview = _lock(interview)
    policy.require("withdraw", interview, by)
    interview.status = Status.WITHDRAWN
    interview.cancel_reason = reason.strip()
    interview.cancelled_by = by
    interview.closed_at = _now()
    interview.save(
        update_fields=["status", "cancel_reason", "cancelled_by", "closed_at", "updated_at"]
    )
    reminders.reminders_void(interview, kinds=[reminders.STALE])
    notify.withdrawn(interview)
    return interview


def _late(interview: Interview) -> bool:
    """Whether a change now is as late as a late cancellation (LATE_CANCELLATION_HOURS)."""
    assert interview.starts_at is not None  # scheduled: the database requires a time
    notice = datetime.timedelta(hours=settings.LATE_CANCELLATION_HOURS)
    return interview.starts_at - _now() < notice


def _open_ask(interview: Interview) -> RescheduleAsk | None:
    return (
        RescheduleAsk.objects.select_for_update()
        .filter(interview=interview, status=RescheduleAsk.Status.OPEN)
        .first()
    )


def _close_ask(ask: RescheduleAsk, *, status: str, note: str = "") -> None:
    """An ask is answered, replaced or overtaken: it and its windows are no longer open."""
    ask.status = status
    ask.answer_note = note
    ask.answered_at = _now()
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
    if starts_at <= _now():
        raise ActionNotAllowed(_("Choose a time in the future."), field="starts_at")
    if starts_at > request_horizon_end():
        raise ActionNotAllowed(_beyond_horizon_message(), field="starts_at")
    if starts_at == interview.starts_at:
        raise ActionNotAllowed(_("That is the time already agreed."), field="starts_at")
    old_start = interview.starts_at
    assert old_start is not None  # scheduled: the database requires a time
    late = _late(interview)
    mentor_load_add(mentor=interview.mentor_id, month_of=old_start, delta=-1)
    interview.sequence += 1
    interview.confirmed_at = None
    interview.reschedule_count += 1
    interview.late_reschedule = interview.late_reschedule or late
    interview.save(
        update_fields=["sequence", "confirmed_at", "reschedule_count", "late_reschedule"]
    )
    _schedule(interview, starts_at, by=by, offered_at=offered_at)
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
    interview = _lock(interview)
    policy.require("reschedule", interview, by)
    if not reason.strip():
        raise ActionNotAllowed(_("Say briefly why the time changes."), field="reason")
    ask = _open_ask(interview)
    _move(interview, by=by, starts_at=starts_at, reason=reason.strip())
    if ask is not None:
        _close_ask(ask, status=RescheduleAsk.Status.CLOSED)
    return interview


@transaction.atomic
def interview_reschedule_ask(
    *, interview: Interview, by: User, reason: str, windows: Sequence[Window]
) -> RescheduleAsk:
    """The student asks the mentor to move the time, proposing one to three windows. The
    conversation stays at the agreed time until the mentor answers; a new ask replaces an
    open one."""
    interview = _lock(interview)
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
    if previous := _open_ask(interview):
        _close_ask(previous, status=RescheduleAsk.Status.REPLACED)
    late = _late(interview)
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
    ask = _open_ask(interview)
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
    interview = _lock(interview)
    policy.require("reschedule_pick", interview, by)
    ask = _the_open_ask(interview)
    proposal = ask.proposals.filter(pk=proposal_id, withdrawn=False).first()
    if proposal is None:
        raise ActionNotAllowed(_("Choose one of the times the student proposed."), field="proposal")
    start = _fit_start(proposal, start_at, interview.duration_minutes)
    _move(
        interview,
        by=by,
        starts_at=start,
        reason="",
        offered_at=proposal.created_at,
        to_asked_time=True,
    )
    _close_ask(ask, status=RescheduleAsk.Status.MOVED)
    return interview


@transaction.atomic
def interview_reschedule_ask_keep(
    *, interview: Interview, by: User, note: str = ""
) -> RescheduleAsk:
    """The mentor keeps the agreed time (perhaps with a short note); the student is told."""
    interview = _lock(interview)
    policy.require("reschedule_keep", interview, by)
    ask = _the_open_ask(interview)
    _close_ask(ask, status=RescheduleAsk.Status.KEPT, note=note.strip())
    notify.reschedule_kept(interview, ask=ask)
    return ask


@transaction.atomic
def interview_cancel(*, interview: Interview, by: User, reason: str) -> Interview:
    """Either side calls off a scheduled interview, or the mentor an accepted one (the
    student withdraws a request that has no time yet); a late one is recorded."""
    interview = _lock(interview)
    policy.require("cancel", interview, by)
    return _cancel(interview, by=by, reason=reason)


def _cancel(interview: Interview, *, by: User, reason: str) -> Interview:
    """Call off the locked ``interview``: what a cancellation writes and tells."""
    if not reason.strip():
        raise ActionNotAllowed(_("Say briefly why you cancel."), field="reason")
    was_scheduled = interview.status == Status.SCHEDULED
    if was_scheduled:
        assert interview.starts_at is not None  # scheduled: the database requires a time
        interview.late_cancellation = _late(interview)
        interview.sequence += 1
        if ask := _open_ask(interview):
            _close_ask(ask, status=RescheduleAsk.Status.CLOSED)
        mentor_load_add(mentor=interview.mentor_id, month_of=interview.starts_at, delta=-1)
    interview.status = Status.CANCELLED
    interview.cancel_reason = reason.strip()
    interview.cancelled_by = by
    interview.closed_at = _now()
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
    interview = _lock(interview)
    now = _now()
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
    interview = _lock(interview)
    policy.require("no_show", interview, by)
    assert interview.starts_at is not None  # the policy allows it only after the start
    interview.status = Status.NO_SHOW
    interview.no_show_by = "mentor" if by.pk == interview.mentor.user_id else "student"
    interview.closed_at = _now()
    interview.save(update_fields=["status", "no_show_by", "closed_at", "updated_at"])
    mentor_load_add(mentor=interview.mentor_id, month_of=interview.starts_at, delta=-1)
    reminders.reminders_void(interview)
    notify.no_show(interview)
    return interview


@transaction.atomic
def interview_thank_you_mark_sent(*, interview: Interview, by: User, method: str) -> Interview:
    """The student sent their thank-you (email, letter or card); reminders about it stop."""
    interview = _lock(interview)
    policy.require("thank_you", interview, by)
    if method not in Interview.ThankYouMethod.values:
        raise ActionNotAllowed(_("Choose how you sent it."), field="method")
    interview.thank_you_sent_at = _now()
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


def _close_due(*, due: Q, to: str, now: datetime.datetime, then=None) -> int:
    """Close each due interview in its own short transaction, skipping any row another
    worker holds; ``then`` runs for each one closed. Returns how many were closed."""
    count = 0
    for pk in Interview.objects.filter(due).values_list("pk", flat=True):
        with transaction.atomic():
            interview = (
                Interview.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("student", "mentor", "mentor__user")
                .filter(due, pk=pk)
                .first()
            )
            if interview is None:
                continue
            interview.status = to
            interview.closed_at = now
            interview.save(update_fields=["status", "closed_at", "updated_at"])
            if then is not None:
                then(interview)
            count += 1
    return count


def interviews_complete_due(*, now: datetime.datetime) -> int:
    """Scheduled interviews whose end has passed become completed."""
    return _close_due(
        due=Q(status=Status.SCHEDULED, ends_at__lte=now), to=Status.COMPLETED, now=now
    )


def _expired(interview: Interview) -> None:
    reminders.reminders_void(interview, kinds=[reminders.STALE])
    notify.expired(interview)


def interviews_expire_due(*, now: datetime.datetime) -> int:
    """Requests left unanswered for REQUEST_EXPIRY_DAYS expire; the student is told kindly."""
    cutoff = now - datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS)
    return _close_due(
        due=Q(status=Status.REQUESTED, requested_at__lte=cutoff),
        to=Status.EXPIRED,
        now=now,
        then=_expired,
    )


def interviews_close_for_departing_user(*, user: User) -> int:
    """Before an account is deleted: close every open interview, telling the other side.

    The rows stay (anonymised through the User row) so the other party keeps its history.
    """
    reason = _("The account was closed.")
    closed = 0
    open_rows = Interview.objects.filter(
        Q(student=user) | Q(mentor__user=user), status__in=Interview.OPEN_STATES
    ).select_related("mentor")
    for interview in open_rows:
        as_student = interview.student_id == user.pk
        if interview.status == Status.SCHEDULED or (
            interview.status == Status.ACCEPTED and not as_student
        ):
            # Not through the policy: a conversation under way is closed too.
            with transaction.atomic():
                _cancel(_lock(interview), by=user, reason=reason)
        elif as_student:
            interview_withdraw(interview=interview, by=user, reason=reason)
        else:
            interview_decline(interview=interview, by=user, reason=reason)
        closed += 1
    return closed


@transaction.atomic
def interview_feedback_give(*, interview: Interview, by: User, rating: int, comment: str = ""):
    """Either side, once, after the conversation took place."""
    interview = _lock(interview)
    policy.require("feedback", interview, by)
    if rating not in Feedback.Rating.values:
        raise ActionNotAllowed(_("Choose how useful it was."), field="rating")
    feedback = Feedback.objects.create(
        interview=interview, author=by, rating=rating, comment=comment.strip()
    )
    reminders.reminders_void_for(interview, person=by, kinds=[reminders.FEEDBACK])
    return feedback
