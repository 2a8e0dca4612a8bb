"""Load test: students and mentors using the site at once while the outbox sends.

Creates its own database (``<name>_bench_load`` next to DATABASE_URL's), seeds 10,000
mentors with ``seed_demo`` and adds 2,000 students with complete profiles, then starts,
each on 127.0.0.1: gunicorn (5 sync workers), two ``celery worker`` processes and one
``celery beat`` on REDIS_URL (queues of the run's own), and an SMTP server that receives
every email. Locust then runs headless for a bounded time (90 s by default) with 50
users: students (nine in ten) browse the directory, page through it, search, filter,
open mentor profiles, look at their conversations and send requests through the real
form (preview, then send, with CSRF) to mentors who have time this month; mentors
(one in ten) open their inbox and accept, either picking one of the student's times
or proposing times of their own, which a student then picks. Meanwhile beat ticks the
outbox dispatcher as in production (every 60 s) and the workers send each email the
pages queue, plus the confirmation reminders of conversations scheduled before the
run, which fall due evenly during it.

Prints, and writes to the top of ``bench/RESULTS-load.md`` (``--no-write`` to leave
it), per page: requests, failures, p50/p95/p99 against the goal (no failure, p95 under
300 ms), and for the outbox: emails queued and reminders due during the run against
those sent by its end, the backlog left, and how late they went out. Every process it
starts is stopped by its PID; Locust stops by itself (``--run-time``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/careercenter \\
    REDIS_URL=redis://127.0.0.1:6379/0 python bench/load.py [--users 50] [--run-time 90]

This file is also Locust's locustfile: the user classes are at the bottom, the journeys
they follow in the middle. Everything Django is imported inside functions, so Locust's
process never loads the site, and the tests (tests/bench/test_load.py) walk the same
journeys through Django's test client.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import Cookie
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode, urlparse, urlunparse

# Only Locust's own process needs gevent's monkey-patching (it imported locust before
# this file, so this line changes nothing there); the runner below and the tests import
# this file without it.
os.environ.setdefault("LOCUST_SKIP_MONKEY_PATCH", "1")

from locust import FastHttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
MENTORS = 10_000
STUDENTS = 2_000
STUDENT_DOMAIN = "load.example.edu"
RESULTS = Path(__file__).resolve().parent / "RESULTS-load.md"
BEGIN, END = "<!-- bench/load.py: begin -->", "<!-- bench/load.py: end -->"
SETTINGS = "bench.load_settings"
QUEUE = "bench-load"
DISPATCH_QUEUE = "bench-load-dispatch"
P95_GOAL_MS = 300.0

# Every address the journeys visit: (URL name, sample arguments). The runner reverses
# them once, so a renamed or removed URL fails the run (and tests/bench/test_load.py)
# instead of turning into 404s; ID stands for the object's id in the path.
ID = 987654321
ROUTES: dict[str, tuple[str, tuple]] = {
    "home": ("home", ()),
    "directory": ("mentors:directory", ()),
    "mentor": ("mentors:detail", (ID,)),
    "request": ("interviews:request_create", (ID,)),
    "interview": ("interviews:detail", (ID,)),
    "interviews": ("interviews:list", ()),
    "dashboard": ("mentor_dashboard", ()),
    "accept": ("interviews:act", (ID, "accept")),
    "choose_time": ("interviews:act", (ID, "choose_time")),
}


def route_paths() -> dict[str, str]:
    """Each route's path with ``{id}`` where its object's id goes (needs Django set up)."""
    from django.urls import reverse

    return {
        key: reverse(name, args=args).replace(str(ID), "{id}")
        for key, (name, args) in ROUTES.items()
    }


# --- Journeys: what a student and a mentor do, through any browser -----------------------


@dataclass
class Page:
    status: int
    text: str
    location: str = ""


class Refused(Exception):
    """A page answered other than the journey expects: the journey ends there (the
    browser has counted it as a failure)."""


class Browser(Protocol):
    def sign_in(self, session_key: str) -> None: ...

    def get(self, path: str, *, name: str, expect: int = 200) -> Page: ...

    def post(self, path: str, data: list[tuple[str, str]], *, name: str, expect: int) -> Page: ...


class _Forms(HTMLParser):
    """The forms of a page: action, id, inputs (with their attributes) and buttons."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = {
                "action": attributes.get("action", ""),
                "id": attributes.get("id", ""),
                "inputs": [],
                "buttons": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select"):
            self._form["inputs"].append({"type": tag, **attributes})
        elif self._form is not None and tag == "button" and attributes.get("name"):
            self._form["buttons"].append(attributes)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def find_form(html: str, *, action: str | None = None, form_id: str | None = None) -> dict:
    for form in _Forms(html).forms:
        if (action is None or form["action"] == action) and (
            form_id is None or form["id"] == form_id
        ):
            return form
    raise LookupError(f"no form {action or form_id!r} on the page")


def values(form: dict, suffix: str) -> list[str]:
    """The values offered by the inputs whose name ends with ``suffix`` (radios,
    checkboxes)."""
    return [i.get("value", "") for i in form["inputs"] if i.get("name", "").endswith(suffix)]


def input_name(form: dict, suffix: str) -> str:
    return next(i["name"] for i in form["inputs"] if i.get("name", "").endswith(suffix))


def hidden(form: dict) -> list[tuple[str, str]]:
    return [(i["name"], i.get("value", "")) for i in form["inputs"] if i.get("type") == "hidden"]


