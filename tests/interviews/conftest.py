import datetime

import pytest
from django.utils import timezone

from interviews.services import Window
from tests.factories import MentorProfileFactory, StudentProfileFactory


def at(days: float = 3, hour: int = 15) -> datetime.datetime:
    """A round time some days ahead, in UTC."""
    day = timezone.now() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def window(days: float = 3, hour: int = 15, hours: int = 2) -> Window:
    start = at(days, hour)
    return Window(starts_at=start, ends_at=start + datetime.timedelta(hours=hours))


@pytest.fixture
def student(db):
    return StudentProfileFactory().user


@pytest.fixture
def mentor(db):
    return MentorProfileFactory(monthly_cap=5)


@pytest.fixture
def request_kwargs():
    def make(**overrides):
        values = {
            "goal": "Learn what product managers do all day.",
            "research": "I read the team's blog and your talk at the alumni event.",
            "not_a_job_request": True,
            "duration_minutes": 30,
            "formats": ["video"],
            "windows": [window(3, 15), window(4, 15), window(5, 15)],
        }
        values.update(overrides)
        return values

    return make
