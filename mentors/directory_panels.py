"""Panels a higher app shows at the top of the directory, without this app importing it.

The notebook (a layer above) registers, in its ``AppConfig.ready()``, a source of panels
for one reader::

    register(RecommendationPanels())  # a PanelSource

The directory shows each panel's HTML above the results, in registration order. The
panels are per reader, so they never enter the shared directory cache
(``directory_cache``); a source renders (and may cache) its own. A source that caches
says which entries it reads (``PanelSource.read``), and the directory reads them with
its own entries in one round trip (``panels_with``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.safestring import SafeString

from core.cache_versions import VersionedFound, VersionedRead, versioned_get_together
from users.models import User


@dataclass(frozen=True)
class Panel:
    html: SafeString


class PanelSource(Protocol):
    def read(self, user: User) -> VersionedRead | None:
        """The cache entries ``user``'s panels come from; None when it reads none."""

    def panels(self, user: User, found: VersionedFound | None) -> list[Panel]:
        """``user``'s panels, from what ``read`` asked for (None when it asked nothing)."""


_sources: list[PanelSource] = []


def register(source: PanelSource) -> None:
    """Add ``source``'s panels to the directory (once, however often called)."""
    if source not in _sources:
        _sources.append(source)


def panels_with(
    user: User, reads: Sequence[VersionedRead]
) -> tuple[list[VersionedFound], list[Panel]]:
    """What the directory reads itself (``reads``) and every source's entries for
    ``user``, in one round trip (none when nothing is read); then the panels."""
    wanted = [(source, source.read(user)) for source in _sources]
    theirs = [each for _, each in wanted if each is not None]
    found = iter(versioned_get_together([*reads, *theirs]) if reads or theirs else ())
    own = [next(found) for _ in reads]
    panels = [
        panel
        for source, each in wanted
        for panel in source.panels(user, next(found) if each is not None else None)
    ]
    return own, panels