def mentor_ids(html: str, paths: dict[str, str]) -> list[int]:
    """The mentors a directory page links to, in order."""
    pattern = re.escape(paths["mentor"]).replace(re.escape("{id}"), r"(\d+)")
    return [int(n) for n in dict.fromkeys(re.findall(f'href="{pattern}"', html))]


def interview_id(location: str, paths: dict[str, str]) -> int:
    pattern = re.escape(paths["interview"]).replace(re.escape("{id}"), r"(\d+)")
    match = re.search(pattern + "$", urlparse(location).path)
    if match is None:
        raise Refused(f"unexpected redirect to {location!r}")
    return int(match[1])


def path_for(paths: dict[str, str], key: str, object_id: int | str = "") -> str:
    return paths[key].replace("{id}", str(object_id))


@dataclass
class Shared:
    """What the users of one Locust process hand each other: students not yet used to
    send a request, mentors already asked in this run (each once, so capacity and
    calendars never clash), requests for a mentor to answer, and times for a student
    to pick."""

    plan: dict
    fresh_students: deque = field(default_factory=deque)
    asked: set = field(default_factory=set)
    to_answer: deque = field(default_factory=deque)
    to_choose: deque = field(default_factory=deque)
    _any_student: Any = None

    @classmethod
    def from_plan(cls, plan: dict) -> Shared:
        shared = cls(plan=plan)
        shared.fresh_students.extend(plan["students"])
        shared.asked.update(plan["busy_mentors"])
        shared._any_student = itertools.cycle(plan["students"])
        return shared

    def student(self) -> str:
        """A student who has sent no request yet, else any student."""
        return self.fresh_students.popleft() if self.fresh_students else next(self._any_student)

    def mentor_session(self, mentor_id: int) -> str | None:
        return self.plan["mentors"].get(str(mentor_id))


class Journey:
    def __init__(self, browser: Browser, shared: Shared, rng: random.Random):
        self.browser = browser
        self.shared = shared
        self.plan = shared.plan
        self.paths: dict[str, str] = shared.plan["paths"]
        self.rng = rng

    def run(self, step) -> bool:
        """Run one step; a refused page ends it (already counted as a failure)."""
        try:
            step()
        except Refused:
            return False
        return True

    def _directory(self, query: dict[str, str], name: str) -> list[int]:
        path = path_for(self.paths, "directory")
        page = self.browser.get(f"{path}?{urlencode(query)}" if query else path, name=name)
        return mentor_ids(page.text, self.paths)


class StudentJourney(Journey):
    def __init__(self, browser: Browser, shared: Shared, rng: random.Random):
        super().__init__(browser, shared, rng)
        self.seen: list[int] = []
        self.browser.sign_in(self.shared.student())

    def _remember(self, ids: list[int]) -> None:
        if ids:
            self.seen = ids

    def directory(self) -> None:
        self._remember(self._directory({}, "directory"))

    def directory_page(self) -> None:
        page = str(self.rng.randint(2, 50))
        self._remember(self._directory({"page": page}, "directory, page 2-50"))

    def search(self) -> None:
        query = {"q": self.rng.choice(self.plan["queries"])}
        self._remember(self._directory(query, "directory, search"))

    def filter(self) -> None:
        query = {"field": self.rng.choice(self.plan["fields"])}
        if self.rng.random() < 0.5:
            query["format"] = self.rng.choice(["video", "phone", "in_person"])
        self._remember(self._directory(query, "directory, filtered"))

    def profile(self) -> None:
        if not self.seen:
            self.search()
        if self.seen:
            mentor = self.rng.choice(self.seen)
            self.browser.get(path_for(self.paths, "mentor", mentor), name="mentor profile")

    def home(self) -> None:
        self.browser.get(path_for(self.paths, "home"), name="home")

    def conversations(self) -> None:
        self.browser.get(path_for(self.paths, "interviews"), name="my conversations")

    def send_request(self) -> int | None:
        """As a student who has not asked anyone yet: find a mentor with time this month,
        read their profile, write the request, preview it, send it, and see it."""
        student = self.shared.student()
        self.browser.sign_in(student)
        mentor = None
        for attempt in range(4):
            # A search or a field, or (at last) anyone, among those with time this month.
            query = {"capacity": "on"}
            roll = self.rng.random() if attempt < 3 else 1.0
            if roll < 0.5:
                query["q"] = self.rng.choice(self.plan["queries"])
            elif roll < 0.75:
                query["field"] = self.rng.choice(self.plan["fields"])
            found = self._directory(query, "directory, has time")
            mentor = next((m for m in found if m not in self.shared.asked), None)
            if mentor is not None:
                break
        if mentor is None:
            return None
        self.shared.asked.add(mentor)
        self.browser.get(path_for(self.paths, "mentor", mentor), name="mentor profile")
        request_path = path_for(self.paths, "request", mentor)
        page = self.browser.get(request_path, name="request form")
        form = self._form(page, form_id="request-form")
        day = datetime.date.today() + datetime.timedelta(days=self.rng.randint(3, 40))
        data = [
            *hidden(form),
            ("goal", "What a week in this work looks like, and which skills matter most."),
            ("research", "I read the organization's site, its annual report and your bio."),
            ("referrer_name", ""),
            ("referrer_relation", ""),
            ("duration_minutes", "30"),
            ("formats", values(form, "formats")[0]),
            ("window_1_date", day.isoformat()),
            ("window_1_from", "10:00"),
            ("window_1_to", "12:00"),
            ("not_a_job_request", "on"),
            ("preview", "1"),
        ]
        page = self.browser.post(request_path, data, name="request preview", expect=200)
        preview = self._form(page, button="send")
        sent = self.browser.post(
            request_path, [*hidden(preview), ("send", "1")], name="request send", expect=302
        )
        interview = interview_id(sent.location, self.paths)
        self.browser.get(path_for(self.paths, "interview", interview), name="conversation")
        self.shared.to_answer.append((mentor, interview, student))
        return interview

    def choose_time(self) -> int | None:
        """As a student whose mentor proposed times: open the conversation, pick one."""
        if not self.shared.to_choose:
            self.conversations()
            return None
        student, interview = self.shared.to_choose.popleft()
        self.browser.sign_in(student)
        page_path = path_for(self.paths, "interview", interview)
        page = self.browser.get(page_path, name="conversation")
        action = path_for(self.paths, "choose_time", interview)
        form = self._form(page, action=action)
        data = [*hidden(form), (input_name(form, "-proposal"), values(form, "-proposal")[0])]
        self.browser.post(action, data, name="choose a time", expect=302)
        self.browser.get(page_path, name="conversation")
        return interview

    def _form(self, page: Page, *, form_id=None, action=None, button=None) -> dict:
        try:
            if button is None:
                return find_form(page.text, action=action, form_id=form_id)
            return next(
                f for f in _Forms(page.text).forms if any(b["name"] == button for b in f["buttons"])
            )
        except (LookupError, StopIteration) as error:
            raise Refused(str(error)) from error


