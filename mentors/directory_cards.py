"""Each mentor's card in the directory, rendered once and kept in the cache.

A card reads the same for every reader and in every list that shows its mentor, so a
page's twenty cards come from one read of the cache (``directory_cards_read``, which the
directory makes with its other reads), and a page whose results
are not cached (a new search, the first reader of a query) renders only the cards that
no page has shown since the directory last changed. A card is kept beside the
directory's version it was rendered at (any change to a mentor, their fields, their
monthly load or a career field moves it; ``core.cache_versions``), and each process
keeps a copy of the cards it read; its key holds the language and whether the mentor
has time this month (worked out for each request, as the month turns).
``MENTOR_CARD_CACHE_SECONDS`` bounds memory, and how long a card can stay stale if the
version's move is lost to a database failure just after a change committed.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import SafeString
from modeltranslation.utils import get_language

from core.cache_versions import VersionedFound, VersionedRead, versioned_set_many

from .directory_cache import VERSION_KEY
from .selectors import DirectoryRow, mentor_card_fields_fetch

CARD_TEMPLATE = "mentors/includes/card.html"
# Part of every card's key: raised with any change to the card's markup, so that cards an
# earlier deployment kept are not served.
CARD_MARKUP = 2


def _card_keys(rows: Sequence[DirectoryRow]) -> list[str]:
    language = get_language()  # the active one, always a site language
    prefix = f"mentors:card:{CARD_MARKUP}:{language}"
    return [f"{prefix}:{row.pk}:{int(bool(row.has_capacity))}" for row in rows]


def _render(rows: Sequence[DirectoryRow]) -> list[str]:
    mentors = [row.mentor() for row in rows]
    mentor_card_fields_fetch(mentors)
    template = get_template(CARD_TEMPLATE)
    return [template.render({"mentor": mentor}) for mentor in mentors]


def directory_cards_read(rows: Sequence[DirectoryRow]) -> VersionedRead | None:
    """The cache entries the cards of ``rows`` (a directory page's, ``mentor_directory``'s)
    come from, for ``directory_cards``; None when cards are not kept."""
    if not settings.MENTOR_CARD_CACHE_SECONDS:
        return None
    return VersionedRead((VERSION_KEY,), tuple(_card_keys(rows)))


def directory_cards(rows: Sequence[DirectoryRow], found: VersionedFound | None) -> SafeString:
    """The card of each mentor of ``rows``, in order, as the items of the results' list,
    from what ``directory_cards_read`` found (None: nothing was read). The others are
    rendered, with one query for their career fields, and kept."""
    if found is None:
        return SafeString("".join(_render(rows)))
    keys = _card_keys(rows)
    cards = dict(found.entries)
    missing = [(key, row) for key, row in zip(keys, rows, strict=True) if key not in cards]
    if missing:
        rendered = dict(
            zip((key for key, _ in missing), _render([row for _, row in missing]), strict=True)
        )
        versioned_set_many(found.versions, rendered, settings.MENTOR_CARD_CACHE_SECONDS)
        cards.update(rendered)
    return SafeString("".join(cards[key] for key in keys))
