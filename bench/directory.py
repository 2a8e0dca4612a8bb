"""Benchmark the Career Mentors directory against a bare Django view.

Creates its own database (``<name>_bench_directory`` next to DATABASE_URL's), seeds
10,000 mentors with ``seed_demo``, and serves on 127.0.0.1, each with gunicorn and the
same number of workers: a bare Django view (``bench/bare_settings.py``: one
``HttpResponse`` behind Django's default middleware), and the app twice, with the
directory's rendered-results cache on and then off (``MENTOR_DIRECTORY_CACHE_SECONDS=0``,
what the first reader of a query pays). Each page is measured at 10 concurrent
connections with wrk (or, without wrk, a small Python load loop), signed in as the demo
student, in five slices, each after a slice of the bare view half as long (and the bare
view once more after the last), and compared with the bare view over those slices, since
the machine's speed drifts within a phase, by a third within seconds; ``/guide/`` (a
signed-in page that does nothing) is the second reference. With the cache on it also
measures the demo student's home page (``/``). Prints requests/s, p50/p95/p99 and the
ratios, and writes them with the load average to the top of ``bench/RESULTS.md``
(``--no-write`` to leave it). Every process it starts is stopped by its PID before it
exits.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/careercenter python bench/directory.py

``--mentors N`` measures N mentors instead (database ``<name>_bench_directory_N``).
``--scale`` compares sizes instead: the directory, the searches and a mentor's profile
with the cache off at 10,000 mentors and at ``--mentors`` (100,000 unless given), each
page measured in process (``bench/inprocess.py``, median of many requests) and with wrk,
the two sizes back to back, page by page; it prints the ratio of each page's time at the
larger size to its time at 10,000 and writes the table to its own block of
``bench/RESULTS.md``. ``--reuse-database`` keeps a bench database that already holds as
many demo mentors (after migrating it) instead of seeding it again, and keeps it after
the run, so repeated runs at 100,000 do not pay for seeding each time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import free_port, terminate, wait_until_answering  # noqa: E402

PY = sys.executable
MENTORS = 10_000
SCALE_MENTORS = 100_000
# Issue 17: every page at 100,000 mentors within 1.5 times its time at 10,000.
SCALE_GOAL = 1.5
CONNECTIONS = 10
DEMO_DOMAIN = "mentors.example.com"  # mentors.demo.DEMO_DOMAIN, without importing Django

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BEGIN, END = "<!-- bench/directory.py: begin -->", "<!-- bench/directory.py: end -->"
SCALE_BEGIN = "<!-- bench/directory.py --scale: begin -->"
SCALE_END = "<!-- bench/directory.py --scale: end -->"

BARE = ("bare Django view", "/", "bare")
GUIDE = ("guide, signed in (/guide/)", "/guide/", "informational")
# A listed mentor from the middle of the table; filled in per database (mentor_to_show).
DETAIL = ("a mentor's profile", "/mentors/{id}/", "{name}")
FIRST = ("directory, first page", "/mentors/", "Mentors 1 to 20")
DEEP = ("directory, deep page (50)", "/mentors/?page=50", "Mentors 981 to 1000")
PIXAR = ("selective search (Pixar)", "/mentors/?q=Pixar", "Pixar")
ENGINEER = ("common-term search (engineer)", "/mentors/?q=engineer", "Engineer")
OKAFER = ("misspelled name (Okafer)", "/mentors/?q=Okafer", "Okafor")
# The demo student's home page: their conversations and the suggested mentors.
HOME = ("student's home page", "/", "Your next step")
# Measured with the directory's cache on, then off.
CACHED_PAGES = [GUIDE, FIRST, DEEP, PIXAR, ENGINEER, OKAFER, DETAIL, HOME]
UNCACHED_PAGES = [GUIDE, FIRST, PIXAR, ENGINEER]
# Compared at two sizes, with the directory's cache off (what the first reader pays).
SCALE_PAGES = [FIRST, DEEP, PIXAR, ENGINEER, OKAFER, DETAIL]
# Issue 17's goals: (phase, path) -> (least ratio to the bare view, most p99 ms or None).
GOALS = {
    ("cache on", "/guide/"): (0.25, None),
    ("cache on", "/mentors/"): (0.25, None),
    ("cache off", "/mentors/"): (0.12, None),
    ("cache off", "/mentors/?q=Pixar"): (0.10, None),
    ("cache off", "/mentors/?q=engineer"): (0.05, 100.0),
}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %f %f %f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def bench_database_url(url: str, mentors: int = MENTORS) -> str:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") or "careercenter"
    size = "" if mentors == MENTORS else f"_{mentors}"
    return urlunparse(parsed._replace(path=f"/{name}_bench_directory{size}"))


def seeded_mentors(url: str) -> int | None:
    """How many demo mentors the database holds; None when it does not exist."""
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM users_user WHERE email LIKE %s", [f"%@{DEMO_DOMAIN}"]
            ).fetchone()
    except psycopg.OperationalError:
        return None
    except psycopg.errors.UndefinedTable:
        return 0
    return row[0] if row else 0


def prepare_database(base_url: str, env: dict, mentors: int, *, reuse: bool) -> tuple[str, float]:
    """The bench database for ``mentors`` mentors, migrated and analyzed; returns its URL
    and the seconds spent seeding (0 when an earlier run's database was reused)."""
    db_url = bench_database_url(base_url, mentors)
    env = {**env, "DATABASE_URL": db_url}
    name = urlparse(db_url).path.lstrip("/")
    if reuse and seeded_mentors(db_url) == mentors:
        print(f"Database {name}: reusing its {mentors:,} mentors (migrating, analyzing).")
        manage(env, "migrate", "--no-input", "-v0")
        analyze(db_url, vacuum=False)
        return db_url, 0.0
    print(f"Database {name}: creating, migrating, seeding {mentors:,} mentors.")
    recreate_database(db_url)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "createcachetable")
    started = time.monotonic()
    # seed_demo refuses to run with DEBUG off (its accounts have public passwords).
    manage({**env, "DJANGO_DEBUG": "true"}, "seed_demo", "--mentors", str(mentors))
    seeding = time.monotonic() - started
    print(f"Seeded {mentors:,} mentors in {seeding:.1f} s.")
    analyze(db_url)
    return db_url, seeding


