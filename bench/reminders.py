"""Benchmark the email outbox: 10,000 due reminders through two real workers.

Creates its own database (``<name>_bench_reminders`` next to DATABASE_URL's) and
migrates it, inserts the due rows, starts an SMTP server on loopback and two
``celery worker`` processes on REDIS_URL (on queues of their own), triggers the
dispatcher as beat would (once, or every second while workers are being killed), and
waits until every row is sent. With ``--kills N`` it kills a sending worker with
SIGKILL N times, evenly over the run, and starts a new one each time. Prints elapsed
time, messages per second, kills, duplicates (one Message-ID received twice) per kill
and missing messages. Every process it starts is stopped by its PID before it exits.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/careercenter \\
    REDIS_URL=redis://127.0.0.1:6379/0 python bench/reminders.py [--kills 12]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import SmtpServer, SmtpSink, Worker  # noqa: E402

PY = sys.executable
SETTINGS = "bench.reminders_settings"
QUEUE = "bench-reminders"
DISPATCH_QUEUE = "bench-reminders-dispatch"
TARGET_SECONDS = 60


def bench_database_url(url: str) -> str:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") or "careercenter"
    return urlunparse(parsed._replace(path=f"/{name}_bench_reminders"))


def admin_url(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/postgres"))


def recreate_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def insert_due_rows(count: int) -> list[int]:
    from django.utils import timezone

    from notifications.models import Notification

    past = timezone.now() - timedelta(minutes=1)
    rows = Notification.objects.bulk_create(
        (
            Notification(
                to_email=f"student{n}@example.edu",
                kind="bench.reminder",
                subject_key=f"interview:{n}",
                dedupe_key=f"bench:{n}",
                subject=f"Your conversation tomorrow ({n})",
                body_text="Bring two copies of your résumé and arrive early.\n" * 5,
                body_html="<p>Bring two copies of your résumé and arrive early.</p>" * 5,
                due_at=past,
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    return [row.pk for row in rows]


def send_all(args, ids, sink, workers, start_worker) -> tuple[int, int]:
    """Tick the dispatcher and wait until every row is sent, killing a worker every
    len(ids) / (kills + 1) received emails; returns (rows sent, kills)."""
    from notifications.models import Notification
    from notifications.tasks import dispatch_due_notifications

    dispatch_due_notifications.delay()
    deadline = time.monotonic() + args.timeout
    every = len(ids) // (args.kills + 1)
    kills, sent, last_tick = 0, 0, time.monotonic()
    while time.monotonic() < deadline:
        slot = kills % len(workers)
        due = kills < args.kills and sink.count() >= every * (kills + 1)
        if due and "send_notifications[" in workers[slot].output():  # a sending worker
            workers[slot].kill()
            kills += 1
            workers[slot] = start_worker(f"bench{slot + 1}-{kills}")
        if args.kills and time.monotonic() - last_tick >= 1:
            dispatch_due_notifications.delay()  # beat, once a second: takes back rows
            last_tick = time.monotonic()
        sent = Notification.objects.filter(status="sent").count()
        if sent >= len(ids):
            break
        time.sleep(0.25)
    return sent, kills


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--pool", default="threads", choices=["solo", "prefork", "threads"])
    parser.add_argument("--concurrency", type=int, default=4, help="per worker process")
    parser.add_argument("--kills", type=int, default=0, help="workers to kill -9 during the run")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait at most")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()

    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        print("bench/reminders.py needs REDIS_URL (a real Redis).", file=sys.stderr)
        return 2
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careercenter")
    db_url = bench_database_url(base_url)
    os.environ.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_DEBUG="false",
        CELERY_BROKER_URL=redis_url,
        NOTIFICATIONS_DISPATCH_QUEUE=DISPATCH_QUEUE,
        LOG_LEVEL="WARNING",
    )
    print(f"Database {urlparse(db_url).path.lstrip('/')}: creating, migrating.", flush=True)
    recreate_database(db_url)
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)

    import django

    django.setup()
    import redis
    from django.db import connection

    from careercenter.celery import app
    from notifications.models import Notification

    app.conf.task_always_eager = False
    broker = redis.Redis.from_url(redis_url)
    broker.delete(QUEUE, DISPATCH_QUEUE)

    started = time.monotonic()
    ids = insert_due_rows(args.messages)
    print(f"Inserted {len(ids)} due rows in {time.monotonic() - started:.1f} s.", flush=True)
    connection.close()

    sink = SmtpSink(headers_only=True)
    log_dir = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    workers: list[Worker] = []
    with SmtpServer(sink) as smtp:
        env = {
            **os.environ,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
        }
        if args.kills:
            # A kill between a worker receiving a task and locking its rows leaves them
            # to the reclaim timeout (300 s by default); shortened so the run can end.
            env["NOTIFICATIONS_RECLAIM_AFTER_SECONDS"] = "10"

        def start_worker(name: str) -> Worker:
            return Worker(
                env=env, name=name, log_dir=log_dir, pool=args.pool,
                concurrency=args.concurrency, queues=f"{QUEUE},{DISPATCH_QUEUE}",
            )  # fmt: skip

        try:
            for n in range(args.workers):
                workers.append(start_worker(f"bench{n + 1}"))
            for worker in workers:
                worker.wait_ready(timeout=60)
            print(
                f"{args.workers} workers ({args.pool}, concurrency {args.concurrency}) ready; "
                f"dispatching{f', killing one {args.kills} times' if args.kills else ''}.",
                flush=True,
            )
            started = time.monotonic()
            sent, kills = send_all(args, ids, sink, workers, start_worker)
            elapsed = time.monotonic() - started
            connection.close()
        finally:
            for worker in workers:
                worker.stop()
            broker.delete(QUEUE, DISPATCH_QUEUE)

    received = sink.message_ids()
    counts = Counter(received)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    expected = {Notification(pk=pk).message_id for pk in ids}
    missing = len(expected - set(counts))
    not_sent = Notification.objects.exclude(status="sent").count()
    connection.close()
    if not args.keep_database:
        drop_database(db_url)

    finished = sent >= len(ids)
    rate = len(counts) / elapsed if elapsed else 0.0
    print()
    per_kill = f"{duplicates / kills:.2f}" if kills else "–"
    print(
        "| messages | workers | elapsed s | messages/s | kills | duplicates | per kill "
        "| missing | rows not sent |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {len(ids)} | {args.workers} × {args.pool} (concurrency {args.concurrency}) | "
        f"{elapsed:.1f}{'' if finished else ' (timed out)'} | {rate:.0f} | {kills} | "
        f"{duplicates} | {per_kill} | {missing} | {not_sent} |"
    )
    # A kill can duplicate only the emails the killed worker had in flight.
    in_flight = 1 if args.pool == "solo" else args.concurrency
    bounded = duplicates <= kills * in_flight
    # Restarting killed workers costs time: the time target is for runs without kills.
    fast = bool(kills) or elapsed <= TARGET_SECONDS
    ok = finished and fast and bounded and missing == 0
    target = f"at most {in_flight} duplicate(s) per kill" if kills else f"≤ {TARGET_SECONDS} s"
    print(f"\nTarget {target}, 0 missing: {'met' if ok else 'MISSED'}.")
    if not ok:
        print(f"Worker logs: {log_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
