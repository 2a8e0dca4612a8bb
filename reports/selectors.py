"""The program report: read-only figures over the other apps, for career staff.

Every figure is about the requests students sent in the chosen period (by the day
they were sent, in the reader's time zone) and what became of them, whenever that
happened; optionally only requests to mentors in one career field. The report runs
nine queries whatever the amount of data (aggregates, and groupings by week, mentor and
field).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.aggregates import Aggregate
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from interviews.models import Feedback, Interview
from mentors.models import CareerField, MentorProfile
from students.models import StudentProfile

Status = Interview.Status
# The mentor said yes: every state an accepted request can reach.
ACCEPTED = Q(responded_at__isnull=False) & ~Q(status=Status.DECLINED)
# How many of the most-asked mentors the report names.
MOST_ASKED_LISTED = 10
# Requests per mentor, grouped for the load chart: (label, lowest, highest or None).
LOAD_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0),
    ("1", 1, 1),
    ("2", 2, 2),
    ("3–5", 3, 5),
    ("6–10", 6, 10),
    ("11+", 11, None),
)


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median, interpolated."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


@dataclass(frozen=True)
class Term:
    start: datetime.date
    end: datetime.date  # the last day, included


def _term_starts(year: int) -> list[datetime.date]:
    starts = []
    for month_day in settings.REPORT_TERM_STARTS:
        month, day = (int(part) for part in month_day.split("-"))
        starts.append(datetime.date(year, month, day))
    return sorted(starts)


def term_containing(day: datetime.date) -> Term:
    """The term ``day`` falls in (``REPORT_TERM_STARTS``): from the latest start on or
    before it to the day before the next start."""
    starts = _term_starts(day.year - 1) + _term_starts(day.year) + _term_starts(day.year + 1)
    start = max(s for s in starts if s <= day)
    following = min(s for s in starts if s > day)
    return Term(start=start, end=following - datetime.timedelta(days=1))


@dataclass
class Outcomes:
    requests: int = 0
    answered: int = 0
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    withdrawn: int = 0
    still_open: int = 0
    completed: int = 0
    no_shows: int = 0
    cancelled: int = 0
    late_cancellations: int = 0
    thanked: int = 0
    active_mentors: int = 0
    students: int = 0
    median_answer: datetime.timedelta | None = None

    @property
    def acceptance_rate(self) -> float | None:
        return self.accepted / self.requests if self.requests else None

    @property
    def thank_you_rate(self) -> float | None:
        return self.thanked / self.completed if self.completed else None

    @property
    def on_time_cancellations(self) -> int:
        return self.cancelled - self.late_cancellations


@dataclass
class FeedbackSummary:
    student_average: float | None
    student_count: int
    mentor_average: float | None
    mentor_count: int
    # (rating label, from students, from mentors), lowest rating first.
    distribution: list[tuple[str, int, int]]


@dataclass
class Load:
    listed: int
    asked: int
    never_asked: int
    over_asked: int
    months: float
    # (bucket label, listed mentors with that many requests)
    buckets: list[tuple[str, int]]
    # Most-asked mentors: (name, requests, what their monthly caps allowed over the period)
    most_asked: list[tuple[str, int, float]]


@dataclass
class FieldRow:
    name: str
    interested_students: int
    requests: int
    listed_mentors: int

    @property
    def students_per_mentor(self) -> float | None:
        return self.interested_students / self.listed_mentors if self.listed_mentors else None


@dataclass
class ProgramReport:
    start: datetime.date
    end: datetime.date
    career_field: CareerField | None
    outcomes: Outcomes
    feedback: FeedbackSummary
    load: Load
    # (first day of the week or month, requests sent), in order; ``by_month`` says which
    over_time: list[tuple[datetime.date, int]]
    by_month: bool
    fields: list[FieldRow] = field(default_factory=list)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """From the start of ``start`` to the start of the day after ``end``, in the current
    time zone (the reader's)."""
    zone = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return begin, until


def _requests(
    begin: datetime.datetime, until: datetime.datetime, career_field: CareerField | None
) -> QuerySet[Interview]:
    requests = Interview.objects.filter(requested_at__gte=begin, requested_at__lt=until)
    if career_field is not None:
        in_field = MentorProfile.career_fields.through.objects.filter(
            mentorprofile_id=OuterRef("mentor_id"), careerfield_id=career_field.pk
        )
        requests = requests.filter(Exists(in_field))
    return requests


def _outcomes(requests: QuerySet[Interview]) -> Outcomes:
    figures: dict[str, Any] = requests.aggregate(
        requests=Count("pk"),
        answered=Count("pk", filter=Q(responded_at__isnull=False)),
        accepted=Count("pk", filter=ACCEPTED),
        declined=Count("pk", filter=Q(status=Status.DECLINED)),
        expired=Count("pk", filter=Q(status=Status.EXPIRED)),
        withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
        still_open=Count("pk", filter=Q(status__in=Interview.OPEN_STATES)),
        completed=Count("pk", filter=Q(status=Status.COMPLETED)),
        no_shows=Count("pk", filter=Q(status=Status.NO_SHOW)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        late_cancellations=Count("pk", filter=Q(status=Status.CANCELLED, late_cancellation=True)),
        thanked=Count("pk", filter=Q(status=Status.COMPLETED, thank_you_sent_at__isnull=False)),
        active_mentors=Count("mentor", distinct=True, filter=ACCEPTED),
        students=Count("student", distinct=True),
        median_answer=Median(
            F("responded_at") - F("requested_at"),
            output_field=DurationField(),
            filter=Q(responded_at__isnull=False),
        ),
    )
    return Outcomes(**figures)


def _feedback(requests: QuerySet[Interview]) -> FeedbackSummary:
    by_student = Q(author_id=F("interview__student_id"))
    by_mentor = Q(author_id=F("interview__mentor__user_id"))
    ratings = Feedback.Rating
    counts = {
        f"{who}_{value}": Count("pk", filter=q & Q(rating=value))
        for value in ratings.values
        for who, q in (("student", by_student), ("mentor", by_mentor))
    }
    figures = Feedback.objects.filter(interview__in=requests.values("pk")).aggregate(
        student_average=Avg("rating", filter=by_student),
        student_count=Count("pk", filter=by_student),
        mentor_average=Avg("rating", filter=by_mentor),
        mentor_count=Count("pk", filter=by_mentor),
        **counts,
    )
    return FeedbackSummary(
        student_average=figures["student_average"],
        student_count=figures["student_count"],
        mentor_average=figures["mentor_average"],
        mentor_count=figures["mentor_count"],
        distribution=[
            (str(label), figures[f"student_{value}"], figures[f"mentor_{value}"])
            for value, label in ratings.choices
        ],
    )


def _months(start: datetime.date, end: datetime.date) -> float:
    return ((end - start).days + 1) / (365.25 / 12)


def _load(
    begin: datetime.datetime,
    until: datetime.datetime,
    career_field: CareerField | None,
    start: datetime.date,
    end: datetime.date,
) -> Load:
    """Listed mentors (in the field, if one is chosen) and how often each was asked in the
    period. Over-asked: more requests than their monthly cap allows over the period.

    One join of mentors to the period's requests, grouped by mentor (a correlated
    subquery per mentor, repeated in every filtered count, is far slower at scale)."""
    months = _months(start, end)
    mentors = MentorProfile.objects.listed()
    if career_field is not None:
        # Their requests are then exactly the field's: a request is in a field through
        # its mentor.
        mentors = mentors.filter(career_fields=career_field)
    # Joined to the period's requests only, not to every request each mentor ever had.
    period_requests = FilteredRelation(
        "interviews",
        condition=Q(interviews__requested_at__gte=begin, interviews__requested_at__lt=until),
    )
    mentors = mentors.annotate(period_requests=period_requests).annotate(
        asked=Count("period_requests"),
        allowance=F("monthly_cap") * Value(months, output_field=FloatField()),
    )
    over = Q(asked__gt=F("allowance"))
    buckets = {
        f"bucket_{i}": Count(
            "pk", filter=Q(asked__gte=low) & (Q(asked__lte=high) if high is not None else Q())
        )
        for i, (_label, low, high) in enumerate(LOAD_BUCKETS)
    }
    figures = mentors.aggregate(
        listed=Count("pk"),
        asked_any=Count("pk", filter=Q(asked__gt=0)),
        never=Count("pk", filter=Q(asked=0)),
        over_asked=Count("pk", filter=over),
        **buckets,
    )
    most_asked = [
        (name, asked, allowance)
        for name, asked, allowance in mentors.filter(asked__gt=0)
        .order_by("-asked", "display_name", "pk")
        .values_list("display_name", "asked", "allowance")[:MOST_ASKED_LISTED]
    ]
    return Load(
        listed=figures["listed"],
        asked=figures["asked_any"],
        never_asked=figures["never"],
        over_asked=figures["over_asked"],
        months=months,
        buckets=[
            (label, figures[f"bucket_{i}"]) for i, (label, _lo, _hi) in enumerate(LOAD_BUCKETS)
        ],
        most_asked=most_asked,
    )


def _over_time(
    requests: QuerySet[Interview], start: datetime.date, end: datetime.date
) -> tuple[list[tuple[datetime.date, int]], bool]:
    """Requests per week, or per month for a period longer than half a year; every week
    or month of the period is present, with 0 where nobody asked."""
    by_month = (end - start).days > 183
    trunc = TruncMonth if by_month else TruncWeek
    zone = timezone.get_current_timezone()
    counts = {
        moment.date(): n
        for moment, n in requests.annotate(bucket=trunc("requested_at", tzinfo=zone))
        .order_by()
        .values("bucket")
        .annotate(n=Count("pk"))
        .values_list("bucket", "n")
    }
    series = []
    if by_month:
        day = start.replace(day=1)
        while day <= end:
            series.append((day, counts.get(day, 0)))
            day = (day + datetime.timedelta(days=32)).replace(day=1)
    else:
        day = start - datetime.timedelta(days=start.weekday())
        while day <= end:
            series.append((day, counts.get(day, 0)))
            day += datetime.timedelta(days=7)
    return series, by_month


def _per_field(rows: Iterable[Mapping[str, Any]]) -> dict[int, int]:
    return {row["careerfield_id"]: row["n"] for row in rows}


def _fields(requests: QuerySet[Interview]) -> list[FieldRow]:
    """Per career field: students whose profile names it (whenever they chose it), the
    period's requests to mentors in it, and listed mentors in it; the fields with most
    students per listed mentor first: the gaps to recruit for.

    Four queries, each grouped by field, joined here (a subquery per field, each scanning
    the period's requests again, is far slower at scale)."""
    mentor_fields = MentorProfile.career_fields.through.objects
    interested = _per_field(
        StudentProfile.fields_of_interest.through.objects.values("careerfield_id").annotate(
            n=Count("pk")
        )
    )
    asked = _per_field(
        mentor_fields.filter(mentorprofile__interviews__in=requests.values("pk"))
        .values("careerfield_id")
        .annotate(n=Count("mentorprofile__interviews"))
    )
    listed = _per_field(
        mentor_fields.filter(mentorprofile__in=MentorProfile.objects.listed().values("pk"))
        .values("careerfield_id")
        .annotate(n=Count("pk"))
    )
    result = [
        FieldRow(
            name=name,
            interested_students=interested.get(pk, 0),
            requests=asked.get(pk, 0),
            listed_mentors=listed.get(pk, 0),
        )
        for pk, name in CareerField.objects.values_list("pk", "name")
    ]
    result.sort(
        key=lambda r: (
            -(r.interested_students / max(r.listed_mentors, 1)),
            -r.interested_students,
            r.name,
        )
    )
    return result


def program_report(
    *, start: datetime.date, end: datetime.date, career_field: CareerField | None = None
) -> ProgramReport:
    """Everything the report page shows, in nine queries."""
    begin, until = _bounds(start, end)
    requests = _requests(begin, until, career_field)
    over_time, by_month = _over_time(requests, start, end)
    return ProgramReport(
        start=start,
        end=end,
        career_field=career_field,
        outcomes=_outcomes(requests),
        feedback=_feedback(requests),
        load=_load(begin, until, career_field, start, end),
        over_time=over_time,
        by_month=by_month,
        fields=_fields(requests),
    )