def drop_database(url: str) -> None:
    import psycopg

    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        name = urlparse(url).path.lstrip("/")
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def session_and_mentor(env: dict) -> tuple[str, dict]:
    """The demo student's cookies, and a listed mentor from the middle of the table for
    the profile page (``{"id": ..., "name": ...}``). The cookies are the session's and a
    CSRF secret's, as a browser sends both from its second page on (without the secret,
    each response would make a new one and set its cookie). Also moves the directory
    cache's version on: the cache (Redis) outlives the database, and a page cached from
    another bench database must not be served."""
    out = manage(
        env,
        "shell",
        "-c",
        "import json; from django.test import Client; from users.models import User; "
        "from django.utils.crypto import get_random_string; "
        "from mentors.models import MentorProfile; "
        "from mentors.directory_cache import directory_cache_bump; directory_cache_bump(); "
        "c = Client(); c.force_login(User.objects.get(email='student@example.edu')); "
        "listed = MentorProfile.objects.listed().order_by('pk'); "
        "middle = listed.filter(pk__gte=MentorProfile.objects.count() // 2).first(); "
        "print('sessionid=' + c.cookies['sessionid'].value "
        "+ '; csrftoken=' + get_random_string(32)); "
        "print(json.dumps({'id': middle.pk, 'name': middle.display_name}))",
        capture=True,
    )
    lines = out.strip().splitlines()
    return lines[-2], json.loads(lines[-1])


