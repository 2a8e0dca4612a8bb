"""Stale actions and lost races: a message or a 409 page, never an error."""

import datetime

import pytest
from django.utils import timezone

from interviews.models import Interview, TimeProposal
from tests.factories import InterviewFactory, TimeProposalFactory

from ..conftest import at
from .conftest import _accept_post, _requested, messages_of

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_a_double_click_is_a_message_not_an_error(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    url = f"/interviews/{interview.pk}/accept/"
    client.post(url, _accept_post(interview, proposal))
    second = client.post(url, _accept_post(interview, proposal))
    assert second.status_code == 302
    assert second["Location"] == f"/interviews/{interview.pk}/"
    assert any("no longer" in m for m in messages_of(second))


def test_a_second_tab_withdrawing_an_accepted_then_scheduled_request_gets_a_message(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.student)
    response = client.post(f"/interviews/{interview.pk}/withdraw/", {})
    assert response.status_code == 302
    assert any("can no longer be withdrawn" in m for m in messages_of(response))


def test_a_time_just_taken_is_a_409_page(client):
    interview, proposal = _requested()
    InterviewFactory(
        mentor=interview.mentor,
        scheduled=True,
        starts_at=proposal.starts_at,
        ends_at=proposal.starts_at + datetime.timedelta(minutes=30),
    )
    client.force_login(interview.mentor.user)
    page = client.post(f"/interviews/{interview.pk}/accept/", _accept_post(interview, proposal))
    assert page.status_code == 409
    html = page.content.decode()
    # The mentor's own calendar: say so, and with whom, not that someone was quicker.
    assert "That time overlaps another of your conversations" in html
    assert "You already have a conversation with" in html
    assert "just taken" not in html
    assert f'href="/interviews/{interview.pk}/"' in html


def test_a_mentors_time_that_was_never_free_is_explained_to_the_student(client):
    interview, _proposal = _requested()
    mentor = interview.mentor
    # A window proposed before proposals were checked against the mentor's calendar.
    mentor_time = TimeProposalFactory(interview=interview, proposed_by="mentor",
                                      starts_at=at(6, 15))  # fmt: skip
    Interview.objects.filter(pk=interview.pk).update(
        status=Status.ACCEPTED, format="video", meeting_details="https://video.example.com/1"
    )
    InterviewFactory(mentor=mentor, scheduled=True, starts_at=at(6, 15))
    TimeProposal.objects.filter(pk=mentor_time.pk).update(
        created_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    client.force_login(interview.student)
    page = client.post(
        f"/interviews/{interview.pk}/choose_time/",
        {f"choose-{interview.pk}-proposal": str(mentor_time.pk)},
    )
    assert page.status_code == 409
    html = page.content.decode()
    assert f"{mentor.display_name} is not free at that time" in html
    assert "already had another conversation at that time when it was offered" in html
    assert "Someone else" not in html
