"""Shared fixtures. Services are real: PostgreSQL from DATABASE_URL, Redis from REDIS_URL.

Where Redis or Chromium is missing, the tests that need them are skipped with a
reason; under CI=true they fail instead, so CI can never pass by skipping.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _redis_reachable() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), 1):
            return True
    except OSError:
        return False


def _missing(marker: str) -> str | None:
    if marker in {"redis", "worker"} and not _redis_reachable():
        return "needs a reachable Redis: set REDIS_URL"
    if marker == "browser" and not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def pytest_sessionstart(session):
    if IN_CI:
        for marker in ("redis", "browser"):
            if reason := _missing(marker):
                pytest.exit(f"CI=true and a service is missing: {reason}", returncode=1)


def pytest_collection_modifyitems(config, items):
    for item in items:
        # Tests that flush the Redis broker run one after another in one process (xdist).
        if item.get_closest_marker("worker") or "broker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("redis-broker"))
        for marker in ("redis", "worker", "browser"):
            if item.get_closest_marker(marker) and (reason := _missing(marker)):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def smtp_sink():
    """A real SMTP server on loopback; the test reads `sink.messages`."""
    from tests.services import SmtpServer, SmtpSink

    sink = SmtpSink()
    with SmtpServer(sink) as server:
        sink.port = server.port  # type: ignore[attr-defined]
        yield sink


@pytest.fixture
def broker(settings):
    """Tasks go through the real Redis broker (not eager) for this test; the queue starts empty."""
    import redis

    from careercenter.celery import app

    url = os.environ["REDIS_URL"]
    redis.Redis.from_url(url).flushdb()
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    yield app
    app.conf.task_always_eager = True
    redis.Redis.from_url(url).flushdb()


@pytest.fixture
def start_worker(transactional_db, broker, smtp_sink, tmp_path):
    """Start real `celery worker` processes that share the test database and the SMTP sink."""
    from django.db import connection

    from tests.services import Worker, worker_env

    env = worker_env(
        database_name=connection.settings_dict["NAME"],
        database_settings=connection.settings_dict,
        redis_url=os.environ["REDIS_URL"],
        smtp_port=smtp_sink.port,
    )
    workers: list[Worker] = []

    def start(name: str = "w1", *, beat: bool = False, extra_env: dict | None = None) -> Worker:
        worker = Worker(env={**env, **(extra_env or {})}, name=name, log_dir=tmp_path, beat=beat)
        workers.append(worker)
        return worker.wait_ready()

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture(autouse=True)
def _career_fields(request):
    """Transactional tests (live server, real workers) empty every table when they end,
    the career fields of the data migration included; put them back for each DB test."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "live_server" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    from mentors.services import career_fields_ensure

    career_fields_ensure()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Without Redis the cache (sessions, rate limits) lives in a table migrate does not make."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
