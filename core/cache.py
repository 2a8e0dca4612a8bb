"""A cache that keeps working while its Redis is down or hung.

Every operation goes to the primary cache (Redis) unless it failed recently; when it
raises or times out, this process stops asking it for ``RETRY_AFTER`` seconds and uses
the fallback (the database cache) instead. allauth's rate limits read the default cache
and take a failed read as "limited", so a cache that merely ignored errors would refuse
every sign-in during an outage; this one keeps counting, in the database.

While the primary is skipped, the keys written or deleted in the fallback are noted.
Before the primary is used again they are deleted from it, so a copy that went stale in
the meantime (a directory version raised, a rate limit's count reset) cannot come
back. Counts kept in the fallback are not carried over: after an outage a rate limit
starts afresh, which allows a few more attempts, never fewer.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a Redis that is down, hung, out of memory or read-only raises (django-redis
# re-raises the client's own error when IGNORE_EXCEPTIONS is off).
PRIMARY_ERRORS = (RedisError, socket.timeout, OSError)

# Past this many diverted keys, the whole primary (under its key prefix) is cleared
# instead of key by key: memory stays bounded in a long outage.
MAX_DIVERTED_KEYS = 10_000


class _Circuit:
    """Per process (every thread's cache object shares it): when the primary failed,
    and which keys were changed in the fallback since."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.diverted: set[tuple[str, int | None]] = set()
        self.overflowed = False


_circuits: dict[str, _Circuit] = {}
_circuits_lock = threading.Lock()


def _circuit(alias: str) -> _Circuit:
    with _circuits_lock:
        return _circuits.setdefault(alias, _Circuit())


@receiver(setting_changed, dispatch_uid="careercenter-cache-circuits")
def _caches_changed(*, setting: str, **kwargs: Any) -> None:
    # New cache settings name other servers: what failed before says nothing of them.
    if setting == "CACHES":
        with _circuits_lock:
            _circuits.clear()


class FallbackCache(BaseCache):
    """``OPTIONS``: ``PRIMARY`` and ``FALLBACK`` (aliases in CACHES), ``RETRY_AFTER``
    (seconds the primary is skipped after a failure; wall-clock time)."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.primary_alias: str = options["PRIMARY"]
        self.fallback_alias: str = options["FALLBACK"]
        self.retry_after: float = float(options.get("RETRY_AFTER", 30))
        self.circuit = _circuit(self.primary_alias)

    @property
    def primary(self) -> BaseCache:
        return caches[self.primary_alias]

    @property
    def fallback(self) -> BaseCache:
        return caches[self.fallback_alias]

    # -- choosing the backend ------------------------------------------------------

    def primary_is_skipped(self) -> bool:
        return time.time() < self.circuit.retry_at

    def _trip(self, error: BaseException) -> None:
        logger.warning(
            "Cache %r failed (%s); using %r for %ss",
            self.primary_alias,
            error,
            self.fallback_alias,
            self.retry_after,
        )
        self.circuit.retry_at = time.time() + self.retry_after

    def _primary_ready(self) -> bool:
        """True when the primary may be asked; first forgets what went stale in it."""
        circuit = self.circuit
        if not circuit.retry_at:
            return True
        if self.primary_is_skipped():
            return False
        with circuit.lock:
            diverted, circuit.diverted = circuit.diverted, set()
            overflowed, circuit.overflowed = circuit.overflowed, False
        try:
            self._forget_stale(diverted, overflowed=overflowed)
        except PRIMARY_ERRORS as error:
            with circuit.lock:
                circuit.diverted |= diverted
                circuit.overflowed |= overflowed
            self._trip(error)
            return False
        circuit.retry_at = 0.0
        logger.info("Cache %r answers again", self.primary_alias)
        return True

    def _forget_stale(self, diverted: set[tuple[str, int | None]], *, overflowed: bool) -> None:
        primary = self.primary
        if overflowed:
            # django-redis clears only this cache's own keys with a pattern; its clear()
            # would flush the whole Redis database, which the broker may share.
            delete_pattern = getattr(primary, "delete_pattern", None)
            if delete_pattern is not None:
                delete_pattern("*")
            else:
                primary.clear()
            return
        by_version: dict[int | None, list[str]] = {}
        for key, version in diverted:
            by_version.setdefault(version, []).append(key)
        for version, keys in by_version.items():
            primary.delete_many(keys, version=version)

    def _note(self, keys: Iterable[str], version: int | None) -> None:
        circuit = self.circuit
        with circuit.lock:
            if circuit.overflowed:
                return
            circuit.diverted.update((key, version) for key in keys)
            if len(circuit.diverted) > MAX_DIVERTED_KEYS:
                circuit.diverted = set()
                circuit.overflowed = True

    def _call(self, method: str, *args: Any, writes: Iterable[str] = (), **kwargs: Any) -> Any:
        if self._primary_ready():
            try:
                return getattr(self.primary, method)(*args, **kwargs)
            except PRIMARY_ERRORS as error:
                self._trip(error)
        if writes:
            self._note(writes, kwargs.get("version"))
        return getattr(self.fallback, method)(*args, **kwargs)

    # -- the cache API -------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version, writes=[key])

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version, writes=[key])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version, writes=[key])

    def delete(self, key, version=None):
        return self._call("delete", key, version=version, writes=[key])

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version, writes=[key])

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta=delta, version=version, writes=[key])

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version, writes=list(data))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call("delete_many", keys, version=version, writes=keys)

    def clear(self):
        if self._primary_ready():
            try:
                self.primary.clear()
            except PRIMARY_ERRORS as error:
                self._trip(error)
                self.circuit.overflowed = True
        else:
            self.circuit.overflowed = True
        self.fallback.clear()

    def close(self, **kwargs):
        # The primary and the fallback are caches of their own; Django closes them.
        pass
