"""``/healthz``: whether the database, the broker and the cache answer, within 2 seconds.

Each dependency gets ``HEALTH_TIMEOUT`` to answer, so the page answers in time even when
all of them hang (a stopped process, a lost network), and it says which one did not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

HEALTH_TIMEOUT = 0.5


def _timed_out(error: BaseException) -> bool:
    """Whether the error, or one it was raised from, is a timeout (kombu and psycopg
    wrap the socket's own error)."""
    seen: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and cause not in seen:
        if isinstance(cause, TimeoutError | RedisTimeoutError):
            return True
        seen.append(cause)
        cause = cause.__cause__ or cause.__context__
    return False


def _health(name: str, probe: Callable[[], object]) -> str:
    """Returns "ok", "timeout" (no answer in time) or "down" (refused or failed)."""
    try:
        probe()
    except Exception as error:
        state = "timeout" if _timed_out(error) else "down"
        logger.warning("Health check: %s %s: %s", name, state, error)
        return state
    return "ok"


def _database_probe() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _broker_probe() -> None:
    # The project's Celery app (the config package makes it current when Django starts).
    with current_app.connection_for_write(
        connect_timeout=HEALTH_TIMEOUT,
        transport_options={
            "socket_connect_timeout": HEALTH_TIMEOUT,
            "socket_timeout": HEALTH_TIMEOUT,
        },
    ) as conn:
        # Connecting to Redis sends it a command, so a hung server is caught here too.
        # One attempt, bounded by the socket timeouts above.
        conn.ensure_connection(max_retries=0, timeout=1)


def _cache_probe() -> None:
    # Redis itself, not the default cache: that one would answer from its fallback.
    caches["redis" if "redis" in settings.CACHES else "default"].get("healthz")


def _overall(body: dict[str, str]) -> tuple[str, int]:
    if body["database"] != "ok" or body["broker"] != "ok":
        return "unavailable", 503
    # Without the cache the site still works, slower.
    return ("ok" if body["cache"] == "ok" else "degraded"), 200


@never_cache
@require_GET
def healthz(request):
    """503 without the database or the broker; 200 with status "degraded" without the
    cache."""
    body = {
        "database": _health("database", _database_probe),
        "broker": _health("broker", _broker_probe),
        "cache": _health("cache", _cache_probe),
    }
    status, code = _overall(body)
    return JsonResponse({"status": status} | body, status=code)
