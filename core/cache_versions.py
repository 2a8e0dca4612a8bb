"""Version numbers in the cache, for cached data that many changes can make stale.

Cached entries put their data's version in their keys; raising the version makes every
older entry unreachable at once (each then expires by its own timeout). The version is
raised once the change that calls for it commits, so an entry rendered from the old data
can never be stored under the new version.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction


def cache_version(key: str) -> int:
    """The version kept at ``key``: 1 until it is first raised (or after an eviction)."""
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return int(version)


def _raise(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet, or evicted
        cache.set(key, 2, timeout=None)


def cache_version_raise_on_commit(key: str) -> None:
    """Raise the version at ``key`` once the current transaction commits (at once outside
    one)."""
    transaction.on_commit(lambda: _raise(key))
