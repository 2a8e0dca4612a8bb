"""How each kind of email is rendered when it is sent; the apps fill this in.

The outbox knows no domain. A row rendered when sent stores its kind, what it concerns
(``subject_key``), its recipient and a few ``params`` the database does not hold (a
reason typed once, the old time of a move). At sending time the renderer registered for
its kind turns that into the email, from current data, in the recipient's current time
zone and language, to their current address; so a person who changes any of these
after an email was queued gets it as they are now.

Apps register in their ``AppConfig.ready()``::

    register("interview.", render_interview_email)  # every kind starting "interview."

A renderer takes the row and returns a ``RenderedEmail``, or None when the email no
longer makes sense (what it was about is gone): the row is then voided, not sent.
Rows queued with their text already rendered (allauth's account emails, which carry
one-time tokens made for the request) need no renderer: their stored text is sent.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation

from .rendering import RenderedEmail

if TYPE_CHECKING:
    from .models import Notification

Renderer = Callable[["Notification"], RenderedEmail | None]

_renderers: dict[str, Renderer] = {}


class NoRenderer(LookupError):
    """No app registered how to render this kind of email."""


def register(kind: str, renderer: Renderer) -> None:
    """Render rows of ``kind`` with ``renderer``; a ``kind`` ending in "." covers every
    kind that starts with it. Registering the same kind again replaces the renderer."""
    _renderers[kind] = renderer


def renderer_for(kind: str) -> Renderer:
    """The renderer of exactly ``kind``, else of the longest registered prefix of it."""
    if kind in _renderers:
        return _renderers[kind]
    prefixes = [k for k in _renderers if k.endswith(".") and kind.startswith(k)]
    if not prefixes:
        raise NoRenderer(f"No renderer is registered for emails of kind {kind!r}.")
    return _renderers[max(prefixes, key=len)]


def recipient_language(recipient) -> str:
    """The language a person reads their emails in: their own setting (``User.language``),
    whoever's action sent the email; ``LANGUAGE_CODE`` for anyone without one."""
    return getattr(recipient, "language", "") or settings.LANGUAGE_CODE


def _recipient_zone(recipient) -> zoneinfo.ZoneInfo | None:
    name = getattr(recipient, "time_zone", "")
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def render(notification: Notification) -> RenderedEmail | None:
    """The email this row is now, rendered by its kind's renderer in the recipient's
    language and time zone; None when it no longer makes sense (or has nobody to go to).

    Raises ``NoRenderer`` when no app registered the row's kind."""
    renderer = renderer_for(notification.kind)
    recipient = notification.recipient
    if recipient is None:  # the account is gone: nobody to write to
        return None
    with ExitStack() as stack:
        stack.enter_context(translation.override(recipient_language(recipient)))
        zone = _recipient_zone(recipient)
        if zone is not None:
            stack.enter_context(timezone.override(zone))
        return renderer(notification)
