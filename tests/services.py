"""Real processes for the tests that matter: an SMTP sink, Celery workers and beats,
and a private Redis server that a test may flush, stop and start again.

Everything listens on 127.0.0.1 and is stopped by its PID when the test ends.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def terminate(process: subprocess.Popen, *, timeout: float = 20) -> None:
    """Stop a process we started: SIGTERM, then SIGKILL if it is still there after
    ``timeout`` seconds; either way, wait for it."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(url: str, process: subprocess.Popen, *, timeout: float = 60) -> None:
    """Wait until ``url`` answers, failing at once if ``process`` (its server) exits."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise SystemExit(f"{url} did not answer in {timeout:.0f} s")


def wait_until(condition: Callable[[], bool], *, timeout: float = 20, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


@dataclass
class SmtpSink:
    """Counts what a real SMTP server on loopback received.

    `delay` slows each DATA (the message is then already on its way in). `rcpt_delay`
    slows each RCPT instead, before anything is accepted, so a client killed there
    leaves nothing delivered; `hold()` makes RCPT wait until `release()`. `in_rcpt`
    counts the conversations waiting there, so a test knows a send is in progress.
    """

    delay: float = 0.0
    rcpt_delay: float = 0.0
    hold_timeout: float = 60.0
    headers_only: bool = False  # keep only the headers: cheaper when counting thousands
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_rcpt: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.released.set()

    def hold(self) -> None:
        """From now on RCPT waits until `release()` (or `hold_timeout`)."""
        self.released.clear()

    def release(self) -> None:
        self.released.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.in_rcpt += 1
        try:
            deadline = time.monotonic() + self.hold_timeout
            while not self.released.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            if self.rcpt_delay:
                await asyncio.sleep(self.rcpt_delay)
        finally:
            with self.lock:
                self.in_rcpt -= 1
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        content = envelope.original_content or envelope.content
        message = BytesHeaderParser().parsebytes(content) if self.headers_only else None
        with self.lock:
            self.messages.append(message or message_from_bytes(content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def duplicates(self) -> list[str]:
        """Message-IDs received more than once."""
        ids = self.message_ids()
        return sorted({i for i in ids if ids.count(i) > 1})


class SmtpServer:
    def __init__(self, sink: SmtpSink):
        self.sink = sink
        self.port = free_port()
        self.controller = Controller(sink, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class Worker:
    """A `celery worker` process against the test database and a real Redis broker,
    consuming the send queue and the dispatcher's own (careercenter/celery.py)."""

    ready_marker = b" ready."

    def __init__(
        self,
        *,
        env: dict[str, str],
        name: str,
        log_dir: Path,
        beat: bool = False,
        pool: str = "solo",
        concurrency: int = 1,
        loglevel: str = "INFO",
        queues: str = "celery,dispatch",
    ):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "careercenter", "worker",
            f"--pool={pool}", f"--concurrency={concurrency}", f"--loglevel={loglevel}", f"-Q{queues}",
            f"--hostname={name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        if beat:
            command.append("--beat")
        self._start(command, env)

    def _start(self, command: list[str], env: dict[str, str]) -> None:
        self.stop_requested = False
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 30) -> Worker:
        wait_until(
            lambda: (
                self.ready_marker in self.log_path.read_bytes() or self.process.poll() is not None
            ),
            timeout=timeout,
            what=f"{self.name} to start",
        )
        if self.process.poll() is not None:
            raise AssertionError(self.log_path.read_text(errors="replace"))
        return self

    def kill(self) -> None:
        """SIGKILL, as a crashed machine would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def request_stop(self) -> None:
        """SIGTERM (a warm shutdown) without waiting for it: see ``stop_together``."""
        if self.process.poll() is None and not self.stop_requested:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.stop_requested = True

    def stop(self) -> None:
        self.request_stop()
        if self.process.poll() is None:
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def stop_together(processes: Iterable[Worker]) -> None:
    """Stop workers and beats as ``stop`` does, but all at once: each takes a second or
    two to shut down, and one after another that adds up in every test that starts some."""
    processes = list(processes)
    for process in processes:
        process.request_stop()
    for process in processes:
        process.stop()


class Beat(Worker):
    """A `celery beat` process with its own schedule file, so two can run side by side."""

    ready_marker = b"beat: Starting..."

    def __init__(self, *, env: dict[str, str], name: str, log_dir: Path):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "careercenter", "beat", "--loglevel=INFO",
            f"--schedule={log_dir / (name + '-schedule')}",
        ]  # fmt: skip
        self._start(command, env)


class RedisServer:
    """A private `redis-server` on a free loopback port that a test may flush, stop and
    start again without touching the shared one. Stopped by its PID."""

    binary = "/usr/bin/redis-server"

    def __init__(self, *, log_dir: Path, port: int | None = None):
        self.port = port or free_port()
        self.log_path = log_dir / f"redis-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except Exception:
            return False

    def start(self, timeout: float = 15) -> RedisServer:
        command = [
            self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--logfile", str(self.log_path),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_until(
            lambda: self.answers() or self.process.poll() is not None,
            timeout=timeout,
            what=f"redis-server on port {self.port}",
        )
        if self.process.poll() is not None:
            raise AssertionError(self.log_path.read_text(errors="replace"))
        return self

    def pause(self) -> None:
        """SIGSTOP: the server keeps its port and accepts connections but answers
        nothing, as a hung process or a lost network would."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)

    @contextmanager
    def paused(self) -> Iterator[RedisServer]:
        self.pause()
        try:
            yield self
        finally:
            self.resume()

    def stop(self) -> None:
        self.resume()  # a stopped process would not act on SIGTERM
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def worker_env(
    *, database_name: str, database_settings: dict, redis_url: str, smtp_port: int
) -> dict:
    """Environment for a worker that shares the test database and sends to the sink."""
    host = database_settings.get("HOST") or ""
    port = database_settings.get("PORT") or ""
    user = database_settings.get("USER") or "postgres"
    password = database_settings.get("PASSWORD") or ""
    if host.startswith("/"):
        from urllib.parse import quote

        url = f"postgres://{user}@/{database_name}?host={quote(host)}"
    else:
        auth = f"{user}:{password}@" if password else f"{user}@"
        url = f"postgres://{auth}{host or '127.0.0.1'}{':' + str(port) if port else ''}/{database_name}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careercenter.settings.local",
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "30",
        "DJANGO_DEBUG": "false",
    }


@contextmanager
def celery_broker(app, url: str) -> Iterator[None]:
    """Point this process's Celery app at another broker for a while.

    The app caches its connection and producer pools, and kombu keeps one pool per
    broker URL for the whole process, so all of them are closed and forgotten on the
    way in and on the way out (closing one alone would leave it registered, closed).
    """
    from kombu import pools

    def drop_pools() -> None:
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    drop_pools()
    app.conf.broker_url = url
    try:
        yield
    finally:
        drop_pools()
        app.conf.broker_url = previous
