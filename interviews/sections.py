"""Sections a higher app adds to the interview page, without this app importing it.

The notebook (a layer above) registers, in its ``AppConfig.ready()``, a function that
returns the sections it has for one person on one interview's page::

    register(notebook_sections)  # (interview, user) -> list[Section]

The page renders each section's template with its context, in registration order, after
its own sections; a function returns an empty list when it has nothing for this person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from users.models import User

from .models import Interview


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


SectionsFor = Callable[[Interview, User], list[Section]]

_providers: list[SectionsFor] = []


def register(provider: SectionsFor) -> None:
    """Add ``provider``'s sections to every interview page (once, however often called)."""
    if provider not in _providers:
        _providers.append(provider)


def sections_for(interview: Interview, user: User) -> list[Section]:
    return [section for provider in _providers for section in provider(interview, user)]
