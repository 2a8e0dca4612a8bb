import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-production-secret-that-is-long-enough-0123456789-abcdefghij"
# What the production settings refuse to start without.
PRODUCTION = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "careers.example.edu"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "careercenter.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="careers.example.edu")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_deploy_check_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_apps_database_connections_do_not_jit_compile(db):
    """JIT compiling took seconds of CPU for queries that run in milliseconds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def _prepared_statements(cursor) -> list[tuple[str, int]]:
    cursor.execute("SELECT statement, generic_plans FROM pg_prepared_statements")
    return cursor.fetchall()


def test_a_search_run_again_is_prepared_and_no_longer_planned(db):
    """The directory's searches spent four times longer planning than running: a
    statement the connection has run five times is prepared, and PostgreSQL then runs it
    on a generic plan instead of planning it for every search."""
    from django.db import connection

    from mentors.selectors import mentor_directory
    from tests.factories import MentorProfileFactory

    for title in ("Engineer", "Civil engineer", "Nurse"):
        MentorProfileFactory(job_title=title)
    for word in ("engineer", "nurse", "engineer", "nurses", "engineering", "nurse", "engineer") * 3:
        mentor_directory(filters={"q": word})
    with connection.cursor() as cursor:
        searches = [
            generic
            for statement, generic in _prepared_statements(cursor)
            if "mentors_mentorsearchterm" in statement
        ]
    assert searches, "the one-word search was not prepared"
    assert max(searches) > 0, "the prepared search is still planned for each run"


def test_prepared_statements_can_be_switched_off_for_a_pooler():
    """Behind a pooler in transaction mode, a prepared statement may be asked of another
    server session: with the switch off, nothing is prepared however often it runs."""
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "for _ in range(8): cursor.execute('SELECT 1 WHERE %s > 0', [1])\n"
        "cursor.execute('SELECT count(*) FROM pg_prepared_statements')\n"
        "print('prepared', cursor.fetchone()[0])\n"
    )
    # PostgreSQL's own database, which every server has: the statement reads no table.
    url = urlparse(os.environ["DATABASE_URL"])._replace(path="/postgres")
    settings = {**PRODUCTION, "DATABASE_URL": urlunparse(url)}
    on = manage("shell", "-c", script, **settings)
    off = manage("shell", "-c", script, DATABASE_PREPARED_STATEMENTS="false", **settings)
    assert "prepared 1" in on.stdout, on.stdout + on.stderr
    assert "prepared 0" in off.stdout, off.stdout + off.stderr


# Loads the app as gunicorn does, then asks what the garbage collector still walks.
WSGI_PROBE = """
import gc
import weakref

import careercenter.wsgi

frozen = gc.get_freeze_count()
walked = len(gc.get_objects())


class Node:
    pass


a, b = Node(), Node()
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b
gc.collect()
print("gc", frozen, walked, gone() is None)
"""


def test_the_wsgi_app_leaves_what_it_loaded_out_of_full_collections():
    result = manage(
        "shell",
        "-c",
        WSGI_PROBE,
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    frozen, walked, collected = result.stdout.split("gc ", 1)[1].split()
    # Django and the apps (tens of thousands of objects) are frozen; what a full
    # collection walks is what was made since, a small fraction.
    assert int(frozen) > 20_000
    assert int(walked) < int(frozen) // 10
    # A cycle made afterwards, as a request makes them, is still collected.
    assert collected == "True"


# What parses the cache's replies, read off a connection of the production cache's pool.
PARSER_PROBE = """
from django.core.cache import caches

pool = caches["redis"].client.get_client().connection_pool
connection = pool.get_connection()
try:
    print("parser", type(connection._parser).__name__)
finally:
    pool.release(connection)
"""


@pytest.mark.redis  # the production cache's Redis is REDIS_URL's, passed on as it is
def test_the_caches_redis_replies_are_parsed_in_c():
    result = manage("shell", "-c", PARSER_PROBE, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "parser _HiredisParser" in result.stdout, result.stdout
