"""Versions of cached data that many changes can make stale.

Cached entries are kept beside the versions of their data (``versioned_set_many``) and
returned only while those versions stand (``versioned_get_together``); moving a version
makes every older entry unreachable at once (each then expires by its own timeout, or is
overwritten by the next one made).

The versions live in PostgreSQL (``core.models.CacheVersion``), so that a signed-in
request reads them with its session and its user, in that one query
(``users.selectors.session_get_with_user``): the keys registered with
``read_with_session`` (``{user}`` in a key stands for the signed-in person's id). Each
entry read is copied into this process (``Copies``), so a page whose entries were read
here before, under the same versions, makes no round trip to Redis at all; the others
come from the shared cache (Redis) in one round trip. A key whose version
the session did not bring is read from PostgreSQL, all such keys in one query.

A version moves once the change that calls for it commits (a change rolled back moves
nothing), so an entry made from the old data can never be stored under the new version.
It moves to a new random number, never back to one it held: a version read again after
a rolled-back transaction, or from a database restored from a backup, cannot match an
entry made from other data since. No row means the data never changed (version 0).
If the database fails between a change's commit and its version's move, the change is
kept and the error logged, and the entries made before it are served until they expire.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from .models import CacheVersion

# The version of a key that has no row.
UNCHANGED = 0
# How many entries this process keeps copies of (a page of results is about 32 KB, a
# card 2 KB), and for how long at most: they bound its memory. Each copy is checked
# against the versions read by the request that uses it.
MAX_COPIES = 1000
COPY_SECONDS = 300
USER = "{user}"

_with_session: list[str] = []
_pending = threading.local()
# The versions this request read with its session (None outside a request, or before its
# session is read): each request's own, forgotten when the next starts.
_known: ContextVar[dict[str, int] | None] = ContextVar("cache_versions_known", default=None)


def read_with_session(key: str) -> None:
    """Have every signed-in request read the version at ``key`` with its session (call
    from ``AppConfig.ready``). ``{user}`` in ``key`` stands for the signed-in person's id."""
    if key not in _with_session:
        _with_session.append(key)


def session_versions(user_id: OuterRef) -> ArraySubquery:
    """What the session's query selects so as to read the versions registered with
    ``read_with_session`` for the user whose id is ``user_id`` (an ``OuterRef``): an
    array of ``key=version``, for ``versions_known``."""
    keys: list[Any] = []
    for key in _with_session:
        before, user, after = key.partition(USER)
        keys.append(
            Concat(Value(before), Cast(user_id, CharField()), Value(after)) if user else key
        )
    rows = CacheVersion.objects.filter(Q(key__in=keys) if keys else Q(pk__in=[]))
    return ArraySubquery(
        rows.annotate(pair=Concat("key", Value("="), Cast("value", CharField()))).values("pair")
    )


def versions_known(pairs: Iterable[str] | None, *, user_id: Any) -> None:
    """Keep, for the rest of this request, the versions its session's query read
    (``session_versions``'s ``key=version`` pairs) for the person ``user_id``."""
    found = dict(pair.rsplit("=", 1) for pair in pairs or ())
    known = {}
    for key in _with_session:
        if USER in key:
            if user_id is None:
                continue
            key = key.replace(USER, str(user_id))
        known[key] = int(found.get(key, UNCHANGED))
    _known.set(known)


def versions_forget(**_signal_kwargs) -> None:
    """This request's versions are not the next one's (``request_started`` and
    ``request_finished``)."""
    _known.set(None)


def cache_versions(keys: Sequence[str]) -> tuple[int, ...]:
    """The versions at ``keys`` now: those the session brought, the others from the
    database in one query."""
    known = _known.get()
    missing = [key for key in keys if known is None or key not in known]
    read: dict[str, int] = {}
    if missing:
        read = dict(CacheVersion.objects.filter(key__in=missing).values_list("key", "value"))
        if known is not None:
            known.update({key: read.get(key, UNCHANGED) for key in missing})
    return tuple(
        known[key] if known is not None and key in known else read.get(key, UNCHANGED)
        for key in keys
    )


def cache_version(key: str) -> int:
    return cache_versions([key])[0]


def cache_version_raise_on_commit(key: str) -> None:
    """Move the version at ``key`` once the current transaction commits (at once outside
    one). However many changes of one transaction call this, each key moves once, all
    in one statement."""
    pending = _pending_keys()
    pending.add(key)
    transaction.on_commit(_move_pending, robust=True)


