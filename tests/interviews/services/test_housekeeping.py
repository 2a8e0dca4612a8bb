"""What happens by itself: completion, expiry, departing accounts."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from interviews import services
from interviews.models import Interview
from notifications.models import Notification

from .conftest import kinds_to

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_finished_interviews_complete_by_themselves(scheduled):
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(minutes=1)):
        assert services.interviews_complete_due(now=timezone.now()) == 1
    scheduled.refresh_from_db()
    assert scheduled.status == Status.COMPLETED


def test_unanswered_requests_expire_after_the_configured_days(requested, settings, student):
    with time_machine.travel(
        timezone.now() + datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS - 1)
    ):
        assert services.interviews_expire_due(now=timezone.now()) == 0
    with time_machine.travel(
        timezone.now() + datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS + 1)
    ):
        assert services.interviews_expire_due(now=timezone.now()) == 1
    requested.refresh_from_db()
    assert requested.status == Status.EXPIRED
    assert "interview.expired" in kinds_to(student.email)


def test_no_email_goes_to_a_deleted_account_and_names_read_former(completed, mentor):
    from home.privacy import account_delete

    student = completed.student
    account_delete(user=student)
    completed.refresh_from_db()
    assert completed.student.is_erased
    with time_machine.travel(completed.ends_at + datetime.timedelta(hours=1)):
        services.interview_mark_no_show(interview=completed, by=mentor.user)
    assert not Notification.objects.filter(
        kind="interview.no_show", to_email=completed.student.email
    ).exists()

    from interviews.display import mentor_name, other_party_name, student_name

    assert student_name(completed.student) == "a former student"
    assert other_party_name(completed, mentor.user) == "a former student"
    assert mentor_name(completed.mentor) == mentor.display_name


def test_a_mentor_who_left_reads_as_a_former_mentor(completed, student, mentor):
    from home.privacy import account_delete
    from interviews.display import other_party_name

    account_delete(user=mentor.user)
    completed.refresh_from_db()
    assert other_party_name(completed, student) == "a former mentor"


def test_a_departing_account_closes_a_conversation_under_way_too(scheduled, student, mentor):
    with time_machine.travel(scheduled.starts_at + datetime.timedelta(minutes=5)):
        assert services.interviews_close_for_departing_user(user=student) == 1
    scheduled.refresh_from_db()
    assert scheduled.status == Interview.Status.CANCELLED
    assert "interview.cancelled" in kinds_to(mentor.user.email)
