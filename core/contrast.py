"""Contrast of colours as WCAG 2.2 measures it; checked when the settings load, so this
module imports nothing that needs them."""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured

# WCAG 2.2, success criterion 1.4.3: normal text needs 4.5:1 against its background.
TEXT_CONTRAST = 4.5
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` as WCAG 2.2 defines it."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def checked_primary_colour(colour: str, *, setting: str = "INSTITUTION_PRIMARY_COLOUR") -> str:
    """``colour`` if white text on it is readable (4.5:1); otherwise the site must not
    start, since the header would fail WCAG 1.4.3 on every page."""
    if not _HEX.fullmatch(colour):
        raise ImproperlyConfigured(
            f"{setting} must be a colour written #rrggbb (six hexadecimal digits), not {colour!r}."
        )
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio < TEXT_CONTRAST:
        raise ImproperlyConfigured(
            f"{setting}={colour} gives white text a contrast of {ratio:.2f}:1; "
            f"it needs at least {TEXT_CONTRAST}:1 (WCAG 2.2, 1.4.3). Choose a darker colour."
        )
    return colour.lower()