class MentorJourney(Journey):
    def dashboard(self) -> None:
        """A mentor with nothing new looks at their inbox."""
        mentor = self.rng.choice(self.plan["dashboard_mentors"])
        self.browser.sign_in(self.plan["mentors"][str(mentor)])
        self.browser.get(path_for(self.paths, "dashboard"), name="mentor dashboard")

    def answer(self) -> int | None:
        """As the mentor of the oldest unanswered request: open the inbox and the request,
        then accept, picking the student's time or (every other time) proposing two."""
        if not self.shared.to_answer:
            self.dashboard()
            return None
        mentor, interview, student = self.shared.to_answer.popleft()
        self.browser.sign_in(self.shared.mentor_session(mentor) or "")
        dashboard = path_for(self.paths, "dashboard")
        page = self.browser.get(dashboard, name="mentor dashboard")
        self.browser.get(path_for(self.paths, "interview", interview), name="conversation")
        action = path_for(self.paths, "accept", interview)
        try:
            form = find_form(page.text, action=action)
        except LookupError as error:
            raise Refused(str(error)) from error
        fmt = values(form, "-format")[0]
        data = [
            *hidden(form),
            (input_name(form, "-format"), fmt),
            (input_name(form, "-meeting_details"), "https://video.example.com/informational"),
        ]
        propose = self.rng.random() < 0.5
        if propose:
            first = datetime.date.today() + datetime.timedelta(days=self.rng.randint(5, 40))
            for n in (1, 2):
                day = first + datetime.timedelta(days=n - 1)  # two days: they cannot overlap
                data += [
                    (input_name(form, f"-window_{n}_date"), day.isoformat()),
                    (input_name(form, f"-window_{n}_from"), "14:00"),
                    (input_name(form, f"-window_{n}_to"), "16:00"),
                ]
        else:
            data.append((input_name(form, "-proposal"), values(form, "-proposal")[0]))
        self.browser.post(action, data, name="accept", expect=302)
        self.browser.get(dashboard, name="mentor dashboard")
        if propose:
            self.shared.to_choose.append((student, interview))
        return interview


# --- Locust: the users, their mix and their pace ------------------------------------------

_shared: Shared | None = None


def shared_state() -> Shared:
    global _shared
    if _shared is None:
        _shared = Shared.from_plan(json.loads(Path(os.environ["LOAD_PLAN"]).read_text()))
    return _shared


def _session_cookie(name: str, value: str, host: str) -> Cookie:
    return Cookie(
        version=0, name=name, value=value, port=None, port_specified=False, domain=host,
        domain_specified=False, domain_initial_dot=False, path="/", path_specified=True,
        secure=False, expires=None, discard=True, comment=None, comment_url=None, rest={},
    )  # fmt: skip


class LocustBrowser:
    """The Browser of a Locust user: its own cookies, every request timed under a page
    name, and anything unexpected counted as a failure (with the reason)."""

    def __init__(self, client, *, host: str, cookie_name: str):
        self.client = client
        self.host = urlparse(host).hostname or "127.0.0.1"
        self.cookie_name = cookie_name

    def sign_in(self, session_key: str) -> None:
        self.client.cookiejar.clear()
        self.client.cookiejar.set_cookie(_session_cookie(self.cookie_name, session_key, self.host))

    def _checked(self, response, expect: int) -> Page:
        try:
            text = response.text or ""
        except Exception:  # no answer at all (connection refused, reset, timed out)
            text = ""
        if response.status_code != expect:
            errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>\s*(?:<strong>)?([^<]+)', text)
            response.failure(f"status {response.status_code}, expected {expect} {errors[:2]}")
            raise Refused(response.status_code)
        location = response.headers.get("location") or response.headers.get("Location") or ""
        response.success()
        return Page(response.status_code, text, location)

    def get(self, path: str, *, name: str, expect: int = 200) -> Page:
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            return self._checked(response, expect)

    def post(self, path: str, data: list[tuple[str, str]], *, name: str, expect: int) -> Page:
        with self.client.post(
            path, data=urlencode(data), name=name, allow_redirects=False, catch_response=True,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ) as response:  # fmt: skip
            return self._checked(response, expect)


def _think() -> tuple[float, float]:
    low, high = os.environ.get("LOAD_THINK_SECONDS", "1,5").split(",")
    return float(low), float(high)


