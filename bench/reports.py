"""Benchmark the program report and the alumni import at scale.

Creates its own database (``<name>_bench_reports`` next to DATABASE_URL's), seeds 10,000
mentors and 50,000 past interviews with ``seed_demo``, then, in a child process:

- renders the report page (``/admin/reports/program/``) for this term and for the last
  400 days, several times each, through Django's test client as a staff member; prints
  the median and the slowest time and the number of queries (target: under a second);
- imports a generated list of 20,000 alumni: reading it into the preview, then the
  task's work, without a broker; prints rows per second (target: under 60 s in all).

The database is dropped at the end unless ``--keep-database``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/careercenter python bench/reports.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
MENTORS = 10_000
INTERVIEWS = 50_000
ALUMNI = 20_000
RUNS = 5

# Run in the child process, with Django set up on the benchmark database.
MEASURE = r"""
import datetime, statistics, sys, time
import django
django.setup()
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from users.models import User

runs, alumni = int(sys.argv[1]), int(sys.argv[2])
staff = User.objects.get(email="staff@example.edu")
client = Client()
client.force_login(staff)
today = timezone.localdate()
periods = [
    ("this term (default)", {}),
    ("the last 400 days", {"start": (today - datetime.timedelta(days=400)).isoformat(),
                           "end": today.isoformat()}),
]
print("| report page | median ms | slowest ms | queries |")
print("| --- | ---: | ---: | ---: |")
for label, query in periods:
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/admin/reports/program/", query)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        assert "Requests sent" in response.content.decode()
    print(f"| {label} | {statistics.median(times):.0f} | {max(times):.0f} | {len(queries)} |")

from reports.models import AlumniImport
from reports.services import alumni_import_create
from reports.tasks import alumni_import_run

lines = ["email,first_name,last_name,graduation_year,employer,job_title"]
for i in range(alumni):
    lines.append(f"alum{i}@alumni.example.org,Alum{i},Person,{1980 + i % 40},Org {i % 500},Analyst")
data = ("\n".join(lines) + "\n").encode()
started = time.perf_counter()
job = alumni_import_create(data=data, file_name="bench.csv", by=staff)
read = time.perf_counter() - started
AlumniImport.objects.filter(pk=job.pk).update(status=AlumniImport.Status.QUEUED)
started = time.perf_counter()
alumni_import_run.run(job.pk)
invited = time.perf_counter() - started
job.refresh_from_db()
assert job.invited == alumni, (job.invited, job.status, job.error)
total = read + invited
print()
print("| alumni import | rows | seconds | rows/s |")
print("| --- | ---: | ---: | ---: |")
print(f"| read and preview ({len(data) / 1e6:.1f} MB) | {alumni} | {read:.1f} | {alumni / read:.0f} |")
print(f"| invite (the task) | {alumni} | {invited:.1f} | {alumni / invited:.0f} |")
print(f"| in all | {alumni} | {total:.1f} | {alumni / total:.0f} |")
"""


def bench_database_url(url: str) -> str:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") or "careercenter"
    return urlunparse(parsed._replace(path=f"/{name}_bench_reports"))


def _admin(url: str):
    import psycopg

    return psycopg.connect(urlunparse(urlparse(url)._replace(path="/postgres")), autocommit=True)


def recreate_database(url: str) -> None:
    name = urlparse(url).path.lstrip("/")
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{urlparse(url).path.lstrip("/")}" WITH (FORCE)')


def manage(env: dict, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="renders of each report")
    parser.add_argument("--keep-database", action="store_true")
    args, _rest = parser.parse_known_args()

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careercenter")
    db_url = bench_database_url(base_url)
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "careercenter.settings.local",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        # The test client signs in without a second factor; the report is what is timed.
        "ADMIN_REQUIRE_MFA": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    print(f"Database {urlparse(db_url).path.lstrip('/')}: creating, migrating, seeding.")
    recreate_database(db_url)
    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--no-input", "-v0")  # the manifest storage needs it
        started = time.monotonic()
        manage(
            {**env, "DJANGO_DEBUG": "true"},
            "seed_demo", "--mentors", str(MENTORS), "--interviews", str(INTERVIEWS),
        )  # fmt: skip
        print(f"Seeded in {time.monotonic() - started:.1f} s.")
        import psycopg

        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")  # as autovacuum would have it on a running site
        subprocess.run(
            [PY, "-c", MEASURE, str(args.runs), str(ALUMNI)], cwd=ROOT, env=env, check=True
        )
        print(f"Load average (1, 5, 15 min) after the run: {os.getloadavg()}")
    finally:
        if not args.keep_database:
            drop_database(db_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
