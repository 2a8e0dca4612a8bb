"""The program report's figures, against counts made here from crafted data."""

import datetime
import statistics

import pytest
from django.utils import timezone

from interviews.models import Feedback, Interview
from mentors.models import CareerField
from reports.selectors import program_report, term_containing
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 5, 31)


def at(day: int, hour: int = 12) -> datetime.datetime:
    """A moment in the spring term of 2026, in the site's zone."""
    zone = timezone.get_current_timezone()
    return datetime.datetime(2026, 2, 1, hour, tzinfo=zone) + datetime.timedelta(days=day)


def made(mentor, *, status, day, answered_hours=None, late=False, thanked=False, **extra):
    interview = InterviewFactory(mentor=mentor, **extra)
    requested = at(day)
    Interview.objects.filter(pk=interview.pk).update(
        status=status,
        requested_at=requested,
        responded_at=requested + datetime.timedelta(hours=answered_hours)
        if answered_hours is not None
        else None,
        late_cancellation=late,
        thank_you_sent_at=requested + datetime.timedelta(days=9) if thanked else None,
    )
    interview.refresh_from_db()
    return interview


@pytest.fixture
def crafted():
    law, design = CareerField.objects.order_by("pk")[:2]
    busy = MentorProfileFactory(monthly_cap=1, career_fields=[law])  # 5 months: 5 allowed
    calm = MentorProfileFactory(monthly_cap=3, career_fields=[design])
    never = MentorProfileFactory(career_fields=[design])
    MentorProfileFactory(status="pending", career_fields=[law])  # not listed
    rows = [
        made(busy, status="completed", day=1, answered_hours=2, thanked=True),
        made(busy, status="completed", day=2, answered_hours=10),
        made(busy, status="no_show", day=3, answered_hours=30),
        made(busy, status="cancelled", day=4, answered_hours=1, late=True),
        made(busy, status="cancelled", day=5, answered_hours=5),
        made(busy, status="declined", day=6, answered_hours=50),
        made(calm, status="expired", day=7),
        made(calm, status="requested", day=8),
        made(calm, status="completed", day=9, answered_hours=4, thanked=True),
    ]
    # Before the period: counted nowhere.
    old = made(calm, status="completed", day=-60, answered_hours=1)
    Feedback.objects.create(interview=rows[0], author=rows[0].student, rating=4)
    Feedback.objects.create(interview=rows[1], author=rows[1].student, rating=2)
    Feedback.objects.create(interview=rows[0], author=busy.user, rating=3)
    Feedback.objects.create(interview=old, author=old.student, rating=1)
    StudentProfileFactory.create_batch(2, fields_of_interest=[law])
    return {"rows": rows, "busy": busy, "calm": calm, "never": never, "law": law}


def test_the_figures_match_the_crafted_interviews(crafted):
    rows = crafted["rows"]
    report = program_report(start=START, end=END)
    o = report.outcomes

    assert o.requests == len(rows) == 9
    accepted = [r for r in rows if r.responded_at and r.status != "declined"]
    assert o.accepted == len(accepted) == 6
    assert o.acceptance_rate == pytest.approx(6 / 9)
    assert (o.completed, o.no_shows, o.cancelled, o.late_cancellations) == (3, 1, 2, 1)
    assert o.on_time_cancellations == 1
    assert (o.declined, o.expired, o.still_open) == (1, 1, 1)
    assert o.thanked == 2 and o.thank_you_rate == pytest.approx(2 / 3)
    answers = [(r.responded_at - r.requested_at).total_seconds() for r in rows if r.responded_at]
    assert o.median_answer.total_seconds() == pytest.approx(statistics.median(answers))
    assert o.active_mentors == 2
    assert o.students == 9

    f = report.feedback
    assert (f.student_count, f.student_average) == (2, pytest.approx(3.0))
    assert (f.mentor_count, f.mentor_average) == (1, pytest.approx(3.0))
    assert {label: s for label, s, _m in f.distribution}["Very useful"] == 1


def test_load_names_the_over_asked_and_counts_the_never_asked(crafted):
    load = program_report(start=START, end=END).load

    assert load.listed == 3  # the pending volunteer is not listed
    assert load.never_asked == 1
    assert load.asked == 2
    # busy: 6 requests against a cap of 1 a month for five months.
    assert load.over_asked == 1
    assert load.most_asked[0][:2] == (crafted["busy"].display_name, 6)
    assert dict(load.buckets) == {"0": 1, "1": 0, "2": 0, "3–5": 1, "6–10": 1, "11+": 0}


def test_fields_compare_what_students_want_with_listed_mentors(crafted):
    fields = {row.name: row for row in program_report(start=START, end=END).fields}
    law = fields[crafted["law"].name]

    assert law.listed_mentors == 1
    assert law.requests == 6
    # Every student made by the factories names the first field, law among them.
    assert law.interested_students == 2 + 9 + 1
    assert law.students_per_mentor == pytest.approx(12)
    assert next(iter(fields)) == crafted["law"].name  # the largest gap first


def test_one_career_field_narrows_every_figure(crafted):
    report = program_report(start=START, end=END, career_field=crafted["law"])

    assert report.outcomes.requests == 6
    assert report.load.listed == 1


def test_requests_per_week_cover_every_week_of_the_period(crafted):
    report = program_report(start=START, end=END)

    assert not report.by_month
    assert sum(n for _day, n in report.over_time) == 9
    assert report.over_time[0][0] == START - datetime.timedelta(days=START.weekday())
    assert all(day.weekday() == 0 for day, _n in report.over_time)


def test_the_report_runs_the_same_few_queries_whatever_the_data(crafted, django_assert_num_queries):
    with django_assert_num_queries(9):
        program_report(start=START, end=END)
    for mentor in MentorProfileFactory.create_batch(3):
        made(mentor, status="completed", day=20, answered_hours=3)
    with django_assert_num_queries(9):
        program_report(start=START, end=END)


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (datetime.date(2026, 3, 10), datetime.date(2026, 1, 1), datetime.date(2026, 5, 31)),
        (datetime.date(2026, 6, 1), datetime.date(2026, 6, 1), datetime.date(2026, 8, 15)),
        (datetime.date(2026, 12, 31), datetime.date(2026, 8, 16), datetime.date(2026, 12, 31)),
    ],
)
def test_terms_run_from_one_start_to_the_day_before_the_next(day, start, end):
    term = term_containing(day)
    assert (term.start, term.end) == (start, end)
