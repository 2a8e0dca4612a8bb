"""Concurrent attempts, each on its own database connection: the database decides."""

import datetime
import threading
from collections import Counter

import pytest
from django.db import connection

from interviews import services
from interviews.models import Interview
from interviews.services import ActionNotAllowed, SlotTaken
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    StudentProfileFactory,
    TimeProposalFactory,
)

from .conftest import at

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(calls) -> Counter:
    """Run the calls in threads released together; count how each ended."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            call()
            outcome = "ok"
        except SlotTaken:
            outcome = "taken"
        except ActionNotAllowed as refused:
            outcome = f"refused: {refused.message}"
        except Exception as error:
            outcome = f"error: {type(error).__name__}: {error}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return Counter(results)


def accept_call(interview, proposal, start):
    def call():
        services.interview_accept(
            interview=interview,
            by=interview.mentor.user,
            format="video",
            meeting_details="https://video.example.com/room",
            proposal_id=proposal.pk,
            start_at=start,
        )

    return call


def test_twenty_overlapping_schedules_for_one_mentor_one_wins():
    mentor = MentorProfileFactory(monthly_cap=10)
    base = at(5, 14)
    calls = []
    for n in range(20):
        interview = InterviewFactory(mentor=mentor)
        proposal = TimeProposalFactory(
            interview=interview, starts_at=base, ends_at=base + datetime.timedelta(hours=3)
        )
        # Every start lies within 30 minutes of the others: all overlap.
        calls.append(accept_call(interview, proposal, base + datetime.timedelta(minutes=n)))
    outcomes = run_at_once(calls)
    assert outcomes == Counter({"ok": 1, "taken": 19}), outcomes
    assert Interview.objects.filter(mentor=mentor, status="scheduled").count() == 1


def test_one_student_with_two_mentors_cannot_hold_overlapping_times():
    student = StudentProfileFactory().user
    base = at(5, 14)
    calls = []
    for _ in range(2):
        interview = InterviewFactory(student=student, mentor=MentorProfileFactory())
        proposal = TimeProposalFactory(
            interview=interview, starts_at=base, ends_at=base + datetime.timedelta(hours=2)
        )
        calls.append(accept_call(interview, proposal, base))
    outcomes = run_at_once(calls)
    assert outcomes == Counter({"ok": 1, "taken": 1}), outcomes
    assert Interview.objects.filter(student=student, status="scheduled").count() == 1


def request_call(student, mentor):
    start = at(4, 15)

    def call():
        services.interview_request_create(
            student=student,
            mentor_id=mentor.pk,
            goal="Learn about the field",
            research="Read about the organization",
            not_a_job_request=True,
            duration_minutes=30,
            formats=["video"],
            windows=[services.Window(start, start + datetime.timedelta(hours=1))],
        )

    return call


def test_quick_repeated_requests_cannot_pass_the_pending_limit(settings):
    student = StudentProfileFactory().user
    mentors = [MentorProfileFactory() for _ in range(6)]
    outcomes = run_at_once([request_call(student, m) for m in mentors])
    assert outcomes["ok"] == settings.MAX_PENDING_REQUESTS, outcomes
    assert Interview.objects.filter(student=student).count() == settings.MAX_PENDING_REQUESTS


def test_a_double_submit_of_the_same_request_creates_one():
    student = StudentProfileFactory().user
    mentor = MentorProfileFactory()
    outcomes = run_at_once([request_call(student, mentor), request_call(student, mentor)])
    assert outcomes["ok"] == 1, outcomes
    assert Interview.objects.filter(student=student, mentor=mentor).count() == 1
