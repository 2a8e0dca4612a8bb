"""Reads about interviews, each with a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from core.exports import record_data
from core.query_shapes import compiled_query
from users.models import User

from .display import mentor_name, student_name
from .models import Feedback, Interview, RescheduleAsk, TimeProposal

Status = Interview.Status
WAITING = (Status.REQUESTED, Status.ACCEPTED)


def _base() -> QuerySet[Interview]:
    open_proposals = Prefetch(
        "proposals",
        queryset=TimeProposal.objects.filter(withdrawn=False, ask=None).order_by("starts_at"),
        to_attr="open_proposals",
    )
    related = Interview.objects.select_related("student", "mentor", "mentor__user")
    # Interview declares open_proposals, since the detail page sets it as well. Django
    # refuses a to_attr only when it names a field; the plugin refuses any attribute.
    return related.prefetch_related(open_proposals)  # type: ignore[no-redef]


@dataclass
class InterviewGroups:
    upcoming: list[Interview]
    waiting: list[Interview]
    past: list[Interview]


def _start(interview: Interview) -> datetime.datetime:
    # Only scheduled interviews are sorted by time; the database requires them to have one.
    assert interview.starts_at is not None
    return interview.starts_at


def _end(interview: Interview) -> datetime.datetime:
    assert interview.ends_at is not None  # scheduled, as above
    return interview.ends_at


def _group(rows: list[Interview], now: datetime.datetime) -> InterviewGroups:
    upcoming = sorted(
        (i for i in rows if i.status == Status.SCHEDULED and _end(i) > now),
        key=_start,
    )
    waiting = [i for i in rows if i.status in WAITING]
    past = [i for i in rows if i not in upcoming and i not in waiting]
    return InterviewGroups(upcoming=upcoming, waiting=waiting, past=past)


def interview_list_for_user(*, user: User, now: datetime.datetime | None = None) -> InterviewGroups:
    """Everything the person takes part in, as student or as mentor, grouped."""
    rows = list(
        _base().filter(Q(student=user) | Q(mentor__user=user)).order_by("-requested_at", "-id")
    )
    return _group(rows, now or timezone.now())


def interview_list_for_mentor(
    *, user: User, now: datetime.datetime | None = None
) -> InterviewGroups:
    """The mentor's inbox: requests to answer first, then upcoming, then past."""
    rows = list(
        _base()
        .select_related("student__student_profile")
        .filter(mentor__user=user)
        .order_by("requested_at", "id")
    )
    return _group(rows, now or timezone.now())


def _ask_windows() -> Prefetch:
    # One query for every interview's open ask: its windows, each with the ask joined.
    return Prefetch(
        "proposals",
        queryset=TimeProposal.objects.filter(withdrawn=False, ask__status=RescheduleAsk.Status.OPEN)
        .select_related("ask")
        .order_by("starts_at"),
        to_attr="ask_windows",
    )


def interview_open_ask(interview: Interview) -> RescheduleAsk | None:
    """The student's open ask to move this conversation, with its windows as
    ``ask.windows``; uses the windows a list selector prefetched, if it did."""
    if not hasattr(interview, "ask_windows"):
        prefetch_related_objects([interview], _ask_windows())
    windows = interview.ask_windows  # type: ignore[attr-defined]  # set by the Prefetch
    if not windows:
        return None
    ask = windows[0].ask
    assert ask is not None  # filtered on the ask
    ask.windows = windows
    return ask


def interview_open_asks_load(interviews: list[Interview]) -> None:
    """Attach each interview's open ask as ``interview.open_ask`` (one query for all)."""
    prefetch_related_objects(interviews, _ask_windows())
    for interview in interviews:
        interview.open_ask = interview_open_ask(interview)


def _lately(now: datetime.datetime) -> datetime.datetime:
    """The start of "lately": ``REMINDER_THANK_YOU_CUTOFF_DAYS`` back, as long as the
    thank-you and feedback reminders ask."""
    return now - datetime.timedelta(days=settings.REMINDER_THANK_YOU_CUTOFF_DAYS)


def _feedback_due(user: User, *, now: datetime.datetime) -> Q:
    """Completed lately (``_lately``), with ``user`` on either side and no feedback from
    them yet."""
    given = Feedback.objects.filter(interview=models.OuterRef("pk"), author=user)
    return (Q(student=user) | Q(mentor__user=user)) & Q(
        ~models.Exists(given), status=Status.COMPLETED, ends_at__gte=_lately(now)
    )


def interview_feedback_due_for(*, user: User, limit: int = 5) -> list[Interview]:
    """Recent conversations, on either side, that took place and await this person's
    optional feedback, latest first."""
    due = _base().filter(_feedback_due(user, now=timezone.now()))
    return list(due.order_by("-ends_at")[:limit])


@dataclass
class StudentDashboardInterviews:
    """The conversations a student's home page shows, each list best first."""

    upcoming: list[Interview]  # scheduled and not over, soonest first
    waiting: list[Interview]  # open requests, newest first
    thanks_due: list[Interview]  # over lately, no thank-you recorded, latest first
    feedback_due: list[Interview]  # completed lately, no feedback from them, latest first


