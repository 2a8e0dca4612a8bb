"""Stable addresses, and who may open them."""

import pytest
from django.urls import reverse

from interviews.models import Interview
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_urls_are_the_stable_ones():
    assert reverse("interviews:list") == "/interviews/"
    assert reverse("interviews:detail", args=[7]) == "/interviews/7/"
    assert reverse("interviews:ics", args=[7]) == "/interviews/7/invite.ics"
    assert reverse("interviews:request_create", args=[3]) == "/interviews/request/3/"
    assert reverse("mentor_dashboard") == "/mentors/dashboard/"


def test_the_mentor_navigation_links_to_the_dashboard(client, mentor):
    client.force_login(mentor.user)
    page = client.get("/")
    assert any(link["url"] == "/mentors/dashboard/" for link in page.context["nav_links"])


def _every_url(interview: Interview) -> list[tuple[str, str]]:
    pk = interview.pk
    urls = [
        ("get", f"/interviews/{pk}/"),
        ("get", f"/interviews/{pk}/letter/"),
        ("get", f"/interviews/{pk}/invite.ics"),
        ("get", f"/interviews/{pk}/resume/"),
    ]
    actions = [
        "accept",
        "decline",
        "choose_time",
        "confirm",
        "update_details",
        "reschedule",
        "withdraw",
        "cancel",
        "no_show",
    ]
    return urls + [("post", f"/interviews/{pk}/{action}/") for action in actions]


def test_logged_out_visitors_are_sent_to_log_in(client):
    interview = InterviewFactory(scheduled=True)
    for method, url in [
        *_every_url(interview),
        ("get", "/interviews/"),
        ("get", "/mentors/dashboard/"),
        ("get", f"/interviews/request/{interview.mentor_id}/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_a_student_or_mentor_who_is_not_a_party_gets_404_everywhere(client):
    interview = InterviewFactory(scheduled=True, resume_attached=True)
    outsiders = [StudentProfileFactory().user, MentorProfileFactory().user]
    for outsider in outsiders:
        client.force_login(outsider)
        for method, url in _every_url(interview):
            response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
            assert response.status_code == 404, (outsider.role, url)
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED


def test_an_unknown_action_is_404(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    assert client.post(f"/interviews/{interview.pk}/explode/").status_code == 404


def test_an_action_address_opened_with_get_goes_to_the_interview(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    for action in ("withdraw", "reschedule", "accept"):
        response = client.get(f"/interviews/{interview.pk}/{action}/")
        assert response.status_code == 302
        assert response["Location"] == f"/interviews/{interview.pk}/"
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED
    assert client.put(f"/interviews/{interview.pk}/withdraw/").status_code == 405
    client.force_login(StudentProfileFactory().user)
    assert client.get(f"/interviews/{interview.pk}/withdraw/").status_code == 404