def with_mentor(page: tuple[str, str, str], mentor: dict) -> tuple[str, str, str]:
    label, path, expected = page
    return label, path.format(**mentor), expected.format(**mentor)


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def analyze(url: str, *, vacuum: bool = True) -> None:
    """Fresh planner statistics, as autovacuum would have them on a running site; without
    them the first queries after a bulk insert are planned for an empty table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def fetch(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def run_wrk(url: str, cookie: str, seconds: int, script: str) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{min(CONNECTIONS, 2)}", f"-c{CONNECTIONS}", f"-d{seconds}s",
         "--timeout", "10s", "-s", script, "-H", f"Cookie: {cookie}", url],
        check=True, text=True, capture_output=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    requests, errors, duration_us, p50, p95, p99 = line.split()[1:]
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "requests": int(requests),
        "duration": int(duration_us) / 1e6,
        "errors": int(errors),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
    }


def run_python_loop(url: str, cookie: str, seconds: int) -> dict:
    """A bounded fallback: CONNECTIONS threads issuing requests back to back."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            status, _ = fetch(url, cookie)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                errors += status != 200

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    duration = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / duration,
        "requests": len(latencies),
        "duration": duration,
        "errors": errors,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per page")
    # gunicorn's rule of thumb, 2 × cores + 1: five sync workers on the 2-core machine.
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument(
        "--mentors", type=int, help=f"default {MENTORS:,}; with --scale, {SCALE_MENTORS:,}"
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help=f"compare each page at {MENTORS:,} mentors and at --mentors, cache off",
    )
    parser.add_argument(
        "--requests", type=int, default=30, help="with --scale: in-process requests per page"
    )
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="measure a database an earlier run kept, if it holds as many mentors; keep it",
    )
    parser.add_argument("--no-write", action="store_true", help="leave bench/RESULTS.md as it is")
    args = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careercenter")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careercenter.settings.local",
        "DJANGO_DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    manage(env, "collectstatic", "--no-input", "-v0")  # the manifest storage needs it
    if args.scale:
        return main_scale(args, base_url, env)
    mentors = args.mentors or MENTORS
    db_url, seeding = prepare_database(base_url, env, mentors, reuse=args.reuse_database)
    env = {**env, "DATABASE_URL": db_url}
    cookie, mentor = session_and_mentor(env)

    servers: list[subprocess.Popen] = []
    phases: list[tuple[str, list[tuple[str, str, dict]]]] = []
    script_dir = tempfile.mkdtemp(prefix="bench-")
    load_before = os.getloadavg()
    try:
        script = os.path.join(script_dir, "report.lua")
        Path(script).write_text(WRK_SCRIPT)
        use_wrk = shutil.which("wrk") is not None
        print(f"Load: {'wrk' if use_wrk else 'Python loop'}, {CONNECTIONS} connections, "
              f"{args.seconds} s per page, gunicorn with {args.workers} workers.\n")  # fmt: skip
        bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bare_settings"}
        bare = serve(
            ["django.core.wsgi:get_wsgi_application()", "--pythonpath", str(ROOT / "bench")],
            bare_env, args.workers, "/", servers,
        )  # fmt: skip
        for phase, cache_seconds, pages in [
            ("cache on", "300", CACHED_PAGES),
            ("cache off", "0", UNCACHED_PAGES),
        ]:
            app_env = {**env, "MENTOR_DIRECTORY_CACHE_SECONDS": cache_seconds}
            app = serve(["careercenter.wsgi"], app_env, args.workers, "/guide/", servers)
            # Each page is measured in slices between slices of the bare view: the
            # machine's speed drifts within a phase, by a third between runs seconds apart.
            measured, bare_slices = [], []
            for page in pages:
                page = with_mentor(page, mentor)
                result, beside = measure_beside_bare(app, page, cookie, bare, args.seconds, script)
                measured.append((page[0], page[1], result))
                bare_slices += beside
            phases.append((phase, [(BARE[0], BARE[1], bare_summary(bare_slices)), *measured]))
            terminate(servers.pop())
    finally:
        for server in servers:
            terminate(server)
        shutil.rmtree(script_dir, ignore_errors=True)
        if not (args.keep_database or args.reuse_database):
            drop_database(db_url)

    report = render_report(
        phases, workers=args.workers, seconds=args.seconds, seeding=seeding, mentors=mentors,
        load_before=load_before, load_after=os.getloadavg(), tool="wrk" if use_wrk else "Python loop",
    )  # fmt: skip
    print("\n" + report)
    if not args.no_write:
        write_results(report)
        print(f"Written to {RESULTS.relative_to(ROOT)}.")
    return 0


