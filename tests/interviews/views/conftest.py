"""Fixtures and helpers shared by the view tests."""

import datetime
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from interviews.models import Interview
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    StudentProfileFactory,
    TimeProposalFactory,
)
from tests.storage import use_private_folder

from ..conftest import at

Status = Interview.Status
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    root = tmp_path / "private"
    return use_private_folder(settings, root)


def local_day(days: int) -> datetime.date:
    return (timezone.now().astimezone(NEW_YORK) + datetime.timedelta(days=days)).date()


def request_post(**overrides) -> dict:
    """A complete request as the form posts it; the student is in New York."""
    data = {
        "goal": "What does a week in product management look like?",
        "research": "I read the team's engineering blog and your alumni talk.",
        "referrer_name": "Jane Doe",
        "referrer_relation": "we worked together at Acme",
        "not_a_job_request": "on",
        "duration_minutes": "45",
        "formats": ["video"],
        "window_1_date": local_day(3).isoformat(),
        "window_1_from": "14:00",
        "window_1_to": "16:00",
        "window_2_date": local_day(4).isoformat(),
        "window_2_from": "09:00",
        "window_2_to": "10:00",
        "window_3_date": "",
        "window_3_from": "",
        "window_3_to": "",
        "preview": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def new_york_student():
    profile = StudentProfileFactory(user__time_zone="America/New_York")
    return profile.user


def errors_of(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _bad(client, mentor, field: str, **overrides):
    page = client.post(f"/interviews/request/{mentor.pk}/", request_post(**overrides))
    assert page.status_code == 200
    assert Interview.objects.count() == 0
    errors = errors_of(page, field)
    assert errors, page.context["form"].errors
    # Nothing typed is lost.
    assert page.context["form"]["goal"].value() == request_post()["goal"]
    assert page.context["form"]["referrer_name"].value() == "Jane Doe"
    return " ".join(errors), page


def _requested(mentor_zone="America/New_York"):
    mentor = MentorProfileFactory(monthly_cap=5, user__time_zone=mentor_zone)
    interview = InterviewFactory(mentor=mentor, student=new_york_student())
    proposal = TimeProposalFactory(interview=interview, starts_at=at(3, 15))
    return interview, proposal


def _accept_post(interview, chosen, **overrides):
    p = f"accept-{interview.pk}-"
    data = {
        p + "proposal": str(chosen.pk),
        p + "start_time": "",
        p + "format": "video",
        p + "meeting_details": "https://video.example.com/room/7",
    }
    data.update({p + k: v for k, v in overrides.items()})
    return data


def completed_interview() -> Interview:
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=3)
    return InterviewFactory(
        status=Status.COMPLETED,
        format="video",
        meeting_details="https://video.example.com/x",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )
