"""A person's calendar feed: turn it on (or give it a new address), turn it off."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from users.models import User

from ..models import CalendarFeed

# 32 random bytes, about 43 URL-safe characters: not guessable, short enough to paste.
TOKEN_BYTES = 32


@transaction.atomic
def calendar_feed_new_address(*, user: User) -> str:
    """Turn the feed on, or replace its address: the old address stops working with
    this commit. Returns the new token, which is not stored (only its fingerprint is),
    so the caller shows it now or never."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token_hash": CalendarFeed.fingerprint(token), "created_at": timezone.now()},
    )
    return token


@transaction.atomic
def calendar_feed_turn_off(*, user: User) -> bool:
    """Delete the feed, so its address answers 404; False when it was already off."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)