def _pending_keys() -> set[str]:
    """The keys this thread's changes asked to move, not moved yet. A key asked for in a
    transaction that rolled back stays until the next commit moves it: one move too
    many, which costs only a rendering."""
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    return _pending.keys


def _move_pending() -> None:
    """Move every pending key (the first callback after a commit; the others find none)."""
    pending = _pending_keys()
    if not pending:
        return
    moved = {key: secrets.randbits(62) + 1 for key in sorted(pending)}  # never UNCHANGED
    pending.clear()
    CacheVersion.objects.bulk_create(
        [CacheVersion(key=key, value=value) for key, value in moved.items()],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["value"],
    )
    known = _known.get()
    if known is not None:
        known.update(moved)


class Copies:
    """This process's copies of versioned entries, kept as the objects themselves.

    A copy is read far more often than made: Django's local-memory cache would unpickle
    it on each read, which for a page of text means decoding all of it again. At most ``size`` entries, the least
    recently read dropped first, each for ``seconds`` at most. The objects are shared
    by every request of the process: never change one.
    """

    def __init__(self, size: int = MAX_COPIES, seconds: int = COPY_SECONDS):
        self.size, self.seconds = size, seconds
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        now, found = time.monotonic(), {}
        with self._lock:
            for key in keys:
                kept = self._entries.get(key)
                if kept is None:
                    continue
                if kept[0] <= now:
                    del self._entries[key]
                    continue
                self._entries.move_to_end(key)
                found[key] = kept[1]
        return found

    def set_many(self, entries: Mapping[str, Any], seconds: int | None = None) -> None:
        until = time.monotonic() + min(seconds or self.seconds, self.seconds)
        with self._lock:
            for key, value in entries.items():
                self._entries[key] = (until, value)
                self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def delete_many(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._entries.pop(key, None)

    def kept_keys(self) -> list[str]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


copies = Copies()


@dataclass(frozen=True)
class VersionedRead:
    """What one reader wants of the cache: the versions at ``version_keys`` and the
    entries at ``keys`` stored under them (``versioned_get_many``'s arguments). An entry's
    key belongs to one kind of read, always with the same version keys."""

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
    under exactly those versions (``versioned_set_many``); an entry stored under other
    versions is not returned, and the next ``versioned_set_many`` overwrites it."""
    found = versioned_get_together([VersionedRead(tuple(version_keys), tuple(keys))])[0]
    return found.versions, found.entries


def versioned_get(read: VersionedRead | None) -> VersionedFound | None:
    """What ``read`` asks for; None when there is no read (a caller whose cache is off)."""
    return versioned_get_together([read])[0] if read is not None else None


def versioned_get_together(reads: Sequence[VersionedRead]) -> list[VersionedFound]:
    """``versioned_get_many`` for each of ``reads`` (a page whose parts come from different
    apps' caches), in their order: this process's copies first, then what they lack from
    the shared cache, all in one round trip (none when every entry was copied here)."""
    version_keys = list(dict.fromkeys(key for read in reads for key in read.version_keys))
    now = dict(zip(version_keys, cache_versions(version_keys), strict=True))
    versions = [tuple(now[key] for key in read.version_keys) for read in reads]
    wanted = {key: each for read, each in zip(reads, versions, strict=True) for key in read.keys}
    entries = _standing(copies.get_many(wanted), wanted)
    missing = [key for key in wanted if key not in entries]
    if missing:
        shared = _standing(cache.get_many(missing), wanted)
        if shared:
            copies.set_many(
                {key: (wanted[key], value) for key, value in shared.items()}, COPY_SECONDS
            )
            entries.update(shared)
    return [
        VersionedFound(
            versions=each, entries={key: entries[key] for key in read.keys if key in entries}
        )
        for read, each in zip(reads, versions, strict=True)
    ]


def _standing(found: Mapping[str, Any], wanted: Mapping[str, tuple[int, ...]]) -> dict[str, Any]:
    """The values of ``found`` stored under the versions ``wanted`` for their keys."""
    return {
        key: entry[1]
        for key, entry in found.items()
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == wanted[key]
    }


def versioned_set_many(versions: tuple[int, ...], entries: Mapping[str, Any], timeout: int) -> None:
    """Store ``entries`` under ``versions``, as ``versioned_get_many`` read them before the
    entries were made: a change committed meanwhile has moved a version, so they will not
    be returned for it. Kept in the shared cache for ``timeout`` seconds, and copied here."""
    stored = {key: (versions, value) for key, value in entries.items()}
    cache.set_many(stored, timeout)
    copies.set_many(stored, timeout)
