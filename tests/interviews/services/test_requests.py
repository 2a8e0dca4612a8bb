"""Asking for a conversation, and declining a request."""

import datetime
import zoneinfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from interviews import services
from interviews.models import Interview
from interviews.services import ActionNotAllowed, Window
from mentors.models import MentorMonthlyLoad
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

from ..conftest import at, window
from .conftest import body_of, kinds_to

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_a_request_stores_the_windows_and_tells_both_sides(student, mentor, request_kwargs):
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        referrer_name="Jane Doe",
        referrer_relation="We worked together at Acme",
        **request_kwargs(),
    )
    assert interview.status == Status.REQUESTED
    assert interview.proposals.count() == 3
    assert kinds_to(mentor.user.email) == ["interview.request_new", "reminder.stale_request"]
    assert kinds_to(student.email) == ["interview.request_sent"]
    to_mentor = body_of("interview.request_new", mentor.user.email)
    assert "Jane Doe suggested I contact you." in to_mentor
    assert "not for a job" in to_mentor
    assert "Learn what product managers do all day." in to_mentor


def test_at_the_mentors_convenience_needs_no_windows(student, mentor, request_kwargs):
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        **request_kwargs(windows=[], at_mentor_convenience=True),
    )
    assert interview.at_mentor_convenience
    assert interview.proposals.count() == 0


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        ([Window(at(-1), at(-1) + datetime.timedelta(hours=1))], "future"),
        ([Window(at(3, 15), at(3, 14))], "end after it starts"),
        ([Window(at(3, 15), at(3, 15) + datetime.timedelta(minutes=20))], "at least as long"),
        ([window(3, 15, 2), window(3, 16, 2)], "overlap"),
        ([window(3), window(4), window(5), window(6)], "at most three"),
        ([], "Propose up to three times"),
    ],
)
def test_bad_windows_are_refused_on_the_windows_field(
    student, mentor, request_kwargs, windows, message
):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(windows=windows)
        )
    assert message in refused.value.message
    assert refused.value.field == "windows"
    assert not Interview.objects.exists()


def test_a_forged_two_hour_length_is_refused_by_the_service_and_the_database(
    student, mentor, request_kwargs
):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(duration_minutes=120)
        )
    assert refused.value.field == "duration_minutes"
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewFactory(duration_minutes=120)


def test_the_student_must_confirm_it_is_not_a_job_request(student, mentor, request_kwargs):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(not_a_job_request=False)
        )
    assert refused.value.field == "not_a_job_request"


def test_an_incomplete_profile_cannot_request(mentor, request_kwargs):
    student = StudentProfileFactory(completed_at=None).user
    with pytest.raises(ActionNotAllowed, match="Complete your student profile"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


def test_nobody_can_request_themselves(request_kwargs):
    student = StudentProfileFactory().user
    mentor = MentorProfileFactory(user=student)
    with pytest.raises(ActionNotAllowed, match="yourself"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


@pytest.mark.parametrize("status", ["paused", "pending", "retired", "rejected"])
def test_unlisted_mentors_cannot_be_requested(student, request_kwargs, status):
    mentor = MentorProfileFactory(
        status=status, paused_until=timezone.localdate() + datetime.timedelta(days=30)
    )
    with pytest.raises(ActionNotAllowed, match="not taking requests"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


def test_a_mentor_at_the_monthly_cap_cannot_be_requested(student, request_kwargs):
    mentor = MentorProfileFactory(monthly_cap=1)
    MentorMonthlyLoad.objects.create(
        mentor=mentor, month=timezone.localdate().replace(day=1), count=1
    )
    with pytest.raises(ActionNotAllowed, match="reached the number of conversations"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


def test_one_open_request_per_mentor_and_at_most_three_waiting(student, request_kwargs, settings):
    mentors = [MentorProfileFactory() for _ in range(4)]
    services.interview_request_create(student=student, mentor_id=mentors[0].pk, **request_kwargs())
    with pytest.raises(ActionNotAllowed, match="already have an open request"):
        services.interview_request_create(
            student=student, mentor_id=mentors[0].pk, **request_kwargs()
        )
    for mentor in mentors[1:3]:
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())
    with pytest.raises(ActionNotAllowed, match="3 requests waiting"):
        services.interview_request_create(
            student=student, mentor_id=mentors[3].pk, **request_kwargs()
        )
    assert Interview.objects.filter(student=student).count() == settings.MAX_PENDING_REQUESTS


def test_the_formats_must_meet_the_mentors(student, request_kwargs):
    mentor = MentorProfileFactory(meeting_formats=["in_person"])
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(formats=["video"])
        )
    assert refused.value.field == "formats"


def test_declining_with_a_suggestion_tells_the_student(requested, mentor, student):
    other = MentorProfileFactory()
    services.interview_decline(
        interview=requested,
        by=mentor.user,
        reason="My month is full.",
        suggested_mentor_id=other.pk,
    )
    requested.refresh_from_db()
    assert requested.status == Status.DECLINED
    assert requested.suggested_mentor == other
    body = body_of("interview.declined", student.email)
    assert "My month is full." in body
    assert other.display_name in body


def test_the_new_request_email_lists_the_windows_in_the_mentors_zone(student, request_kwargs):
    mentor = MentorProfileFactory()
    mentor.user.time_zone = "America/Denver"
    mentor.user.save()
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        referrer_name="Jane Doe",
        referrer_relation="We worked together at Acme",
        **request_kwargs(),
    )
    body = body_of("interview.request_new", mentor.user.email)
    assert "Jane Doe suggested I contact you." in body
    assert "How they know you: We worked together at Acme." in body
    first = interview.proposals.order_by("starts_at").first()
    local = timezone.localtime(first.starts_at, zoneinfo.ZoneInfo("America/Denver"))
    assert local.strftime("%B %-d, %Y") in body
    assert "MST" in body


def test_a_student_cannot_propose_a_time_over_their_own_conversation(
    scheduled, student, request_kwargs
):
    overlapping = Window(starts_at=scheduled.starts_at, ends_at=scheduled.ends_at)
    with pytest.raises(ActionNotAllowed, match="You already have a conversation with") as refused:
        services.interview_request_create(
            student=student,
            mentor_id=MentorProfileFactory().pk,
            **request_kwargs(windows=[overlapping]),
        )
    assert refused.value.field == "windows"


def test_a_time_after_the_horizon_is_refused(student, mentor, request_kwargs, settings):
    settings.REQUEST_HORIZON_DAYS = 90
    with pytest.raises(ActionNotAllowed, match="within the next 90 days"):
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(windows=[window(91, 15)])
        )
    with pytest.raises(ActionNotAllowed, match="within the next 90 days"):
        services.validate_windows([window(91, 15)], duration_minutes=30)
    assert services.validate_windows([window(89, 15)], duration_minutes=30)
