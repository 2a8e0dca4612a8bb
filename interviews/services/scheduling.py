"""The mentor accepts, a time is fixed, and how to meet is set."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timefmt import window as window_text
from mentors.models import MentorProfile
from mentors.selectors import mentor_has_capacity
from mentors.services import mentor_load_add
from users.models import User

from .. import notify, policy, reminders
from ..display import mentor_name, other_party_name, student_name
from ..models import Interview, TimeProposal
from ..policy import ActionNotAllowed
from ..selectors import interview_scheduled_overlapping
from ._common import lock
from .windows import Window, add_proposals, fit_start, validate_windows, windows_check_free

Status = Interview.Status


class SlotTaken(ActionNotAllowed):
    """Another scheduled interview of the mentor or the student overlaps this time.

    ``title`` heads the page that explains it; ``own`` says whether the overlap is with
    the calendar of the person acting (which they can see) or with the other side's.
    """

    def __init__(self, message: str, *, title: str, own: bool):
        super().__init__(message)
        self.title = title
        self.own = own


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


def schedule(
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
    interview.scheduled_at = timezone.now()
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
    interview = lock(interview)
    policy.require("accept", interview, by)
    interview.format = format
    interview.meeting_details = meeting_details.strip()
    interview.responded_at = timezone.now()
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
        schedule(
            interview,
            fit_start(proposal, start_at, interview.duration_minutes),
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
    add_proposals(interview, windows, by=TimeProposal.By.MENTOR)
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
    interview = lock(interview)
    policy.require("choose_time", interview, by)
    proposal = interview.proposals.filter(
        pk=proposal_id, proposed_by=TimeProposal.By.MENTOR, withdrawn=False
    ).first()
    if proposal is None:
        raise ActionNotAllowed(_("Choose one of the times the mentor proposed."), field="proposal")
    # The time is fixed even when the mentor has not said yet how to meet: the scheduled
    # email asks them to add the details, and the student is told when they do.
    schedule(
        interview,
        fit_start(proposal, start_at, interview.duration_minutes),
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
    interview = lock(interview)
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
