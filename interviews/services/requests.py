"""A student asks; the mentor declines or the student withdraws before a time is fixed."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.models import MentorProfile
from mentors.selectors import mentor_has_capacity
from students.models import StudentProfile
from students.services import resume_snapshot_create
from users.models import User

from .. import notify, policy, reminders
from ..models import MAX_MINUTES, MIN_MINUTES, Interview, TimeProposal
from ..policy import ActionNotAllowed
from ._common import lock
from .windows import Window, add_proposals, validate_windows, windows_check_free

Status = Interview.Status


def open_request_count(*, student: User) -> int:
    return Interview.objects.filter(
        student=student, status__in=[Status.REQUESTED, Status.ACCEPTED]
    ).count()


def _requestable_mentor(*, student: User, mentor_id: int) -> MentorProfile:
    """The mentor, locked, if this student may ask them now."""
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
    if not mentor_has_capacity(mentor=mentor, month_of=timezone.now()):
        raise ActionNotAllowed(
            _("%(name)s has reached the number of conversations they offer this month.")
            % {"name": mentor.display_name}
        )
    return mentor


def _offered_formats(mentor: MentorProfile, formats: Sequence[str]) -> list[str]:
    """The ways to meet the student offered, each once, and at least one the mentor offers."""
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
    return formats


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
    mentor = _requestable_mentor(student=student, mentor_id=mentor_id)
    if not not_a_job_request:
        raise ActionNotAllowed(
            _("Confirm that you are asking for information and advice, not for a job."),
            field="not_a_job_request",
        )
    if duration_minutes not in (30, 45, 60) or not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise ActionNotAllowed(_("Ask for 30, 45 or 60 minutes."), field="duration_minutes")
    formats = _offered_formats(mentor, formats)
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
    add_proposals(interview, windows, by=TimeProposal.By.STUDENT)
    notify.request_created(interview)
    reminders.stale_request_reminder(interview)
    return interview


@transaction.atomic
def interview_decline(
    *, interview: Interview, by: User, reason: str, suggested_mentor_id: int | None = None
) -> Interview:
    """The mentor says no, kindly, perhaps naming someone else."""
    interview = lock(interview)
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
    interview.responded_at = interview.closed_at = timezone.now()
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
    interview = lock(interview)
    policy.require("withdraw", interview, by)
    interview.status = Status.WITHDRAWN
    interview.cancel_reason = reason.strip()
    interview.cancelled_by = by
    interview.closed_at = timezone.now()
    interview.save(
        update_fields=["status", "cancel_reason", "cancelled_by", "closed_at", "updated_at"]
    )
    reminders.reminders_void(interview, kinds=[reminders.STALE])
    notify.withdrawn(interview)
    return interview
