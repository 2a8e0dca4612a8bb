"""Median time of app pages in one process, through Django's test client: no server, no
network, no other requests in flight, so it moves far less with the machine's load than
a load test does. Signed in as the demo student; prints one JSON object per page
(median and 90th percentile of the whole request and of its SQL, and its query count).

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=careercenter.settings.local \\
        python bench/inprocess.py --requests 30 /mentors/ '/mentors/?q=Pixar'

``bench/directory.py --scale`` runs it against each database it compares.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(paths: list[str], requests: int, warmup: int = 3) -> list[dict]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from users.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(email="student@example.edu"))
    sql: list[float] = []

    def timed(execute, query, params, many, context):
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql.append(time.perf_counter() - started)

    results = []
    for path in paths:
        for _ in range(warmup):
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path}: status {status}")
        totals, sql_totals, counts = [], [], []
        for _ in range(requests):
            sql.clear()
            with connection.execute_wrapper(timed):
                started = time.perf_counter()
                client.get(path)
                totals.append((time.perf_counter() - started) * 1000)
            sql_totals.append(sum(sql) * 1000)
            counts.append(len(sql))

        def p90(values: list[float]) -> float:
            return statistics.quantiles(values, n=10)[8] if len(values) > 1 else values[0]

        results.append(
            {
                "path": path,
                "median_ms": statistics.median(totals),
                "p90_ms": p90(totals),
                "sql_median_ms": statistics.median(sql_totals),
                "queries": max(counts),
            }
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=30, help="per page, after 3 to warm up")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    for result in measure(args.paths, args.requests):
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