class StudentUser(FastHttpUser):
    """A student: mostly reading the directory and profiles; now and then a request."""

    weight = 9
    wait_time = between(*_think())

    def on_start(self) -> None:
        shared = shared_state()
        browser = LocustBrowser(
            self.client, host=self.host or "", cookie_name=shared.plan["cookie_name"]
        )
        self.journey = StudentJourney(browser, shared, random.Random())

    @task(3)
    def directory(self) -> None:
        self.journey.run(self.journey.directory)

    @task(2)
    def directory_page(self) -> None:
        self.journey.run(self.journey.directory_page)

    @task(4)
    def search(self) -> None:
        self.journey.run(self.journey.search)

    @task(2)
    def filter(self) -> None:
        self.journey.run(self.journey.filter)

    @task(5)
    def profile(self) -> None:
        self.journey.run(self.journey.profile)

    @task(1)
    def home(self) -> None:
        self.journey.run(self.journey.home)

    @task(1)
    def conversations(self) -> None:
        self.journey.run(self.journey.conversations)

    @task(1)
    def send_request(self) -> None:
        self.journey.run(self.journey.send_request)

    @task(1)
    def choose_time(self) -> None:
        self.journey.run(self.journey.choose_time)


class MentorUser(FastHttpUser):
    """A mentor answering requests as they come in."""

    weight = 1
    wait_time = between(*_think())

    def on_start(self) -> None:
        shared = shared_state()
        browser = LocustBrowser(
            self.client, host=self.host or "", cookie_name=shared.plan["cookie_name"]
        )
        self.journey = MentorJourney(browser, shared, random.Random())

    @task(4)
    def answer(self) -> None:
        self.journey.run(self.journey.answer)

    @task(1)
    def dashboard(self) -> None:
        self.journey.run(self.journey.dashboard)


# --- Setup: students, sessions, scheduled conversations, the plan -------------------------


def create_students(count: int, *, rng: random.Random) -> int:
    """``count`` students with complete profiles, in bulk; returns how many were added
    (none when this database has them already). They sign in through sessions made for
    them (``make_sessions``), so their password is unusable."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from mentors.demo import FIRST_NAMES, LAST_NAMES, MAJORS
    from mentors.models import CareerField
    from students.models import StudentProfile
    from users.models import User

    if User.objects.filter(email__endswith=f"@{STUDENT_DOMAIN}").exists():
        return 0
    fields = list(CareerField.objects.values_list("pk", flat=True))
    zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
    unusable, now = make_password(None), timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"student.{n}@{STUDENT_DOMAIN}", first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES), role=User.Role.STUDENT, password=unusable,
            time_zone=rng.choice(zones), date_joined=now,
        )
        for n in range(count)
    )  # fmt: skip
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    stages = StudentProfile.CareerStage.values
    profiles = StudentProfile.objects.bulk_create(
        StudentProfile(
            user=u, class_year=rng.randint(2026, 2029), majors=rng.choice(MAJORS),
            career_stage=rng.choice(stages), completed_at=now,
            goals="Learn what the work is like and how people got into it.",
        )
        for u in users
    )  # fmt: skip
    Through = StudentProfile.fields_of_interest.through
    Through.objects.bulk_create(
        Through(studentprofile_id=p.pk, careerfield_id=f)
        for p in profiles
        for f in rng.sample(fields, k=min(len(fields), rng.randint(1, 3)))
    )
    return len(users)


def make_sessions(user_ids: list[int]) -> dict[int, str]:
    """A signed-in session for each user, stored in bulk as ``login()`` would store it;
    returns {user id: session key}. (Signing in through the form would hash a password
    per user and hit the sign-in rate limit of one address; neither is measured here.)"""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from users.models import Session, User

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    expires = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys, rows = {}, []
    for user in User.objects.filter(pk__in=user_ids).only("pk", "password"):
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(
            Session(
                session_key=key,
                session_data=store.encode(data),
                expire_date=expires,
                user_id=user.pk,
            )
        )
        keys[user.pk] = key
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys


def schedule_conversations(count: int) -> list[int]:
    """``count`` conversations requested and accepted through the services, each with a
    student and a mentor of its own, starting a little over REMINDER_CONFIRM_HOURS_BEFORE
    from now; returns the ids of their confirmation reminders (outbox rows)."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from interviews.models import Interview
    from interviews.reminders import CONFIRM
    from interviews.services import Window, interview_accept, interview_request_create
    from mentors.models import MentorProfile
    from mentors.selectors import with_capacity
    from notifications.models import Notification
    from users.models import User

    has_interview = Interview.objects.filter(student=OuterRef("pk"))
    students = list(
        User.objects.filter(email__endswith=f"@{STUDENT_DOMAIN}")
        .exclude(Exists(has_interview))
        .order_by("-pk")[:count]
    )
    mentors = list(
        with_capacity(MentorProfile.objects.listed(), month_of=timezone.now())
        .filter(has_capacity=True)
        .exclude(Exists(Interview.objects.filter(mentor=OuterRef("pk"))))
        .select_related("user")
        .order_by("-pk")[:count]
    )
    start = timezone.now() + datetime.timedelta(hours=settings.REMINDER_CONFIRM_HOURS_BEFORE, minutes=30)  # fmt: skip
    keys = []
    for n, (student, mentor) in enumerate(zip(students, mentors, strict=False)):
        begins = (start + datetime.timedelta(minutes=n)).replace(second=0, microsecond=0)
        fmt = (mentor.meeting_formats or ["video"])[0]
        interview = interview_request_create(
            student=student, mentor_id=mentor.pk, not_a_job_request=True, duration_minutes=30,
            goal="How the work looks from the inside.", research="Read the team's site.",
            formats=[fmt], windows=[Window(begins, begins + datetime.timedelta(hours=1))],
        )  # fmt: skip
        interview_accept(
            interview=interview, by=mentor.user, format=fmt, meeting_details="Room 101",
            proposal_id=interview.proposals.get().pk,
        )  # fmt: skip
        keys.append(interview.subject_key)
    return list(
        Notification.objects.filter(subject_key__in=keys, kind=CONFIRM).values_list("pk", flat=True)
    )


