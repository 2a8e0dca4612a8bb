"""Fixtures and helpers shared by the service tests."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from interviews import services
from interviews.models import TimeProposal
from notifications.models import Notification
from tests.outbox import rendered


def body_of(kind: str, to: str) -> str:
    return rendered(Notification.objects.get(kind=kind, to_email=to)).body_text


def kinds_to(email: str) -> list[str]:
    return list(
        Notification.objects.filter(to_email=email).order_by("id").values_list("kind", flat=True)
    )


@pytest.fixture
def requested(student, mentor, request_kwargs):
    return services.interview_request_create(
        student=student, mentor_id=mentor.pk, **request_kwargs()
    )


def student_proposal(interview) -> TimeProposal:
    return interview.proposals.filter(proposed_by="student").order_by("starts_at").first()


@pytest.fixture
def scheduled(requested, mentor):
    return services.interview_accept(
        interview=requested,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/abc",
        proposal_id=student_proposal(requested).pk,
    )


@pytest.fixture
def completed(scheduled):
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(minutes=5)):
        services.interviews_complete_due(now=timezone.now())
    scheduled.refresh_from_db()
    return scheduled
