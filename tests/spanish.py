"""Finding English in what a Spanish reader is shown.

What people typed (a mentor's bio, a student's notes) stays in the language they wrote it
in; everything else must be Spanish. So the text of a page or an email is read without
its scripts and styles, what people typed is taken out of it (every text value of this
project's rows, except the rows the project translates itself: the question bank and the
career fields), and what is left must hold no English function word ("the", "your",
"with"...) that Spanish never uses. A short allow-list covers proper names.

``spanish_in`` is the same check the other way round, for what an English reader is sent
(say, the email to an English-speaking mentor about a Spanish-speaking student's request).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.db import models

# Common English words that are not Spanish words (so "a", "no", "me", "con" are not here).
_ENGLISH_WORDS = """the and your you with for this that are is of to will can from have has what when
    who how we our be by at or an it its which their they about than would should these
    those been was were please there here into does did not only all more any each after
    before until new now yet still could must already being other them then while where
    whose why just also very"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
# Capitalized, these are names people have (Will) or words at a sentence's start.
SENTENCE_STARTS = {word.capitalize() for word in ENGLISH} - {"Will", "Case"}
# Common Spanish words that are not English words, for the reverse check.
_SPANISH_WORDS = """usted su sus le les para que una los las del por con está están sobre
    solicitud conversación gracias estimado estimada también cuando hasta desde puede
    según nuestro nuestra entrevista correo"""
SPANISH = frozenset(_SPANISH_WORDS.split())
SPANISH_STARTS = {word.capitalize() for word in SPANISH}
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Links, email addresses and codes are not sentences ("/thank-you/", "reminder.thank_you").
ADDRESS = re.compile(r"(?:https?://|/)\S*|\S+@\S+|\S*_\S*")
# Proper names that hold such words.
ALLOWED = [
    settings.SITE_NAME,
    settings.INSTITUTION_NAME,
    "Web Content Accessibility Guidelines",
    # Time zones by their tz database names.
    "Port of Spain",
    "Isle of Man",
]
TYPED_APPS = {"users", "mentors", "students", "interviews", "notebook", "reports"}
# Rows no person typed: those the project translates itself, and the search's word stems
# (derived from the profiles, and no text of a page: "de" is a stem of Spanish too).
UNTYPED_MODELS = {
    ("notebook", "bankquestion"),
    ("mentors", "careerfield"),
    ("mentors", "mentorsearchterm"),
}


class _Text(HTMLParser):
    """The words of an HTML page a person reads or hears: its text, and the ``alt``,
    ``title``, ``placeholder``, ``aria-label`` and ``value`` of buttons. What a form holds
    for editing (a textarea's text, an input's value) is data, not the page's words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "textarea"}:
            self._skipping += 1
        shown = dict(attrs)
        for name in ("alt", "title", "placeholder", "aria-label"):
            if shown.get(name):
                self.parts.append(shown[name])
        if tag == "input" and shown.get("type") in {"submit", "button"} and shown.get("value"):
            self.parts.append(shown["value"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "textarea"} and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def _flat(text: str) -> str:
    return " ".join(text.split())


def page_text(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    reader.close()
    return " | ".join(_flat(part) for part in reader.parts if part.strip())


def typed_values() -> list[str]:
    """Every text people typed into this project's rows, longest first."""
    values: set[str] = set()
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in TYPED_APPS or (meta.app_label, meta.model_name) in UNTYPED_MODELS:
            continue
        names = [
            f.name
            for f in meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not names:
            continue
        for row in model.objects.values_list(*names):
            values.update(_flat(v) for v in row if isinstance(v, str) and len(v.strip()) > 1)
    return sorted(values, key=len, reverse=True)


def _lines_with(text: str, words: AbstractSet[str], *, typed: list[str]) -> list[str]:
    """The lines of ``text`` (split at "|" and line ends) that still hold one of ``words``
    once what people typed and the allowed names are taken out."""
    for value in [*typed, *ALLOWED]:
        if value:
            text = text.replace(value, " ")
    text = ADDRESS.sub(" ", text)
    found = []
    for fragment in re.split(r"[|\n]", text):
        if any(w in words for w in WORD.findall(fragment)):
            found.append(_flat(fragment))
    return found


def english_in(text: str, *, typed: list[str]) -> list[str]:
    """The lines of ``text`` (split at "|" and line ends) that still hold an English word once what
    people typed and the allowed names are taken out."""
    return _lines_with(text, ENGLISH | SENTENCE_STARTS, typed=typed)


def spanish_in(text: str, *, typed: list[str]) -> list[str]:
    """The same for Spanish words, in what an English reader is sent."""
    return _lines_with(text, SPANISH | SPANISH_STARTS, typed=typed)


def listing(found: dict[str, list[str]]) -> str:
    """What was found, one line per place and fragment, for a failing assertion."""
    return "\n".join(
        f"{place}: {fragment[:200]}" for place, fragments in found.items() for fragment in fragments
    )
