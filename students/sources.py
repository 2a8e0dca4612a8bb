"""Where a contact on the networking list came from, told by the app that made it.

A higher app whose records become contacts (the notebook: a referral from a
conversation) registers, in its ``AppConfig.ready()``, a function that says where some
contacts came from::

    register(referral_sources)  # (contacts) -> {contact id: ContactSource}

The networking list asks once for all the contacts it shows, so each function answers
with a fixed number of queries whatever their number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .models import Contact


@dataclass(frozen=True)
class ContactSource:
    """ "In your conversation on March 3, 2026", and a link to it."""

    text: str
    url: str = ""


SourcesFor = Callable[[Sequence[Contact]], dict[int, ContactSource]]

_providers: list[SourcesFor] = []


def register(provider: SourcesFor) -> None:
    """Ask ``provider`` too (once, however often called)."""
    if provider not in _providers:
        _providers.append(provider)


def contact_sources_for(contacts: Sequence[Contact]) -> dict[int, ContactSource]:
    """Where each of ``contacts`` came from, for those a provider knows."""
    if not contacts:
        return {}
    sources: dict[int, ContactSource] = {}
    for provider in _providers:
        sources.update(provider(contacts))
    return sources
