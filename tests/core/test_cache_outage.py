"""The cache is an accelerator, never a dependency: with its Redis down or hung, signed-in
people keep working (sessions are never in the cache, the directory renders uncached),
and signing in, signing up and resetting a password work under production's rate limits,
which keep counting in the database meanwhile."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import time_machine
from django.urls import reverse

from careercenter.settings import base
from tests.factories import PASSWORD, MentorProfileFactory, StudentProfileFactory
from tests.services import RedisServer

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

# allauth's login_failed default: 5 wrong passwords per address in 5 minutes.
WRONG_PASSWORDS_ALLOWED = 5


@pytest.fixture
def cache_on_private_redis(settings, tmp_path):
    with RedisServer(log_dir=tmp_path) as server:
        settings.CACHES = {
            **settings.CACHES,
            "redis": {**settings.CACHES["redis"], "LOCATION": server.url},
        }
        settings.MENTOR_DIRECTORY_CACHE_SECONDS = 300
        yield server


@pytest.fixture
def production_rate_limits(settings):
    """The test settings switch allauth's rate limits off; these tests need them on."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


@contextmanager
def redis_state(server: RedisServer, state: str) -> Iterator[None]:
    if state == "down":
        server.stop()
        yield
    elif state == "hung":
        with server.paused():
            yield
    else:
        yield


def test_a_signed_in_student_keeps_working_while_the_cache_is_down(client, cache_on_private_redis):
    mentor = MentorProfileFactory(employer="Pixar Animation Studios")
    student = StudentProfileFactory().user
    client.force_login(student)
    assert client.get("/mentors/", {"q": "Pixar"}).status_code == 200
    redis = cache_on_private_redis.client()
    assert redis.dbsize() > 0  # the results are cached
    assert redis.keys("*session*") == []  # sessions live in PostgreSQL alone

    cache_on_private_redis.stop()

    home = client.get("/")
    assert home.status_code == 200
    assert home.context["user"] == student  # still signed in
    directory = client.get("/mentors/", {"q": "Pixar"})
    assert directory.status_code == 200
    assert mentor.user.get_full_name() in directory.content.decode()


@pytest.mark.parametrize("state", ["down", "hung"])
def test_signing_in_works_while_the_cache_is_down_or_hung(
    client, cache_on_private_redis, production_rate_limits, state
):
    student = StudentProfileFactory().user

    with redis_state(cache_on_private_redis, state):
        started = time.monotonic()
        response = client.post(
            "/accounts/login/", {"login": student.email, "password": PASSWORD}, follow=True
        )
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.context["user"] == student
    assert elapsed < 2  # one half-second timeout at most, then the database cache


@pytest.mark.parametrize("state", ["down", "hung"])
def test_signing_up_and_resetting_a_password_work_while_the_cache_is_down_or_hung(
    client, cache_on_private_redis, production_rate_limits, state
):
    from tests.users.test_signup import SIGNUP

    student = StudentProfileFactory().user

    with redis_state(cache_on_private_redis, state):
        signup = client.post(reverse("account_signup"), SIGNUP)
        reset = client.post(reverse("account_reset_password"), {"email": student.email})

    assert signup.status_code == 302
    assert signup["Location"] == reverse("account_email_verification_sent")
    assert reset.status_code == 302
    assert reset["Location"] == reverse("account_reset_password_done")


@pytest.mark.parametrize("state", ["up", "down", "hung"])
def test_wrong_passwords_are_limited_whether_the_cache_is_up_down_or_hung(
    client, cache_on_private_redis, production_rate_limits, state
):
    student = StudentProfileFactory().user
    wrong = {"login": student.email, "password": "not-the-password"}

    with redis_state(cache_on_private_redis, state):
        for _ in range(WRONG_PASSWORDS_ALLOWED):
            page = client.post("/accounts/login/", wrong)
            assert page.status_code == 200
            assert "Too many failed login attempts" not in page.content.decode()
        # Once the limit is reached even the right password waits: a guess cannot be confirmed.
        right = client.post("/accounts/login/", {"login": student.email, "password": PASSWORD})
        assert "Too many failed login attempts" in right.content.decode()
        assert "_auth_user_id" not in client.session
        # allauth's login limit (30 a minute from one address) answers 429 past its count.
        statuses = [client.post("/accounts/login/", wrong).status_code for _ in range(25)]

    assert statuses[:24] == [200] * 24
    assert statuses[24] == 429


def test_a_session_ended_while_redis_hung_stays_ended_when_it_answers_again(
    client, cache_on_private_redis
):
    """Sign-out during the outage ends the session for good: no copy of it in Redis can
    sign the person back in once Redis answers."""
    student = StudentProfileFactory().user
    client.force_login(student)
    assert client.get("/").context["user"] == student
    cookie = client.cookies["sessionid"].value

    with cache_on_private_redis.paused():
        client.post(reverse("account_logout"))

    with time_machine.travel(time.time() + 31, tick=True):  # past the 30 s retry pause
        client.cookies["sessionid"] = cookie
        response = client.get("/")

    assert not response.context["user"].is_authenticated
    assert cache_on_private_redis.client().keys("*session*") == []


def test_a_hung_cache_costs_one_timeout_per_process_not_one_per_read(
    client, cache_on_private_redis
):
    mentor = MentorProfileFactory(employer="Pixar Animation Studios")
    client.force_login(StudentProfileFactory().user)

    with cache_on_private_redis.paused():
        started = time.monotonic()
        pages = [client.get("/mentors/", {"q": "Pixar"}) for _ in range(5)]
        elapsed = time.monotonic() - started

    assert [p.status_code for p in pages] == [200] * 5
    assert mentor.user.get_full_name() in pages[-1].content.decode()
    assert elapsed < 2  # each page reads the cache several times; only the first read waits
