"""Conversations at each moment the follow-up tests care about.

Plain functions rather than fixtures: the notebook's other tests keep their own."""

import datetime

from django.utils import timezone

from interviews.models import Interview
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory


def conversation(*, hours_from_now: float, **kwargs) -> Interview:
    """A scheduled conversation of 30 minutes starting ``hours_from_now`` (negative: past)."""
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours_from_now)
    return InterviewFactory(
        scheduled=True, starts_at=start, ends_at=start + datetime.timedelta(minutes=30), **kwargs
    )


def held_conversation(**kwargs) -> Interview:
    """A conversation that ended an hour ago, between Ada Lovelace and Grace Hopper, an
    engineer at Navy Labs."""
    student = StudentProfileFactory(user__first_name="Ada", user__last_name="Lovelace").user
    mentor = MentorProfileFactory(
        user__first_name="Grace", user__last_name="Hopper", job_title="Engineer",
        employer="Navy Labs",
    )  # fmt: skip
    return conversation(hours_from_now=-1.5, student=student, mentor=mentor, **kwargs)


def upcoming_conversation(**kwargs) -> Interview:
    return conversation(hours_from_now=48, **kwargs)


def a_student():
    return StudentProfileFactory().user