def main_scale(args: argparse.Namespace, base_url: str, env: dict) -> int:
    """Each page at two sizes, cache off: in process first, then with wrk, the sizes
    alternating so that a change in the machine's load falls on both."""
    sizes = [MENTORS, args.mentors or SCALE_MENTORS]
    if sizes[0] == sizes[1]:
        raise SystemExit(f"--scale compares {MENTORS:,} mentors with another number.")
    databases: dict[int, dict] = {}
    load_before = os.getloadavg()
    servers: list[subprocess.Popen] = []
    script_dir = tempfile.mkdtemp(prefix="bench-")
    try:
        for size in sizes:
            db_url, seeding = prepare_database(base_url, env, size, reuse=args.reuse_database)
            size_env = {**env, "DATABASE_URL": db_url, "MENTOR_DIRECTORY_CACHE_SECONDS": "0"}
            cookie, mentor = session_and_mentor(size_env)
            pages = [with_mentor(page, mentor) for page in SCALE_PAGES]
            databases[size] = {"url": db_url, "env": size_env, "cookie": cookie,
                               "pages": pages, "seeding": seeding, "inprocess": {}}  # fmt: skip
        # In process, in the order small, large, large, small: each page's figure is the
        # mean of its two medians.
        print(f"In process: {args.requests} requests per page, twice per size.")
        for size in [*sizes, *reversed(sizes)]:
            db = databases[size]
            for row in run_inprocess(db["env"], [p[1] for p in db["pages"]], args.requests):
                db["inprocess"].setdefault(row["path"], []).append(row)
        script = os.path.join(script_dir, "report.lua")
        Path(script).write_text(WRK_SCRIPT)
        use_wrk = shutil.which("wrk") is not None
        print(f"Load: {'wrk' if use_wrk else 'Python loop'}, {CONNECTIONS} connections, "
              f"{args.seconds} s per page, gunicorn with {args.workers} workers per size.")  # fmt: skip
        for size in sizes:
            databases[size]["base"] = serve(
                ["careercenter.wsgi"], databases[size]["env"], args.workers, "/guide/", servers
            )
        for index in range(len(SCALE_PAGES)):
            order = sizes if index % 2 == 0 else list(reversed(sizes))
            for size in order:
                db = databases[size]
                page = db["pages"][index]
                db.setdefault("load", {})[index] = measure_page(
                    db["base"], page, db["cookie"], args.seconds, script
                )
    finally:
        for server in servers:
            terminate(server)
        shutil.rmtree(script_dir, ignore_errors=True)
        if not (args.keep_database or args.reuse_database):
            for db in databases.values():
                drop_database(db["url"])

    report = render_scale_report(
        databases, sizes, workers=args.workers, seconds=args.seconds, requests=args.requests,
        load_before=load_before, load_after=os.getloadavg(), tool="wrk" if use_wrk else "Python loop",
    )  # fmt: skip
    print("\n" + report)
    if not args.no_write:
        write_results(report, begin=SCALE_BEGIN, end=SCALE_END)
        print(f"Written to {RESULTS.relative_to(ROOT)}.")
    return 0


