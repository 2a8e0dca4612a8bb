"""Cancelling, confirming, reporting a no-show, thanking and feedback."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from interviews import policy, services
from interviews.models import Interview
from interviews.services import ActionNotAllowed
from mentors.models import MentorMonthlyLoad
from notifications.models import Notification
from tests.factories import StudentUserFactory
from tests.outbox import rendered

from .conftest import kinds_to

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_cancel_sends_a_cancel_invite_and_records_late_cancellations(scheduled, mentor):
    with time_machine.travel(scheduled.starts_at - datetime.timedelta(hours=3)):
        services.interview_cancel(interview=scheduled, by=mentor.user, reason="Flight delayed")
    scheduled.refresh_from_db()
    assert scheduled.status == Status.CANCELLED
    assert scheduled.late_cancellation is True
    cancel = rendered(Notification.objects.filter(kind="interview.cancelled").first())
    assert "METHOD:CANCEL" in cancel.attachments[0]["content"]
    assert MentorMonthlyLoad.objects.get(mentor=mentor).count == 0


def test_confirm_tells_the_mentor_once(scheduled, student, mentor):
    services.interview_confirm(interview=scheduled, by=student)
    services.interview_confirm(interview=scheduled, by=student)
    assert kinds_to(mentor.user.email).count("interview.confirmed") == 1


def test_no_show_only_after_the_start(scheduled, student):
    with pytest.raises(ActionNotAllowed):
        services.interview_mark_no_show(interview=scheduled, by=student)
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(hours=1)):
        services.interview_mark_no_show(interview=scheduled, by=student)
    scheduled.refresh_from_db()
    assert scheduled.status == Status.NO_SHOW


def test_feedback_once_per_person_after_the_conversation(scheduled, student, mentor):
    with pytest.raises(ActionNotAllowed):
        services.interview_feedback_give(interview=scheduled, by=student, rating=4)
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(hours=1)):
        services.interviews_complete_due(now=timezone.now())
        scheduled.refresh_from_db()
        services.interview_feedback_give(interview=scheduled, by=student, rating=4, comment="Great")
        services.interview_feedback_give(interview=scheduled, by=mentor.user, rating=3)
        with pytest.raises(ActionNotAllowed, match="already shared"):
            services.interview_feedback_give(interview=scheduled, by=student, rating=1)
        with pytest.raises(ActionNotAllowed):
            services.interview_feedback_give(interview=scheduled, by=StudentUserFactory(), rating=2)
    assert scheduled.feedback.count() == 2
    pending_for_student = Notification.objects.filter(
        kind="reminder.feedback", to_email=student.email, status="pending"
    )
    assert not pending_for_student.exists()
    assert Notification.objects.filter(
        kind="reminder.feedback", to_email=mentor.user.email, status="void"
    ).exists()


def test_no_show_is_refused_once_the_student_sent_the_thank_you(completed, student, mentor):
    with time_machine.travel(completed.ends_at + datetime.timedelta(hours=1)):
        completed = services.interview_thank_you_mark_sent(
            interview=completed, by=student, method="email"
        )
        assert policy.took_place_refusal(completed, by=student)
        with pytest.raises(ActionNotAllowed, match="thank-you as sent"):
            services.interview_mark_no_show(interview=completed, by=student)
        # The mentor's own word is theirs to give.
        assert policy.took_place_refusal(completed, by=mentor.user) is None
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_no_show_is_refused_once_that_side_gave_feedback(completed, student, mentor):
    with time_machine.travel(completed.ends_at + datetime.timedelta(hours=1)):
        services.interview_feedback_give(interview=completed, by=mentor.user, rating=3)
        with pytest.raises(ActionNotAllowed, match="shared feedback"):
            services.interview_mark_no_show(interview=completed, by=mentor.user)
        assert policy.took_place_refusal(completed, by=student) is None
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_the_services_refuse_what_the_page_no_longer_offers(scheduled, student, mentor):
    # A form left open in another tab: once the conversation started, it can no longer be
    # cancelled or given new meeting details, and a thank-you is marked sent only once.
    with time_machine.travel(scheduled.starts_at + datetime.timedelta(minutes=5)):
        with pytest.raises(ActionNotAllowed, match="already started"):
            services.interview_cancel(interview=scheduled, by=mentor.user, reason="Ill")
        with pytest.raises(ActionNotAllowed, match="already started"):
            services.interview_update_details(
                interview=scheduled, by=mentor.user, format="phone", meeting_details="555-0100"
            )
        services.interview_thank_you_mark_sent(interview=scheduled, by=student, method="email")
        with pytest.raises(ActionNotAllowed, match="already marked your thank-you"):
            services.interview_thank_you_mark_sent(interview=scheduled, by=student, method="card")
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.format, scheduled.thank_you_method) == (
        Interview.Status.SCHEDULED,
        "video",
        "email",
    )
