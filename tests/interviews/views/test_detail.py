"""One interview's page: who sees which actions, names of people who left, titles."""

import re

import pytest

from interviews.models import Interview
from tests.factories import InterviewFactory, TimeProposalFactory

from .conftest import _accept_post, _requested, completed_interview, messages_of

Status = Interview.Status
pytestmark = pytest.mark.django_db


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found, "no <title>"
    return " ".join(found[1].split())


def test_the_student_withdraws_a_request(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    client.post(f"/interviews/{interview.pk}/withdraw/", {})
    interview.refresh_from_db()
    assert interview.status == Status.WITHDRAWN


def test_each_side_sees_only_its_own_actions(client):
    interview, _proposal = _requested()
    client.force_login(interview.student)
    names = [a["name"] for a in client.get(f"/interviews/{interview.pk}/").context["actions"]]
    assert names == ["withdraw"]
    client.force_login(interview.mentor.user)
    names = [a["name"] for a in client.get(f"/interviews/{interview.pk}/").context["actions"]]
    assert names == ["accept", "decline"]


def test_a_student_acting_as_mentor_gets_a_message(client):
    interview, proposal = _requested()
    client.force_login(interview.student)
    response = client.post(f"/interviews/{interview.pk}/accept/", _accept_post(interview, proposal))
    assert response.status_code == 302
    assert any("Only the mentor" in m for m in messages_of(response))
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_a_wrong_role_is_told_so_even_with_an_empty_form(client):
    interview, _proposal = _requested()
    client.force_login(interview.student)
    response = client.post(f"/interviews/{interview.pk}/accept/", {})
    assert messages_of(response) == ["Only the mentor can accept a request."]
    client.force_login(interview.mentor.user)
    response = client.post(f"/interviews/{interview.pk}/withdraw/", {})
    assert messages_of(response)[-1] == "Only the student can withdraw the request."
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_an_accepted_request_offers_the_student_withdraw_and_the_mentor_cancel(client):
    interview = InterviewFactory(status=Status.ACCEPTED, format="video")
    TimeProposalFactory(interview=interview, proposed_by="mentor")
    client.force_login(interview.student)
    page = client.get(interview.get_absolute_url())
    assert [a["name"] for a in page.context["actions"]] == ["choose_time", "withdraw"]
    assert "Accepted – choosing a time" in page.content.decode()
    assert b"Cancel the conversation" not in page.content
    client.force_login(interview.mentor.user)
    page = client.get(interview.get_absolute_url())
    assert [a["name"] for a in page.context["actions"]] == ["update_details", "cancel"]


def test_a_student_who_left_reads_as_a_former_student_to_the_mentor(client):
    from home.privacy import account_delete

    interview = completed_interview()
    waiting = InterviewFactory(mentor=interview.mentor)
    account_delete(user=interview.student)
    client.force_login(interview.mentor.user)
    for url in ("/mentors/dashboard/", "/interviews/", interview.get_absolute_url(), "/"):
        html = client.get(url).content.decode()
        assert "invalid.example" not in html, url
    assert (
        "Conversation with a former student" in client.get("/mentors/dashboard/").content.decode()
    )
    detail = client.get(interview.get_absolute_url()).content.decode()
    assert "Conversation with a former student" in detail
    assert title_of(detail) == "Conversation with a former student · Completed · Career Center"
    assert waiting.student.get_full_name() in client.get("/").content.decode()


def test_a_mentor_who_left_reads_as_a_former_mentor_to_the_student(client):
    from home.privacy import account_delete

    interview = completed_interview()
    account_delete(user=interview.mentor.user)
    client.force_login(interview.student)
    detail = client.get(interview.get_absolute_url()).content.decode()
    assert "Conversation with a former mentor" in detail
    assert "Conversation with a former mentor" in client.get("/interviews/").content.decode()


def test_the_page_title_says_with_whom_and_the_state(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.student)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert title_of(html).startswith(f"Conversation with {interview.mentor.display_name} · Sch")
    client.force_login(interview.mentor.user)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert title_of(html).startswith(f"Conversation with {interview.student.get_full_name()} · ")