def run_inprocess(env: dict, paths: list[str], requests: int) -> list[dict]:
    out = subprocess.run(
        [PY, str(ROOT / "bench" / "inprocess.py"), "--requests", str(requests), *paths],
        cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE,
    ).stdout  # fmt: skip
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def serve(app: list[str], env: dict, workers: int, probe: str, servers: list) -> str:
    """Start gunicorn on a free loopback port; returns its base URL once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), *app, "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    servers.append(server)
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base + probe, server)
    return base


def measure_page(base: str, page: tuple[str, str, str], cookie: str, seconds: int, script: str):
    warm(base, page, cookie, script)
    return load(base, page[1], cookie, seconds, script)


def warm(base: str, page: tuple[str, str, str], cookie: str, script: str) -> None:
    """Check that ``page`` answers with its text, then warm every worker's connection and
    caches: a second of load, not measured (requests one after another may all reach
    the same worker)."""
    _label, path, expected = page
    status, body = fetch(base + path, cookie)
    if status != 200 or expected not in body:
        raise SystemExit(f"{path}: status {status}, expected text {expected!r} missing")
    load(base, path, cookie, 1, script)


def load(base: str, path: str, cookie: str, seconds: int, script: str) -> dict:
    if shutil.which("wrk") is not None:
        return run_wrk(base + path, cookie, seconds, script)
    return run_python_loop(base + path, cookie, seconds)


# A page is measured in ROUNDS slices, each after a slice of the bare view half as long,
# and the bare view once more after the last.
ROUNDS = 5


def measure_beside_bare(
    app: str, page: tuple[str, str, str], cookie: str, bare: str, seconds: int, script: str
) -> tuple[dict, list[dict]]:
    """``page`` under load for about ``seconds`` in all, in slices alternating with the
    bare view's: the page's figures (``combined``) with ``bare``, the bare view's
    requests/s over the slices around it; and those bare slices."""
    warm(app, page, cookie, script)
    warm(bare, BARE, "", script)
    page_seconds = max(1, seconds // ROUNDS)
    bare_seconds = max(1, page_seconds // 2)
    bare_runs = [load(bare, BARE[1], "", bare_seconds, script)]
    page_runs = []
    for _ in range(ROUNDS):
        page_runs.append(load(app, page[1], cookie, page_seconds, script))
        bare_runs.append(load(bare, BARE[1], "", bare_seconds, script))
    return {**combined(page_runs), "bare": combined(bare_runs)["rps"]}, bare_runs


def combined(runs: list[dict]) -> dict:
    """Slices of one page's load as one run: the requests/s of all their requests over
    all their time; p50 and p95 the median of the slices' own; p99 the highest of them,
    so never below the p99 of all the requests together."""
    requests = sum(run["requests"] for run in runs)
    duration = sum(run["duration"] for run in runs)
    return {
        "rps": requests / duration,
        "requests": requests,
        "duration": duration,
        "errors": sum(run["errors"] for run in runs),
        "p50": statistics.median(run["p50"] for run in runs),
        "p95": statistics.median(run["p95"] for run in runs),
        "p99": max(run["p99"] for run in runs),
    }


def bare_summary(runs: list[dict]) -> dict:
    """The bare view's runs of one phase as one row: their mean, and their range."""
    summary = {
        key: statistics.mean(run[key] for run in runs) for key in ("rps", "p50", "p95", "p99")
    }
    summary.update(
        errors=sum(run["errors"] for run in runs),
        bare=summary["rps"],
        low=min(run["rps"] for run in runs),
        high=max(run["rps"] for run in runs),
        runs=len(runs),
    )
    return summary


