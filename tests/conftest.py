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