def build_plan(*, rng: random.Random) -> dict:
    """What the Locust users need, with fresh sessions: the paths, the students who have
    not asked anyone yet, every listed mentor's session, searches and filters."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef

    from interviews.models import Interview
    from mentors.models import CareerField, MentorProfile
    from users.models import User

    students = list(
        User.objects.filter(role=User.Role.STUDENT, student_profile__completed_at__isnull=False)
        .exclude(Exists(Interview.objects.filter(student=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    mentors = dict(MentorProfile.objects.listed().values_list("pk", "user_id"))
    busy = set(Interview.objects.values_list("mentor_id", flat=True).distinct())
    sessions = make_sessions([*students, *mentors.values()])
    employers = list(
        MentorProfile.objects.listed().values_list("employer", flat=True).distinct()[:200]
    )
    titles = {t.split()[-1].lower() for t in MentorProfile.objects.values_list("job_title", flat=True).distinct()[:200]}  # fmt: skip
    queries = sorted(set(rng.sample(employers, k=min(30, len(employers)))) | titles)
    mentor_list = sorted(mentors)
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "paths": route_paths(),
        "students": [sessions[pk] for pk in students],
        "mentors": {str(m): sessions[u] for m, u in mentors.items()},
        "busy_mentors": sorted(busy),
        "dashboard_mentors": rng.sample(mentor_list, k=min(500, len(mentor_list))),
        "queries": queries or ["engineer"],
        "fields": list(CareerField.objects.values_list("slug", flat=True)) or [""],
    }


# --- The runner ---------------------------------------------------------------------------


def bench_database_url(url: str) -> str:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") or "careercenter"
    return urlunparse(parsed._replace(path=f"/{name}_bench_load"))


def _admin(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/postgres"))


def _database(url: str, *, create: bool) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def warm(base: str, plan: dict) -> None:
    """A few requests per page before the clock starts: each worker's connections,
    imports and caches, as on a site that has been up for a while."""
    cookie = f"{plan['cookie_name']}={plan['students'][-1]}"
    paths = plan["paths"]
    for path in [paths["home"], paths["directory"], paths["interviews"]] * 5:
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()


class CpuMeter:
    """CPU seconds (user + system) used by named groups of processes (with their
    children), by this database's PostgreSQL backends, and by the whole machine."""

    def __init__(self, groups: dict[str, list[int]], database: str):
        self.groups = groups
        self.database = database
        self.before = self.read()

    def read(self) -> dict[str, float]:
        import psutil

        totals = {}
        for name, roots in self.groups.items():
            processes = []
            for pid in roots:
                try:
                    root = psutil.Process(pid)
                    processes += [root, *root.children(recursive=True)]
                except psutil.NoSuchProcess:
                    pass
            totals[name] = self._sum(processes)
        backends = [
            p for p in psutil.process_iter(["cmdline"])
            if f" {self.database} " in " ".join(p.info["cmdline"] or [])
        ]  # fmt: skip
        totals["postgres (this database)"] = self._sum(backends)
        machine = psutil.cpu_times()
        busy = ("user", "nice", "system", "irq", "softirq", "steal")  # guest is in user
        totals["whole machine"] = sum(getattr(machine, name, 0.0) for name in busy)
        totals["wall"] = time.monotonic()
        return totals

    @staticmethod
    def _sum(processes) -> float:
        import psutil

        total = 0.0
        for process in processes:
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def used(self) -> dict[str, float]:
        after = self.read()
        return {name: max(after[name] - self.before[name], 0.0) for name in after}


def outbox_figures(*, since, until, period: float, reminder_ids: list[int]) -> dict:
    """Emails the pages wrote to the outbox during the run, and the reminders that fell
    due in it: how many were due by ``until``, sent by then, left unsent, and left
    unsent although due more than one dispatcher ``period`` before the end (a backlog
    that grows); how late each went out (sent minus due, also counting those sent
    after the end)."""
    from notifications.models import Notification

    def summary(rows) -> dict:
        rows = list(rows.values_list("status", "due_at", "sent_at"))
        due = [r for r in rows if r[1] <= until]
        sent = [r for r in due if r[2] is not None and r[2] <= until]
        overdue = [
            r for r in due if (r[2] is None or r[2] > until) and (until - r[1]).total_seconds() > period
        ]  # fmt: skip
        late = sorted((s - d).total_seconds() for _, d, s in due if s is not None)
        return {
            "written": len(rows),
            "due": len(due),
            "sent": len(sent),
            "left": len(due) - len(sent),
            "overdue": len(overdue),
            "failed": sum(1 for r in rows if r[0] == "failed"),
            "late_p50": statistics.median(late) if late else 0.0,
            "late_p95": late[int(0.95 * (len(late) - 1))] if late else 0.0,
            "late_max": late[-1] if late else 0.0,
        }

    written = Notification.objects.filter(created_at__gte=since, created_at__lte=until)
    return {
        "pages": summary(written.exclude(status="void")),
        "reminders": summary(Notification.objects.filter(pk__in=reminder_ids)),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent Locust users")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--run-time", type=int, default=90, help="seconds of load")
    parser.add_argument("--think", default="1,5", help="seconds between a user's steps: low,high")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument("--reminders", type=int, default=200, help="reminders due during the run")
    parser.add_argument(
        "--dispatch-seconds", type=int, default=60, help="beat's dispatcher period (production: 60)"
    )
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--reuse-database", action="store_true", help="run on a database kept by an earlier run"
    )
    parser.add_argument("--no-write", action="store_true", help="leave bench/RESULTS-load.md")
    return parser.parse_args()


