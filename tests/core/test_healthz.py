"""/healthz answers within two seconds and names what did not answer: a dependency that
refuses is "down", one that hangs (a Redis stopped with SIGSTOP) is "timeout"."""

import time

import pytest

from careercenter.celery import app
from tests.services import RedisServer, celery_broker

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_redis(settings, tmp_path):
    """A Redis of this test's own as both broker and cache, as in production."""
    with RedisServer(log_dir=tmp_path) as server, celery_broker(app, server.url):
        settings.CACHES = {
            **settings.CACHES,
            "redis": {**settings.CACHES["redis"], "LOCATION": server.url},
        }
        yield server


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


@pytest.mark.redis
def test_healthz_reports_database_broker_and_cache(client, broker):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_broker_is_unreachable(client):
    with celery_broker(app, "redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.redis
def test_healthz_answers_in_time_and_names_a_hung_redis(client, private_redis):
    with private_redis.paused():
        response, elapsed = timed_get(client, "/healthz")

    assert elapsed < 2
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broker": "timeout",
        "cache": "timeout",
    }


@pytest.mark.redis
def test_healthz_answers_in_time_with_the_broker_alone_hung(client, private_redis):
    """The cache on the shared Redis answers; only the broker's Redis hangs."""
    with (
        RedisServer(log_dir=private_redis.log_path.parent) as broker_redis,
        celery_broker(app, broker_redis.url),
        broker_redis.paused(),
    ):
        response, elapsed = timed_get(client, "/healthz")

    assert elapsed < 2
    assert response.status_code == 503
    assert response.json()["broker"] == "timeout"
    assert response.json()["cache"] == "ok"


@pytest.mark.redis
def test_without_its_cache_the_site_is_degraded_not_unavailable(client, broker, settings):
    settings.CACHES = {
        **settings.CACHES,
        "redis": {**settings.CACHES["redis"], "LOCATION": "redis://127.0.0.1:1/0"},
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "broker": "ok",
        "cache": "down",
    }
