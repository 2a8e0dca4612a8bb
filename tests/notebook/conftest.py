"""Conversations at each moment the follow-up cares about, and the people around them."""

import datetime

import pytest
from django.utils import timezone

from interviews.models import Interview
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

H = datetime.timedelta(hours=1)


def conversation(*, hours_from_now: float, **kwargs) -> Interview:
    """A scheduled conversation of 30 minutes starting ``hours_from_now`` (negative: past)."""
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours_from_now)
    return InterviewFactory(
        scheduled=True, starts_at=start, ends_at=start + datetime.timedelta(minutes=30), **kwargs
    )


@pytest.fixture
def held(db) -> Interview:
    """A conversation that ended an hour ago, between Ada Lovelace and Grace Hopper."""
    student = StudentProfileFactory(user__first_name="Ada", user__last_name="Lovelace").user
    mentor = MentorProfileFactory(
        user__first_name="Grace", user__last_name="Hopper", job_title="Engineer",
        employer="Navy Labs",
    )  # fmt: skip
    return conversation(hours_from_now=-1.5, student=student, mentor=mentor)


@pytest.fixture
def upcoming(db) -> Interview:
    return conversation(hours_from_now=48)


@pytest.fixture
def other_student(db):
    return StudentProfileFactory().user
