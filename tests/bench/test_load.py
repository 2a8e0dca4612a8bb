"""bench/load.py's journeys, walked through Django's test client (CSRF enforced) instead
of Locust: every address they visit exists and every form they send is one the site
accepts, so the load test cannot rot silently. No load is generated here."""

import random
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve

from bench import load
from interviews.models import Interview
from interviews.views import ACTIONS
from notifications.models import Notification
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


class ClientBrowser:
    """load.Browser over Django's test client; an unexpected answer fails the test."""

    def __init__(self):
        self.client = Client(enforce_csrf_checks=True)
        self.visited: list[str] = []

    def sign_in(self, session_key: str) -> None:
        self.client.cookies.clear()
        self.client.cookies[settings.SESSION_COOKIE_NAME] = session_key

    def _page(self, response, *, name: str, expect: int) -> load.Page:
        self.visited.append(name)
        body = response.content.decode()
        assert response.status_code == expect, (name, response.status_code, body[:3000])
        return load.Page(response.status_code, body, response.get("Location", ""))

    def get(self, path: str, *, name: str, expect: int = 200) -> load.Page:
        return self._page(self.client.get(path), name=name, expect=expect)

    def post(self, path: str, data, *, name: str, expect: int) -> load.Page:
        response = self.client.post(
            path, urlencode(data), content_type="application/x-www-form-urlencoded"
        )
        return self._page(response, name=name, expect=expect)


class Rolls(random.Random):
    """A random source whose ``random()`` gives these values in turn (the journeys'
    either-or choices); everything else is seeded."""

    def __init__(self, *rolls: float):
        super().__init__(17)
        self.rolls = list(rolls)

    def random(self) -> float:
        return self.rolls.pop(0) if self.rolls else super().random()


@pytest.fixture
def plan():
    for n in range(4):
        MentorProfileFactory(employer=f"Organization {n}", monthly_cap=3)
    assert load.create_students(4, rng=random.Random(1)) == 4
    return load.build_plan(rng=random.Random(1))


def test_every_route_of_the_journeys_exists():
    paths = load.route_paths()
    assert set(paths) == set(load.ROUTES)
    for key, (name, _args) in load.ROUTES.items():
        match = resolve(load.path_for(paths, key, 12))
        assert match.view_name == name, key
        if "action" in match.kwargs:
            assert match.kwargs["action"] in ACTIONS, key


def test_a_student_browses_searches_and_opens_profiles(plan):
    browser = ClientBrowser()
    student = load.StudentJourney(browser, load.Shared.from_plan(plan), random.Random(3))
    student.directory()
    assert len(student.seen) == 4
    student.directory_page()
    student.search()
    student.filter()
    student.profile()
    student.home()
    student.conversations()
    assert browser.visited[-3:] == ["mentor profile", "home", "my conversations"]


def test_requests_go_through_the_form_and_mentors_accept_both_ways(plan):
    shared = load.Shared.from_plan(plan)
    student = load.StudentJourney(ClientBrowser(), shared, Rolls(0.9, 0.9))
    first, second = student.send_request(), student.send_request()
    assert [i.status for i in Interview.objects.order_by("pk")] == ["requested", "requested"]
    # Two students, one request each, to two mentors who had not been asked.
    assert len({i.student_id for i in Interview.objects.all()}) == 2
    assert len(shared.to_answer) == 2

    # The first mentor picks the student's time; the second proposes two of their own.
    mentor = load.MentorJourney(ClientBrowser(), shared, Rolls(0.9, 0.1))
    assert mentor.answer() == first
    assert Interview.objects.get(pk=first).status == "scheduled"
    assert mentor.answer() == second
    assert Interview.objects.get(pk=second).status == "accepted"
    assert Interview.objects.get(pk=second).proposals.filter(proposed_by="mentor").count() == 2

    # A student picks one of them.
    assert student.choose_time() == second
    assert Interview.objects.get(pk=second).status == "scheduled"
    assert not shared.to_answer and not shared.to_choose


def test_scheduled_conversations_bring_confirmation_reminders(plan):
    ids = load.schedule_conversations(2)
    assert len(ids) == 2
    reminders = Notification.objects.filter(pk__in=ids)
    assert {r.kind for r in reminders} == {"reminder.confirm"}
    assert {r.status for r in reminders} == {"pending"}
