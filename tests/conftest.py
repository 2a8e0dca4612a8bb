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


@pytest.fixture(scope="session")
def broker_url() -> str:
    """REDIS_URL, on a Redis database of this test process's own under pytest-xdist:
    tests in two processes each flush their broker and start workers, and a worker must
    never take a task that another process's test queued (for a database it cannot see).
    The cache uses the databases just above REDIS_URL's (settings/test.py); these are 8 higher."""
    url = urlparse(os.environ["REDIS_URL"])
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url.geturl()
    db = (int(url.path.strip("/") or 0) + 8 + int(worker[2:])) % 16
    return url._replace(path=f"/{db}").geturl()


@pytest.fixture
def broker(settings, broker_url):
    """Tasks go through the real Redis broker (not eager) for this test; the queue starts empty."""
    import redis

    from careercenter.celery import app
    from tests.services import celery_broker

    redis.Redis.from_url(broker_url).flushdb()
    app.conf.task_always_eager = False
    with celery_broker(app, broker_url):
        yield app
    app.conf.task_always_eager = True
    redis.Redis.from_url(broker_url).flushdb()


@pytest.fixture
def start_worker(transactional_db, broker, broker_url, smtp_sink, tmp_path):
    """Start real `celery worker` processes that share the test database and the SMTP sink."""
    from django.db import connection

    from tests.services import Worker, stop_together, worker_env

    env = worker_env(
        database_name=connection.settings_dict["NAME"],
        database_settings=connection.settings_dict,
        redis_url=broker_url,
        smtp_port=smtp_sink.port,
    )
    workers: list[Worker] = []

    def start(name: str = "w1", *, beat: bool = False, extra_env: dict | None = None) -> Worker:
        worker = Worker(env={**env, **(extra_env or {})}, name=name, log_dir=tmp_path, beat=beat)
        workers.append(worker)
        return worker.wait_ready()

    yield start
    stop_together(workers)


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


@pytest.fixture
def staff_client(client):
    """``(client, staff)``: a Career staff member signed in with the second factor passed."""
    from tests.auth import login_with_second_factor
    from tests.factories import StaffUserFactory

    staff = StaffUserFactory()
    login_with_second_factor(client, staff)
    return client, staff


@pytest.fixture(autouse=True)
def _language_of_the_site():
    """Each test starts in the site's language: a request's language (a Spanish reader's,
    say) stays active in the thread after the response, as it would until the next
    request in a real server, and would leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _cache_copies():
    """Each test starts with no process copies of cached entries (core.cache_versions):
    a test's versions roll back with its data, so the next test's may read alike."""
    from core.cache_versions import copies

    copies.clear()
