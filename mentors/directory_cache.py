"""The rendered directory, cached per query until any listed data changes.

Everything on a directory page is the same for every signed-in reader, so the rendered
results are kept under a key made of the query, the language and the day (paused
mentors come back by date; capacity is per month), beside the version they were
rendered at (``core.cache_versions``). Any change to a mentor, their fields, their
monthly load or a career field moves the version once it commits, so a stale page is
not served. Every signed-in request reads the version with its session, and a process
keeps a copy of each page it read, so a page read here before costs no round trip to
Redis. The timeout bounds memory, and staleness in the one case the version cannot
cover: a move lost to a database failure just after the change committed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from django.conf import settings
from django.utils import timezone, translation
from modeltranslation.utils import get_language

from core.cache_versions import cache_version, cache_version_raise_on_commit

VERSION_KEY = "mentors:directory:version"


def directory_version() -> int:
    return cache_version(VERSION_KEY)


def career_fields_markup_key(values: list) -> str:
    """A key for markup that shows ``values`` and the career fields offered, in the
    active language (a filter form's, kept with ``{% include_kept %}``): the directory's
    version stands for the fields, since a career field's save or delete moves it."""
    return repr((translation.get_language(), directory_version(), values))


def directory_cache_bump(**_signal_kwargs) -> None:
    """Call after any change that can alter a directory page (also a signal receiver).

    The version moves once the change is committed (once for all the calls of one
    transaction), so a page rendered from the old data can never be stored under the new
    version.
    """
    cache_version_raise_on_commit(VERSION_KEY)


def directory_cache_seconds() -> int:
    return settings.MENTOR_DIRECTORY_CACHE_SECONDS


def directory_cache_key(query: Mapping[str, list[str]]) -> str:
    """The key of one directory page: every parameter with all its values, JSON-encoded,
    so no two different queries share a key (``industry=a%26q%3Db`` is not
    ``industry=a&q=b``, and ``format=phone&format=video`` is not ``format=video``)."""
    encoded = json.dumps(sorted((name, list(values)) for name, values in query.items()))
    digest = hashlib.sha256(encoded.encode()).hexdigest()
    day = timezone.localdate().isoformat()
    language = get_language()  # the active one, always a site language
    return f"mentors:directory:{day}:{language}:{digest}"
