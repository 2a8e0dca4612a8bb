"""Helpers for the notebook's tests: conversations that took place, in chosen fields."""

import datetime

import pytest
from django.utils import timezone

from interviews.models import Interview
from mentors.models import CareerField
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory


def career_field(slug: str) -> CareerField:
    return CareerField.objects.get(slug=slug)


def held(
    student, mentor=None, *, days_ago: int = 2, status=Interview.Status.COMPLETED, **mentor_kwargs
):
    """A conversation between ``student`` and ``mentor`` (a new one in the fields given,
    by default) that took place ``days_ago`` days ago."""
    if mentor is None:
        mentor = MentorProfileFactory(**mentor_kwargs)
    starts_at = timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)
    return InterviewFactory(
        student=student,
        mentor=mentor,
        status=status,
        format="video",
        meeting_details="https://video.example.com/room/1",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=30),
    )


@pytest.fixture
def software(db):
    return career_field("software-engineering")


@pytest.fixture
def student(db, software):
    return StudentProfileFactory(fields_of_interest=[software]).user