def interview_dashboard_for_student(
    *, user: User, now: datetime.datetime, limit: int = 5
) -> StudentDashboardInterviews:
    """Up to ``limit`` of each kind, in one query (and one for their open proposed times).

    Each kind is a condition on the row, evaluated by the database and read back as a
    flag; "lately" is ``_lately``, the reminders' window. Feedback is asked on either side
    of a conversation.
    """
    since = _lately(now)
    kinds: dict[str, Q] = {
        "is_upcoming": Q(student=user, status=Status.SCHEDULED, ends_at__gt=now),
        "is_waiting": Q(student=user, status__in=WAITING),
        "is_thanks_due": Q(
            student=user,
            status__in=[Status.SCHEDULED, Status.COMPLETED],
            ends_at__lte=now,
            ends_at__gte=since,
            thank_you_sent_at__isnull=True,
        ),
        "is_feedback_due": _feedback_due(user, now=now),
    }
    # Every row of any kind, and few others: the flags decide. (Repeating the conditions
    # here, ORed, made planning the query cost more than running it.)
    candidates = (Q(student=user) | Q(mentor__user=user)) & Q(
        Q(status__in=WAITING) | Q(ends_at__gte=since),
        status__in=[*WAITING, Status.SCHEDULED, Status.COMPLETED],
    )
    rows = list(
        _base()
        .filter(candidates)
        .annotate(
            **{
                name: models.ExpressionWrapper(condition, output_field=models.BooleanField())
                for name, condition in kinds.items()
            }
        )
    )

    def of_kind(name: str, key, *, latest_first: bool) -> list[Interview]:
        chosen = sorted((i for i in rows if getattr(i, name)), key=key, reverse=latest_first)
        return chosen[:limit]

    return StudentDashboardInterviews(
        upcoming=of_kind("is_upcoming", lambda i: (i.starts_at, i.pk), latest_first=False),
        waiting=of_kind("is_waiting", lambda i: (i.requested_at, i.pk), latest_first=True),
        thanks_due=of_kind("is_thanks_due", lambda i: (i.ends_at, i.pk), latest_first=True),
        feedback_due=of_kind("is_feedback_due", lambda i: (i.ends_at, i.pk), latest_first=True),
    )


def interview_data_export(*, user: User) -> list[dict]:
    """What 'Download my data' includes about this person's interviews: every column of
    each interview they took part in, its proposed times and asks to move, and their own
    feedback. The other person appears by name only (the interview row holds ids); their
    feedback, email and phone are theirs, not this person's."""
    rows = (
        Interview.objects.filter(Q(student=user) | Q(mentor__user=user))
        .select_related("student", "mentor", "mentor__user", "suggested_mentor")
        .prefetch_related(
            Prefetch("proposals", queryset=TimeProposal.objects.order_by("created_at", "id")),
            Prefetch(
                "reschedule_asks", queryset=RescheduleAsk.objects.order_by("created_at", "id")
            ),
            Prefetch("feedback", queryset=Feedback.objects.filter(author=user), to_attr="own"),
        )
        .order_by("requested_at", "id")
    )
    return [
        {
            **record_data(i),
            "role": "student" if i.student_id == user.pk else "mentor",
            "mentor_name": mentor_name(i.mentor),
            "student_name": student_name(i.student),
            "suggested_mentor_name": (
                i.suggested_mentor.display_name if i.suggested_mentor else None
            ),
            "time_proposals": [record_data(p, skip=["interview"]) for p in i.proposals.all()],
            "reschedule_asks": [
                record_data(a, skip=["interview"]) for a in i.reschedule_asks.all()
            ],
            "my_feedback": [record_data(f, skip=["interview"]) for f in i.own],
        }
        for i in rows
    ]


def interview_scheduled_overlapping(
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mentor_id: int | None = None,
    student_id: int | None = None,
    exclude_id: int | None = None,
) -> list[Interview]:
    """The scheduled conversations of one mentor (or one student) that overlap a span."""
    rows = Interview.objects.select_related("student", "mentor").filter(
        status=Status.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if mentor_id is not None:
        rows = rows.filter(mentor_id=mentor_id)
    if student_id is not None:
        rows = rows.filter(student_id=student_id)
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    return list(rows.order_by("starts_at"))


def _open_with_sql(values: Mapping[str, Any]) -> tuple[str, tuple]:
    rows = Interview.objects.filter(
        student_id=values["student_id"],
        mentor_id=values["mentor_id"],
        status__in=Interview.OPEN_STATES,
    )
    return rows.only("pk", "status").order_by("pk")[:1].query.sql_with_params()


def interview_open_with(*, student: User, mentor_id: int) -> Interview | None:
    """The student's open request or conversation with this mentor, if there is one.
    Asked on every profile page a student opens, so compiled once per process
    (``core.query_shapes``)."""
    sql, params = compiled_query(
        "interviews.open_with", _open_with_sql, {"student_id": student.pk, "mentor_id": mentor_id}
    )
    return next(iter(Interview.objects.raw(sql, params)), None)


# The conversations a calendar feed lists: every one that was given a time, upcoming or
# held, and cancelled ones (so subscribed calendars mark them cancelled), back this far.
CALENDAR_FEED_STATES = (Status.SCHEDULED, Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED)
CALENDAR_FEED_HISTORY = datetime.timedelta(days=365)


def calendar_feed_interviews(
    *, user: User, now: datetime.datetime | None = None
) -> list[Interview]:
    """The person's conversations with a time, as student or as mentor, by start; those
    that ended more than CALENDAR_FEED_HISTORY ago are left out, so the feed stays small.
    One query."""
    since = (now or timezone.now()) - CALENDAR_FEED_HISTORY
    return list(
        Interview.objects.select_related("student", "mentor", "mentor__user")
        .filter(Q(student=user) | Q(mentor__user=user))
        .filter(status__in=CALENDAR_FEED_STATES, starts_at__isnull=False, ends_at__gte=since)
        .order_by("starts_at", "id")
    )
