"""What the interviews app adds to each person's home page: the student's upcoming
conversations, open requests and tasks, and what is most urgent now; the mentor's one
next step. The home app composes these panels with the other apps' own.

The windows are the reminders' own settings (REMINDER_*), so a task appears on the
dashboard when its reminder is sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dashboard import DashboardItem, NextStep
from core.timefmt import relative_when, time_of_day

from .display import mentor_name, student_name, thank_you_url
from .models import Interview
from .preparation import Progress, progress_for
from .selectors import (
    interview_dashboard_for_student,
    interview_feedback_due_for,
    interview_list_for_mentor,
    interview_open_asks_load,
)

# What a person most needs to do now, most urgent first: a confirmation that is due, a
# conversation about to start or under way, a thank-you, feedback, an open request.
# Only when none of these applies does the next step of the practice come up.
CONFIRM, MEETING, THANK, FEEDBACK, REQUEST = range(5)

# In the last week before a conversation the student is asked to prepare their questions.
PREPARE_DAYS_BEFORE = 7


@dataclass
class InterviewPanels:
    upcoming_interviews: list[DashboardItem] = field(default_factory=list)
    pending_requests: list[DashboardItem] = field(default_factory=list)
    tasks: list[DashboardItem] = field(default_factory=list)
    # Progress through the practice, for the next-steps list.
    has_researched: bool = False
    has_requested: bool = False
    # (priority, step): what the conversations ask of the person now.
    urgent: list[tuple[int, NextStep]] = field(default_factory=list)

    def most_urgent(self) -> NextStep | None:
        return min(self.urgent, key=lambda pair: pair[0])[1] if self.urgent else None


def interview_panels_for_student(user) -> InterviewPanels:
    """Upcoming interviews, open requests, tasks to confirm / prepare / thank, research
    and request progress, and what is most urgent now."""
    now = timezone.now()
    interviews = interview_dashboard_for_student(user=user, now=now)
    upcoming, waiting = interviews.upcoming, interviews.waiting
    interview_open_asks_load(upcoming)
    panels = InterviewPanels(
        upcoming_interviews=[_upcoming_item(i, now=now) for i in upcoming],
        pending_requests=[_request_item(i) for i in waiting],
        urgent=[(REQUEST, _request_step(i)) for i in waiting],
    )
    progress = progress_for(upcoming)
    for i in upcoming:
        _meeting_tasks(panels, i, now=now, progress=progress.get(i.pk))
    # Right after the conversation: always a thank-you, even if it helped less than hoped.
    for i in interviews.thanks_due:
        panels.tasks.insert(0, _thank_item(i))
        panels.urgent.append((THANK, _thank_step(i)))
    for i in interviews.feedback_due:
        panels.urgent.append((FEEDBACK, _feedback_step(i, other=_mentor_of(i))))
    # Every request carries the student's research, so one request means both steps done.
    panels.has_requested = bool(upcoming or waiting) or (
        Interview.objects.filter(student=user).exists()
    )
    panels.has_researched = panels.has_requested
    return panels


def _mentor_of(interview) -> str:
    return mentor_name(interview.mentor)


def _student_of(interview) -> str:
    return student_name(interview.student)


def _relative(value: datetime) -> str:
    return relative_when(value, now=timezone.now())


def _upcoming_item(interview, *, now: datetime) -> DashboardItem:
    detail = interview.get_format_display()
    if interview.is_under_way(now):
        detail = _("%(format)s · In progress now, until %(end)s.") % {
            "format": detail,
            "end": time_of_day(interview.ends_at),
        }
    elif interview.open_ask:
        detail = _("%(format)s · You asked to move it; waiting for the mentor.") % {
            "format": detail
        }
    return DashboardItem(
        label=_("Conversation with %(name)s") % {"name": _mentor_of(interview)},
        url=interview.get_absolute_url(),
        when=interview.starts_at,
        detail=detail,
    )


def _under_way_step(interview) -> NextStep:
    return NextStep(
        title=_("Your conversation with %(name)s is under way") % {"name": _mentor_of(interview)},
        description=_(
            "Until %(end)s. Note the advice, the terms to look up, and anyone they "
            "suggest you talk to next."
        )
        % {"end": time_of_day(interview.ends_at)},
        url=interview.get_absolute_url(),
        action=_("Open the conversation"),
    )


def _confirm_step(interview, *, name: str, when: str) -> NextStep:
    return NextStep(
        title=_("Confirm your conversation with %(name)s") % {"name": name},
        description=_(
            "It is %(when)s. A one-click confirmation tells them you will be there; "
            "it is a courtesy they will notice."
        )
        % {"when": when},
        url=interview.get_absolute_url(),
        action=_("Confirm"),
    )


def _prepare_url(interview) -> str:
    # The notebook (a layer above) holds the questions and the checklist: named, not imported.
    return reverse("notebook:prepare", args=[interview.pk])


def _prepare_step(interview, *, name: str, when: str) -> NextStep:
    return NextStep(
        title=_("Prepare for your conversation with %(name)s") % {"name": name},
        description=_(
            "It is %(when)s. Put your most important questions first, and stay "
            "within the time you asked for."
        )
        % {"when": when},
        url=_prepare_url(interview),
        action=_("Open your question list"),
    )


def _progress_detail(progress: Progress | None) -> str:
    if progress is None:
        return ""
    if not progress.left:
        return _("Checklist done: all %(total)d items.") % {"total": progress.total}
    return _("%(left)d of %(total)d checklist items left.") % {
        "left": progress.left,
        "total": progress.total,
    }


def _meeting_tasks(
    panels: InterviewPanels, interview, *, now: datetime, progress: Progress | None = None
) -> None:
    """From the confirmation reminder on, the student confirms; in the days before, they
    prepare (the task says how many checklist items are left); once it has started,
    nothing is left to confirm or prepare."""
    if interview.is_under_way(now):
        panels.urgent.append((MEETING, _under_way_step(interview)))
        return
    name = _mentor_of(interview)
    url = interview.get_absolute_url()
    left = interview.starts_at - now
    when = _relative(interview.starts_at)
    if interview.confirmed_at is None and left <= timedelta(
        hours=settings.REMINDER_CONFIRM_HOURS_BEFORE
    ):
        panels.tasks.append(
            DashboardItem(
                label=_("Confirm your conversation with %(name)s") % {"name": name},
                url=url,
                when=interview.starts_at,
                kind="confirm",
            )
        )
        panels.urgent.append((CONFIRM, _confirm_step(interview, name=name, when=when)))
    elif left <= timedelta(days=PREPARE_DAYS_BEFORE):
        panels.tasks.append(
            DashboardItem(
                label=_("Prepare your questions for %(name)s") % {"name": name},
                url=_prepare_url(interview),
                when=interview.starts_at,
                detail=_progress_detail(progress),
                kind="prepare",
            )
        )
    if left <= timedelta(hours=settings.REMINDER_PREP_HOURS_BEFORE):
        panels.urgent.append((MEETING, _prepare_step(interview, name=name, when=when)))


def _request_item(interview) -> DashboardItem:
    accepted = interview.status == Interview.Status.ACCEPTED
    return DashboardItem(
        label=_("Request to %(name)s") % {"name": _mentor_of(interview)},
        url=interview.get_absolute_url(),
        detail=(
            _("Accepted: pick one of the proposed times.")
            if accepted
            else _("Waiting for an answer.")
        ),
    )


def _request_step(interview) -> NextStep:
    """What an open request asks of the student: a time to pick, or patience."""
    name = _mentor_of(interview)
    if interview.status == Interview.Status.ACCEPTED:
        return NextStep(
            title=_("Pick a time with %(name)s") % {"name": name},
            description=_(
                "They accepted and proposed times; the conversation is fixed once you pick one."
            ),
            url=interview.get_absolute_url(),
            action=_("Pick a time"),
        )
    return NextStep(
        title=_("Your request to %(name)s is waiting for an answer") % {"name": name},
        description=_(
            "Mentors usually answer within a few days. Meanwhile, research the field and "
            "start your question list."
        ),
        url=interview.get_absolute_url(),
        action=_("See your request"),
    )


def _thank_item(interview) -> DashboardItem:
    return DashboardItem(
        label=_("Send %(name)s a thank-you") % {"name": _mentor_of(interview)},
        url=thank_you_url(interview),
        when=interview.starts_at,
        kind="thank",
    )


def _thank_step(interview) -> NextStep:
    return NextStep(
        title=_("Send %(name)s a thank-you") % {"name": _mentor_of(interview)},
        description=_(
            "Always thank the people who give you their time, the same day if you can, even "
            "if the conversation helped less than you hoped. Then mark it as sent."
        ),
        url=thank_you_url(interview),
        action=_("Write your thank-you"),
    )


def _feedback_step(interview, *, other: str) -> NextStep:
    return NextStep(
        title=_("Tell us how your conversation with %(name)s went") % {"name": other},
        description=_(
            "Two minutes of optional feedback helps the career center make these "
            "conversations better for everyone."
        ),
        url=interview.get_absolute_url(),
        action=_("Share feedback"),
    )


@dataclass
class MentorPanels:
    to_answer: list[Interview]
    asks: list[Interview]
    upcoming: list[Interview]
    next_step: NextStep | None


def interview_panels_for_mentor(*, user, now: datetime) -> MentorPanels:
    """Requests to answer, asks to move, the next few conversations, and the one thing
    the mentor most needs to do now."""
    groups = interview_list_for_mentor(user=user, now=now)
    to_answer = [i for i in groups.waiting if i.status == "requested"]
    interview_open_asks_load(groups.upcoming)
    asks = [i for i in groups.upcoming if i.open_ask is not None]
    return MentorPanels(
        to_answer=to_answer,
        asks=asks,
        upcoming=groups.upcoming[:3],
        next_step=_mentor_next_step(
            user=user, upcoming=groups.upcoming, to_answer=to_answer, asks=asks, now=now
        ),
    )


def _mentor_meeting_step(upcoming, *, now: datetime) -> NextStep | None:
    """A conversation under way, else one whose student waits for the meeting details."""
    for i in upcoming:
        if i.is_under_way(now):
            return NextStep(
                title=_("Your conversation with %(name)s is under way") % {"name": _student_of(i)},
                description=_("Until %(end)s.") % {"end": time_of_day(i.ends_at)},
                url=i.get_absolute_url(),
                action=_("Open the conversation"),
            )
    for i in upcoming:
        if not i.meeting_details:
            return NextStep(
                title=_("Say how to meet %(name)s") % {"name": _student_of(i)},
                description=_(
                    "Your conversation is %(when)s, and the student is waiting for the address, "
                    "number or link."
                )
                % {"when": _relative(i.starts_at)},
                url=i.get_absolute_url(),
                action=_("Add the meeting details"),
            )
    return None


def _mentor_next_step(*, user, upcoming, to_answer, asks, now: datetime) -> NextStep | None:
    """The one thing a mentor most needs to do now: a conversation under way, details a
    student is waiting for, a request to answer, an ask to move, feedback to give."""
    if step := _mentor_meeting_step(upcoming, now=now):
        return step
    if to_answer:
        first = to_answer[-1]  # the longest waiting
        return NextStep(
            title=_("Answer %(name)s's request") % {"name": _student_of(first)},
            description=_("A quick yes or a kind no both help a student move on."),
            url=first.get_absolute_url(),
            action=_("Answer the request"),
        )
    if asks:
        return NextStep(
            title=_("%(name)s asks to move your conversation") % {"name": _student_of(asks[0])},
            description=_("Pick one of the times they propose, or keep the agreed time."),
            url=asks[0].get_absolute_url(),
            action=_("Answer the ask"),
        )
    feedback_due = interview_feedback_due_for(user=user, limit=1)
    if feedback_due:
        return _feedback_step(feedback_due[0], other=_student_of(feedback_due[0]))
    return None