def prepare_database(db_url: str, *, reuse: bool) -> float:
    """Create, migrate and seed the run's database; returns the seconds seeding took."""
    env = dict(os.environ)
    manage(env, "collectstatic", "--no-input", "-v0")  # the manifest storage needs it
    if reuse:
        return 0.0
    print(f"Database {urlparse(db_url).path.lstrip('/')}: creating, migrating, seeding.")
    _database(db_url, create=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "createcachetable")
    started = time.monotonic()
    # seed_demo refuses to run with DEBUG off (its accounts have public passwords).
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "careercenter.settings.local"}
    manage({**seed_env, "DJANGO_DEBUG": "true"}, "seed_demo", "--mentors", str(MENTORS))
    seeding = time.monotonic() - started
    print(f"Seeded {MENTORS:,} mentors in {seeding:.1f} s.", flush=True)
    return seeding


def prepare_data(args) -> tuple[dict, list[int]]:
    """Students, the conversations whose reminders fall due during the run, the plan."""
    from django.db import connection

    rng = random.Random(2026)
    started = time.monotonic()
    added = create_students(STUDENTS, rng=rng)
    reminder_ids = schedule_conversations(args.reminders)
    plan = build_plan(rng=rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    print(
        f"Students added: {added:,}; conversations scheduled: {len(reminder_ids)}; sessions "
        f"for {len(plan['students']):,} students and {len(plan['mentors']):,} mentors "
        f"({time.monotonic() - started:.1f} s).",
        flush=True,
    )
    return plan, reminder_ids


class Site:
    """The site as in production, on loopback: gunicorn, two celery workers, one beat,
    and an SMTP server for the emails. Every process is stopped by its PID on exit."""

    def __init__(self, args, work: Path):
        self.args = args
        self.work = work
        self.celery: list = []
        self.gunicorn: subprocess.Popen | None = None
        self.base = ""

    def __enter__(self) -> Site:
        from tests.services import (
            Beat,
            SmtpServer,
            SmtpSink,
            Worker,
            free_port,
            wait_until_answering,
        )

        self.sink = SmtpSink(headers_only=True)
        self.smtp = SmtpServer(self.sink).__enter__()
        try:
            self.env = {
                **os.environ,
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp.port),
            }
            queues = f"{QUEUE},{DISPATCH_QUEUE}"
            for name in ("worker1", "worker2"):
                worker = Worker(
                    env=self.env, name=name, log_dir=self.work, pool="threads", concurrency=4,
                    queues=queues,
                )  # fmt: skip
                self.celery.append(worker)
            self.celery.append(Beat(env=self.env, name="beat", log_dir=self.work))
            for process in self.celery:
                process.wait_ready(timeout=60)
            port = free_port()
            self.base = f"http://127.0.0.1:{port}"
            self.gunicorn = subprocess.Popen(
                [str(Path(PY).parent / "gunicorn"), "careercenter.wsgi", "-w",
                 str(self.args.workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=ROOT, env=self.env,
            )  # fmt: skip
            wait_until_answering(self.base + "/healthz", self.gunicorn)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        from tests.services import terminate

        if self.gunicorn is not None:
            terminate(self.gunicorn)
        for process in self.celery:
            process.stop()
        self.smtp.__exit__()

    def groups(self) -> dict[str, list[int]]:
        from tests.services import Beat

        assert self.gunicorn is not None
        return {
            "gunicorn": [self.gunicorn.pid],
            "celery workers": [p.pid for p in self.celery if not isinstance(p, Beat)],
            "celery beat": [p.pid for p in self.celery if isinstance(p, Beat)],
        }


def run_locust(args, site: Site, plan_path: Path, stats: Path) -> float:
    """Locust, headless, until it stops by itself; returns its CPU seconds."""
    import psutil

    from tests.services import terminate

    env = {k: v for k, v in site.env.items() if k != "LOCUST_SKIP_MONKEY_PATCH"}
    env.update(LOAD_PLAN=str(plan_path), LOAD_THINK_SECONDS=args.think)
    locust = subprocess.Popen(
        [str(Path(PY).parent / "locust"), "-f", str(Path(__file__).resolve()), "--headless",
         "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.run_time}s",
         "--stop-timeout", "10", "--host", site.base, "--csv", str(stats), "--only-summary",
         "--loglevel", "WARNING"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    cpu = 0.0
    try:
        process = psutil.Process(locust.pid)
        deadline = time.monotonic() + args.run_time + 120
        while locust.poll() is None and time.monotonic() < deadline:
            times = process.cpu_times()
            cpu = times.user + times.system
            time.sleep(1)
    except psutil.NoSuchProcess:
        pass
    finally:
        terminate(locust)
    return cpu


def spread_reminders(reminder_ids: list[int], *, start, seconds: float) -> None:
    """The scheduled conversations' confirmation reminders fall due evenly over the run."""
    from notifications.models import Notification

    step = seconds / max(len(reminder_ids), 1)
    for n, pk in enumerate(sorted(reminder_ids)):
        Notification.objects.filter(pk=pk, status="pending").update(
            due_at=start + datetime.timedelta(seconds=n * step)
        )


def main() -> int:
    args = parse_args()
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        print("bench/load.py needs REDIS_URL (a real Redis).", file=sys.stderr)
        return 2
    db_url = bench_database_url(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careercenter")
    )
    os.environ.update(
        DATABASE_URL=db_url, DJANGO_SETTINGS_MODULE=SETTINGS, DJANGO_DEBUG="false",
        CELERY_BROKER_URL=redis_url, NOTIFICATIONS_DISPATCH_QUEUE=DISPATCH_QUEUE,
        NOTIFICATIONS_DISPATCH_SECONDS=str(args.dispatch_seconds),
        BENCH_LOAD_RUN=str(int(time.time())), LOG_LEVEL="WARNING",
    )  # fmt: skip
    seeding = prepare_database(db_url, reuse=args.reuse_database)

    import django

    django.setup()
    import redis
    from django.db import connection
    from django.utils import timezone

    plan, reminder_ids = prepare_data(args)
    broker = redis.Redis.from_url(redis_url)
    broker.delete(QUEUE, DISPATCH_QUEUE)
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    plan_path, stats, timing = work / "plan.json", work / "locust", work / "timing"
    plan_path.write_text(json.dumps(plan))
    timing.mkdir()
    os.environ["LOAD_TIMING_DIR"] = str(timing)
    try:
        with Site(args, work) as site:
            # The setup's emails go out before the clock starts (beat's first tick).
            if not drained(until=timezone.now(), timeout=120):
                print("The setup's emails were not all sent within 120 s.", flush=True)
            warm(site.base, plan)
            for file in timing.glob("*.tsv"):
                file.unlink()  # the warm-up's
            load_start = timezone.now()
            spread_reminders(reminder_ids, start=load_start, seconds=args.run_time)
            connection.close()
            meter = CpuMeter(site.groups(), urlparse(db_url).path.lstrip("/"))
            load_before = os.getloadavg()
            print(
                f"Load: {args.users} users for {args.run_time} s; gunicorn with {args.workers} "
                f"workers, 2 celery workers, beat (dispatcher every {args.dispatch_seconds} s).",
                flush=True,
            )
            cpu = {"locust": run_locust(args, site, plan_path, stats)}
            load_end = timezone.now()
            load_after = os.getloadavg()
            cpu |= meter.used()
            drain_started = time.monotonic()
            drain = None
            if drained(until=load_end, timeout=args.dispatch_seconds + 60):
                drain = time.monotonic() - drain_started
            received = site.sink.count()
        outbox = outbox_figures(
            since=load_start, until=load_end, period=args.dispatch_seconds,
            reminder_ids=reminder_ids,
        )  # fmt: skip
        connection.close()
    except BaseException:
        print(f"Worker and beat logs, Locust's files: {work}", file=sys.stderr)
        raise
    finally:
        broker.delete(QUEUE, DISPATCH_QUEUE)
        if not args.keep_database:
            connection.close()
            _database(db_url, create=False)

    pages = read_locust_stats(stats)
    server = read_server_timings(timing, plan["paths"])
    failures = read_locust_failures(stats)
    shutil.rmtree(work, ignore_errors=True)  # logs, Locust files, the plan (session keys)
    for page in pages:
        page.update(server.get(page["name"], {}))
    report = render_report(
        pages, outbox, args=args, seeding=seeding, load_before=load_before,
        load_after=load_after, drain=drain, cpu=cpu, received=received,
        failures=failures,
    )  # fmt: skip
    print("\n" + report)
    if not args.no_write:
        write_results(report)
        print(f"Written to {RESULTS.relative_to(ROOT)}.")
    pages_ok = all(p["failures"] == 0 and p["p95"] < P95_GOAL_MS for p in pages)
    return 0 if pages_ok and not outbox["reminders"]["overdue"] else 1


def drained(*, until, timeout: float) -> bool:
    """Wait until no email due by ``until`` is left unsent (pending or being sent)."""
    from django.db import connection

    from notifications.models import Notification

    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            left = Notification.objects.filter(
                due_at__lte=until, status__in=["pending", "sending"]
            ).exists()
            if not left:
                return True
            time.sleep(1)
        return False
    finally:
        connection.close()


def page_of(method: str, path: str, query: str, status: int, paths: dict[str, str]) -> str:
    """The name Locust gives a request (see the journeys), from what the server saw."""
    from urllib.parse import parse_qs

    if method == "GET" and path == paths["directory"]:
        params = parse_qs(query)
        for key, name in [("capacity", "has time"), ("q", "search"), ("field", "filtered"),
                          ("page", "page 2-50")]:  # fmt: skip
            if key in params:
                return f"directory, {name}"
        return "directory"
    names = {
        ("GET", "home"): "home",
        ("GET", "mentor"): "mentor profile",
        ("GET", "request"): "request form",
        ("POST", "request"): "request preview" if status == 200 else "request send",
        ("GET", "interview"): "conversation",
        ("GET", "interviews"): "my conversations",
        ("GET", "dashboard"): "mentor dashboard",
        ("POST", "accept"): "accept",
        ("POST", "choose_time"): "choose a time",
    }
    for (verb, key), name in names.items():
        pattern = re.escape(paths[key]).replace(re.escape("{id}"), r"\d+")
        if verb == method and re.fullmatch(pattern, path):
            return name
    return f"{method} {path}"


def read_server_timings(directory: Path, paths: dict[str, str]) -> dict[str, dict]:
    """Per page: the median and 95th percentile of the wall time Django spent on a
    request (from the first middleware in to the response out) and of its CPU time."""
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for file in directory.glob("*.tsv"):
        for line in file.read_text().splitlines():
            method, path, query, status, wall, cpu = line.split("\t")
            for name in (page_of(method, path, query, int(status), paths), "Aggregated"):
                walls.setdefault(name, []).append(float(wall))
                cpus.setdefault(name, []).append(float(cpu))

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(int(q * len(ordered)), len(ordered) - 1)]

    return {
        name: {
            "wall_p50": pct(walls[name], 0.5),
            "wall_p95": pct(walls[name], 0.95),
            "cpu_p50": pct(cpus[name], 0.5),
        }
        for name in walls
    }


def read_locust_stats(prefix: Path) -> list[dict]:
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "name": row["Name"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"] or 0),
                    "p95": float(row["95%"] or 0),
                    "p99": float(row["99%"] or 0),
                }
            )
    return rows


def read_locust_failures(prefix: Path) -> list[tuple[str, str, int]]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [(r["Name"], r["Error"], int(r["Occurrences"])) for r in csv.DictReader(handle)]


def render_report(pages, outbox, *, args, seeding, load_before, load_after, drain, cpu,
                  received, failures) -> str:  # fmt: skip
    def load(values) -> str:
        return ", ".join(f"{v:.2f}" for v in values)

    cores = os.cpu_count() or 1
    cpu = dict(cpu)
    wall = cpu.pop("wall")
    lines = [
        f"## Latest run ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"`bench/load.py`: {MENTORS:,} mentors"
        + (f" (seeded in {seeding:.0f} s)" if seeding else "")
        + f" and {STUDENTS:,} students; Locust (headless) with {args.users} users "
        f"(students 9 : mentors 1, {args.think.replace(',', '–')} s between steps) for "
        f"{args.run_time} s against gunicorn with {args.workers} sync workers on loopback; "
        f"two celery workers (4 threads each) and one beat (dispatcher every "
        f"{args.dispatch_seconds} s) on Redis; emails to an SMTP server on loopback; "
        f"{cores} cores. Load average (1, 5, 15 min): {load(load_before)} before, "
        f"{load(load_after)} after. CPU seconds used during the run ({wall:.0f} s from "
        f"the first user to the last one stopped, {cores * wall:.0f} CPU seconds in all): "
        + ", ".join(f"{name} {seconds:.0f}" for name, seconds in cpu.items())
        + ".",
        "",
        "| page | requests | failures | req/s | p50 ms | p95 ms | p99 ms | goal met "
        "| in Django p50 ms | in Django p95 ms | CPU p50 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for page in pages:
        met = page["failures"] == 0 and page["p95"] < P95_GOAL_MS
        inside = (
            f"{page['wall_p50']:.0f} | {page['wall_p95']:.0f} | {page['cpu_p50']:.0f}"
            if "wall_p50" in page
            else "– | – | –"
        )
        lines.append(
            f"| {page['name']} | {page['requests']} | {page['failures']} | {page['rps']:.1f} | "
            f"{page['p50']:.0f} | {page['p95']:.0f} | {page['p99']:.0f} | "
            f"{'yes' if met else '**no**'} | {inside} |"
        )
    lines += [
        "",
        f"Goal: no failure and p95 under {P95_GOAL_MS:.0f} ms on every page, as Locust "
        "measures it (its percentiles are rounded to two significant figures). In Django: "
        "the same requests timed by a middleware in the gunicorn worker, from the first "
        "middleware in to the response out (wall and CPU time); the rest of Locust's time "
        "is the wait for a free worker and the loopback.",
    ]
    if failures:
        lines += ["", "Failures:", ""]
        lines += [f"- {name}: {error} (×{count})" for name, error, count in failures[:10]]
    lines += [
        "",
        "| outbox | rows written | due in the run | sent in it | unsent at its end | of which "
        "overdue | failed | late p50 s | late p95 s | late max s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, key in [("emails the pages queued", "pages"), ("reminders due in the run", "reminders")]:  # fmt: skip
        o = outbox[key]
        lines.append(
            f"| {label} | {o['written']} | {o['due']} | {o['sent']} | {o['left']} | "
            f"{o['overdue']} | {o['failed']} | {o['late_p50']:.1f} | {o['late_p95']:.1f} | "
            f"{o['late_max']:.1f} |"
        )
    lines += [
        "",
        "Rows written include reminders due later (a request's stale-request reminder, a "
        "scheduled conversation's confirmation, preparation and thank-you reminders). "
        "Reminders: the confirmation reminders of conversations scheduled before the run, "
        "due evenly over it. Overdue: unsent at the end although due more than one "
        "dispatcher period before it (a backlog that grows). Late: sent minus due, counting "
        f"those sent after the end. The SMTP server received {received:,} emails in all "
        "(setup included). "
        + (
            f"Everything due by the end of the run was sent {drain:.0f} s after it."
            if drain is not None
            else "Emails due by the end of the run were still unsent "
            f"{args.dispatch_seconds + 60} s after it."
        ),
    ]
    return "\n".join(lines) + "\n"


def write_results(report: str) -> None:
    """Put the report at the top of RESULTS-load.md, replacing the previous run's; what
    follows (earlier runs, notes) stays."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Load test (`bench/load.py`)\n"
    block = f"{BEGIN}\n{report}{END}\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1].lstrip("\n")
    else:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{block}\n{rest.lstrip()}"
    RESULTS.write_text(text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
