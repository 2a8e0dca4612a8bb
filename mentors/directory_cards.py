"""Each mentor's card in the directory, rendered once and kept in the cache.

A card reads the same for every reader and in every list that shows its mentor, so a
page's twenty cards come from one ``get_many``, and a page whose results are not cached
(a new search, the first reader of a query) renders only the cards that no page has
shown since the directory last changed. A card is kept beside the directory's version
it was rendered at (any change to a mentor, their fields, their monthly load or a career
field raises it), read with the cards in the same round trip
(``core.cache_versions.versioned_get_many``); its key holds the language and whether the
mentor has time this month (worked out for each request, as the month turns).
``MENTOR_CARD_CACHE_SECONDS`` bounds memory, and how long a card can stay stale if
raising the version is lost while Redis is unreachable.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString
from modeltranslation.utils import get_language

from core.cache_versions import versioned_get_many, versioned_set_many

from .directory_cache import VERSION_KEY
from .selectors import DirectoryRow, mentor_card_fields_fetch

CARD_TEMPLATE = "mentors/includes/card.html"


def _card_key(row: DirectoryRow, prefix: str) -> str:
    return f"{prefix}:{row.pk}:{int(bool(row.has_capacity))}"


def _render(rows: Sequence[DirectoryRow]) -> list[str]:
    mentors = [row.mentor() for row in rows]
    mentor_card_fields_fetch(mentors)
    template = get_template(CARD_TEMPLATE)
    return [template.render({"mentor": mentor}) for mentor in mentors]


def directory_cards(rows: Sequence[DirectoryRow]) -> list[SafeString]:
    """The card of each mentor of ``rows`` (a directory page's, ``mentor_directory``'s),
    in order: one query for the career fields of those not cached."""
    seconds = settings.MENTOR_CARD_CACHE_SECONDS
    if not seconds:
        return [SafeString(card) for card in _render(rows)]
    language = get_language()  # the active one, always a site language
    keys = [_card_key(row, f"mentors:card:{language}") for row in rows]
    versions, cards = versioned_get_many([VERSION_KEY], keys)
    missing = [(key, row) for key, row in zip(keys, rows, strict=True) if key not in cards]
    if missing:
        rendered = dict(
            zip((key for key, _ in missing), _render([row for _, row in missing]), strict=True)
        )
        versioned_set_many(versions, rendered, seconds)
        cards.update(rendered)
    return [SafeString(cards[key]) for key in keys]
