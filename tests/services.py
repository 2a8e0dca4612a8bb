"""Real processes for the tests that matter: an SMTP sink and Celery workers.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], bool], *, timeout: float = 20, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


@dataclass
class SmtpSink:
    """Counts what a real SMTP server on loopback received. `delay` slows each DATA."""

    delay: float = 0.0
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


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
    """A `celery worker` process against the test database and a real Redis broker."""

    def __init__(self, *, env: dict[str, str], name: str, log_dir: Path, beat: bool = False):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "careercenter", "worker",
            "--pool=solo", "--concurrency=1", "--loglevel=INFO", f"--hostname={name}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        if beat:
            command.append("--beat")
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 30) -> Worker:
        wait_until(
            lambda: b" ready." in self.log_path.read_bytes() or self.process.poll() is not None,
            timeout=timeout,
            what=f"worker {self.name} to start",
        )
        if self.process.poll() is not None:
            raise AssertionError(self.log_path.read_text(errors="replace"))
        return self

    def kill(self) -> None:
        """SIGKILL, as a crashed machine would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


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
