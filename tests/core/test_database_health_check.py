"""The health check on a reused database connection (``core/postgresql/base.py``): a
quiet connection is used without a round trip, and one the server has ended is replaced
before the request's first query, in a real gunicorn worker as in the test process."""

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.db import close_old_connections, connection, connections, transaction

from tests.factories import StudentProfileFactory
from tests.services import ROOT, free_port, terminate, wait_until, wait_until_answering, worker_env
from users.models import User

pytestmark = pytest.mark.django_db(transaction=True)

WORKER_NAME = "health-check-test-worker"


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def worker_sessions(*, end: bool = False) -> int:
    """The web worker's sessions on the test database (libpq names them from
    ``PGAPPNAME``), ended first with ``end``."""
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"SELECT count({'pg_terminate_backend(pid)' if end else '*'})"  # noqa: S608 -- no input
            " FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [WORKER_NAME],
        )
        return cursor.fetchone()[0]


def end_session(pid: int) -> None:
    """End session ``pid`` from another connection, as a restart or an administrator
    would, and wait until it is gone."""
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))

        def gone() -> bool:
            found = other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,))
            return found.fetchone() is None

        wait_until(gone, what=f"session {pid} to end")


@pytest.fixture
def checks_counted(monkeypatch) -> list[int]:
    """Each ``SELECT 1`` health check the default connection makes, counted. The test
    starts on a new connection: one this process opened more than ``CONN_MAX_AGE`` ago
    (in an earlier test) would be closed for its age, with no check at all."""
    wrapper = connections["default"]
    wrapper.close()
    checks: list[int] = []
    real = wrapper.is_usable

    def counted() -> bool:
        checks.append(1)
        return real()

    monkeypatch.setattr(wrapper, "is_usable", counted)
    return checks


def test_a_quiet_connection_is_reused_without_asking_the_server(checks_counted):
    before = backend_pid()

    close_old_connections()  # as each request starts
    assert User.objects.count() == 0

    assert checks_counted == []
    assert backend_pid() == before


def test_a_connection_the_server_ended_is_replaced_before_the_first_query(checks_counted):
    ended = backend_pid()
    end_session(ended)

    close_old_connections()
    assert User.objects.count() == 0  # no error: a new connection answered

    assert checks_counted == [1]
    assert backend_pid() != ended


def test_a_connection_in_a_transaction_is_not_taken_as_quiet():
    with transaction.atomic():
        backend_pid()
        assert not connections["default"]._idle_and_quiet()
    assert connections["default"]._idle_and_quiet()


def get(url: str, cookie: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return response.read().decode()


@pytest.mark.worker
def test_a_web_worker_whose_database_session_was_ended_answers_its_next_request(
    client, tmp_path: Path, broker_url: str
) -> None:
    student = StudentProfileFactory().user
    client.force_login(student)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    env = worker_env(
        database_name=connection.settings_dict["NAME"],
        database_settings=connection.settings_dict,
        redis_url=broker_url,
        smtp_port=free_port(),
    )
    # The suite's own settings (static files from the app directories, no collectstatic;
    # the same secret key, Redis and database as this process), and a connection that
    # outlives each request.
    env["DJANGO_SETTINGS_MODULE"] = "careercenter.settings.test"
    env["DATABASE_CONN_MAX_AGE"] = "600"
    env["PGAPPNAME"] = WORKER_NAME
    port = free_port()
    with (tmp_path / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "careercenter.wsgi",
             "--workers", "1", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/guide/", server)
        assert "Sign out" in get(f"http://127.0.0.1:{port}/guide/", cookie)
        assert worker_sessions() == 1  # it stays open between requests

        assert worker_sessions(end=True) == 1
        wait_until(lambda: worker_sessions() == 0, what="the worker's session to end")

        assert "Sign out" in get(f"http://127.0.0.1:{port}/guide/", cookie)
        assert worker_sessions() == 1  # connected again
        assert "Sign out" in get(f"http://127.0.0.1:{port}/guide/", cookie)
    finally:
        terminate(server)
