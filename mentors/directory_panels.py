"""Panels a higher app shows at the top of the directory, without this app importing it.

The notebook (a layer above) registers, in its ``AppConfig.ready()``, a function that
returns its panels for one reader::

    register(recommendation_panels)  # (user) -> list[Panel]

The directory shows each panel's HTML above the results, in registration order. The
panels are per reader, so they never enter the shared directory cache
(``directory_cache``); a provider renders (and may cache) its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from users.models import User


@dataclass(frozen=True)
class Panel:
    html: SafeString


PanelsFor = Callable[[User], list[Panel]]

_providers: list[PanelsFor] = []


def register(provider: PanelsFor) -> None:
    """Add ``provider``'s panels to the directory (once, however often called)."""
    if provider not in _providers:
        _providers.append(provider)


def panels_for(user: User) -> list[Panel]:
    return [panel for provider in _providers for panel in provider(user)]