def render_report(
    phases, *, workers, seconds, seeding, load_before, load_after, tool, mentors=MENTORS
) -> str:
    def load(values) -> str:
        return ", ".join(f"{v:.2f}" for v in values)

    lines = [
        f"## Latest run ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"`bench/directory.py`: {mentors:,} mentors"
        + (f" (seeded in {seeding:.0f} s)" if seeding else "")
        + f", {tool} at "
        f"{CONNECTIONS} connections on loopback, {seconds} s per page, gunicorn with "
        f"{workers} sync workers for the bare view and for the app, {os.cpu_count()} cores. "
        f"Load average (1, 5, 15 min): {load(load_before)} before, {load(load_after)} after. "
        f"Each page is measured in {ROUNDS} slices of {max(1, seconds // ROUNDS)} s, each "
        "after a slice of the bare Django view half as long, and the bare view once more "
        "after the last; a page's ratio is its requests/s against the bare view's over the "
        "slices around it (the bare column), and against `/guide/` signed in. p50 and p95 "
        "are the median of the slices', p99 the highest. The bare row is the mean of the "
        "phase's bare slices.",
        "",
    ]
    achieved: dict = {}
    for phase, results in phases:
        bare = results[0][2]
        guide = next(r["rps"] for _l, p, r in results if p == "/guide/")
        lines += [
            f"### Directory cache {phase.removeprefix('cache ')}",
            "",
            "| page | path | req/s | p50 ms | p95 ms | p99 ms | bare req/s | × bare | × guide "
            "| errors |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, path, r in results:
            lines.append(
                f"| {label} | `{path}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
                f"{r['p99']:.1f} | {r['bare']:.0f} | {r['rps'] / r['bare']:.2f} | "
                f"{r['rps'] / guide:.2f} | {r['errors']} |"
            )
            achieved[(phase, path)] = (r["rps"] / r["bare"], r["p99"])
        lines += [
            "",
            f"The bare view's {bare['runs']} slices in this phase answered {bare['low']:.0f} to "
            f"{bare['high']:.0f} requests/s.",
            "",
        ]
    lines += ["### Issue 17's goals", "", "| page | ratio | goal | p99 ms | goal | met |",
              "| --- | ---: | ---: | ---: | ---: | --- |"]  # fmt: skip
    for (phase, path), (least, p99_most) in GOALS.items():
        ratio, p99 = achieved[(phase, path)]
        met = ratio >= least and (p99_most is None or p99 <= p99_most)
        lines.append(
            f"| `{path}` ({phase}) | {ratio:.2f}× | ≥ {least:.2f}× | {p99:.0f} | "
            f"{f'≤ {p99_most:.0f}' if p99_most else '–'} | {'yes' if met else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def render_scale_report(
    databases, sizes, *, workers, seconds, requests, load_before, load_after, tool
) -> str:
    def load(values) -> str:
        return ", ".join(f"{v:.2f}" for v in values)

    small, large = sizes
    s_label, l_label = f"{small // 1000}k", f"{large // 1000}k"
    seeded = [
        f"{size:,} seeded in {databases[size]['seeding']:.0f} s"
        for size in sizes
        if databases[size]["seeding"]
    ]
    lines = [
        f"## Scale: {small:,} and {large:,} mentors "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"`bench/directory.py --scale`: the directory's cache off, signed in as the demo "
        f"student, one database per size ({'; '.join(seeded) or 'both kept from an earlier run'}). "
        f"In process: Django's test client, {requests} requests per page after 3 to warm up, "
        "run for each size twice (small, large, large, small), the mean of the two medians. "
        f"Under load: {tool} at {CONNECTIONS} connections, {seconds} s per page, gunicorn with "
        f"{workers} sync workers per size, the two sizes back to back page by page. "
        f"{os.cpu_count()} cores; load average (1, 5, 15 min): {load(load_before)} before, "
        f"{load(load_after)} after. × is the time at {l_label} over the time at {s_label} "
        f"(in process: median ms; under load: requests/s at {s_label} over requests/s at "
        f"{l_label}); issue 17's goal is at most {SCALE_GOAL}× for each.",
        "",
        f"| page | path at {l_label} | ms {s_label} | ms {l_label} | SQL ms {s_label} | "
        f"SQL ms {l_label} | queries | × | req/s {s_label} | req/s {l_label} | "
        f"p99 ms {s_label} | p99 ms {l_label} | × | within {SCALE_GOAL}× |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for index, (label, _path, _expected) in enumerate(SCALE_PAGES):
        figures = {}
        for size in sizes:
            db = databases[size]
            path = db["pages"][index][1]
            runs = db["inprocess"][path]
            figures[size] = {
                "path": path,
                "ms": statistics.mean(r["median_ms"] for r in runs),
                "sql": statistics.mean(r["sql_median_ms"] for r in runs),
                "queries": max(r["queries"] for r in runs),
                **db["load"][index],
            }
        a, b = figures[small], figures[large]
        in_process = b["ms"] / a["ms"]
        under_load = a["rps"] / b["rps"] if b["rps"] else float("inf")
        queries = (
            str(a["queries"]) if a["queries"] == b["queries"] else f"{a['queries']}/{b['queries']}"
        )
        met = in_process <= SCALE_GOAL and under_load <= SCALE_GOAL
        lines.append(
            f"| {label} | `{b['path']}` | {a['ms']:.1f} | {b['ms']:.1f} | {a['sql']:.1f} | "
            f"{b['sql']:.1f} | {queries} | {in_process:.2f} | {a['rps']:.0f} | {b['rps']:.0f} | "
            f"{a['p99']:.0f} | {b['p99']:.0f} | {under_load:.2f} | {'yes' if met else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def write_results(report: str, *, begin: str = BEGIN, end: str = END) -> None:
    """Put the report in its block of RESULTS.md, replacing the previous run's: the
    latest run at the top, the scale comparison just below it; what follows (earlier
    runs, notes) stays."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Directory benchmark\n"
    block = f"{begin}\n{report}{end}\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + "\n" + rest.split(end, 1)[1].lstrip("\n")
    elif begin != BEGIN and END in text:
        head, rest = text.split(END, 1)
        text = f"{head}{END}\n\n{block}\n{rest.lstrip()}"
    else:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{block}\n{rest.lstrip()}"
    RESULTS.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
