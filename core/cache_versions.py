"""Version numbers in the cache, for cached data that many changes can make stale.

Cached entries carry the versions of their data, in their keys (a template fragment's
vary-on) or beside their value (``versioned_get_many``, which reads the versions and the
entries in one round trip); raising a version makes every older entry unreachable at
once (each then expires by its own timeout, or is overwritten). The version is raised
once the change that calls for it commits, so an entry rendered from the old data can
never be stored under the new version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class VersionedRead:
    """What one reader wants of the cache: the versions at ``version_keys`` and the
    entries at ``keys`` stored under them (``versioned_get_many``'s arguments)."""

    version_keys: tuple[str, ...]
    keys: tuple[str, ...]


@dataclass(frozen=True)
class VersionedFound:
    """The versions now, and the entries stored under exactly those versions."""

    versions: tuple[int, ...]
    entries: dict[str, Any]


def versioned_get_many(
    version_keys: Sequence[str], keys: Sequence[str]
) -> tuple[tuple[int, ...], dict[str, Any]]:
    """The versions at ``version_keys`` now, and the entries at ``keys`` that were stored
    under exactly those versions (``versioned_set_many``), in one round trip.

    The versions sit in the entries rather than in their keys, so that versions and
    entries are read together: an entry stored under older versions is not returned,
    and the next ``versioned_set_many`` overwrites it.
    """
    found = versioned_get_together([VersionedRead(tuple(version_keys), tuple(keys))])[0]
    return found.versions, found.entries


def versioned_get(read: VersionedRead | None) -> VersionedFound | None:
    """What ``read`` asks for, in one round trip; None when there is no read (a caller
    whose cache is off)."""
    return versioned_get_together([read])[0] if read is not None else None


def versioned_get_together(reads: Sequence[VersionedRead]) -> list[VersionedFound]:
    """``versioned_get_many`` for each of ``reads``, all in one round trip (a page whose
    parts come from different apps' caches), in their order."""
    found = cache.get_many(
        list(dict.fromkeys(key for read in reads for key in (*read.version_keys, *read.keys)))
    )
    return [_versioned(read, found) for read in reads]


def _versioned(read: VersionedRead, found: Mapping[str, Any]) -> VersionedFound:
    versions = tuple(
        int(found[key]) if key in found else cache_version(key) for key in read.version_keys
    )
    entries = {}
    for key in read.keys:
        entry = found.get(key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == versions:
            entries[key] = entry[1]
    return VersionedFound(versions=versions, entries=entries)


def versioned_set_many(versions: tuple[int, ...], entries: Mapping[str, Any], timeout: int) -> None:
    """Store ``entries`` under ``versions``, as ``versioned_get_many`` read them before the
    entries were made: a change committed meanwhile has raised a version, so they will not
    be returned for it."""
    cache.set_many({key: (versions, value) for key, value in entries.items()}, timeout)
