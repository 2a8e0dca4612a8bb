"""A request that stores an email never waits for the broker: a hung Redis (SIGSTOP) costs
it a fraction of a second, and the outbox row stays for the dispatcher."""

import time

import pytest
import redis
from django.urls import reverse

from careercenter.celery import app
from notifications import enqueue
from notifications.models import Notification
from tests.services import RedisServer, celery_broker
from tests.users.test_signup import SIGNUP

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def broker_on_private_redis(tmp_path, monkeypatch):
    """Tasks go through a Redis of this test's own, which the test may pause."""
    monkeypatch.setattr(enqueue, "_skip_until", {})  # no failure seen by an earlier test
    with RedisServer(log_dir=tmp_path) as server, celery_broker(app, server.url):
        app.conf.task_always_eager = False
        try:
            yield server
        finally:
            app.conf.task_always_eager = True


def queued(server: RedisServer) -> int:
    return redis.Redis.from_url(server.url).llen("celery")


def sign_up(client, django_capture_on_commit_callbacks) -> float:
    """Sign up (which stores a verification email) and run what waits for the commit;
    returns how long it all took."""
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    return time.monotonic() - started


def test_an_email_is_handed_to_the_broker_after_commit(
    client, broker_on_private_redis, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)

    assert Notification.objects.get().kind == "account.email_confirmation_signup"
    assert queued(broker_on_private_redis) == 1


def test_a_request_that_enqueues_an_email_returns_fast_while_the_broker_hangs(
    client, broker_on_private_redis, django_capture_on_commit_callbacks
):
    with broker_on_private_redis.paused():
        elapsed = sign_up(client, django_capture_on_commit_callbacks)

    assert elapsed < 1
    row = Notification.objects.get()
    assert row.status == Notification.Status.PENDING  # the dispatcher sends it
    assert queued(broker_on_private_redis) == 0


def test_after_a_broker_failure_the_next_requests_do_not_wait_again(
    client, broker_on_private_redis, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    users = UserFactory.create_batch(3)
    with broker_on_private_redis.paused():
        started = time.monotonic()
        for user in users:
            with django_capture_on_commit_callbacks(execute=True):
                client.post(reverse("account_reset_password"), {"email": user.email})
        elapsed = time.monotonic() - started

    assert Notification.objects.count() == 3
    assert elapsed < 1  # one short timeout, then the broker is left alone for a while
