"""Fail when words meant for people are not marked for translation.

``make lint`` runs this over the templates and the project's Python. It reports:

- in templates (``.html`` and the emails' ``.txt``): text a reader sees, and the
  ``alt``, ``title``, ``placeholder``, ``aria-label`` and ``aria-description`` attributes,
  that contain a word outside ``{% translate %}`` / ``{% blocktranslate %}``;
- in Python: a plain or f-string literal passed where Django shows it to people (a flash
  message, a ``ValidationError``, ``add_error``, a field's ``label``/``help_text``/
  ``verbose_name``/``empty_label``/``error_messages``, ``@admin.display(description=)``, a
  ``choices`` label) instead of through ``gettext`` and friends; and a model field with
  no translated name (admin would label it with its attribute name).

It is a check of where strings go, not of every string: a literal that reaches people
some other way (say, returned by a helper and printed) is not seen, which is why the
Spanish rendering tests read whole pages. A line ends with ``i18n: ignore`` (in a
``{# #}`` comment in templates, a ``#`` comment in Python) to exempt what is not words:
codes, brand names, sample data.

Usage: ``python scripts/check_translations.py [paths...]`` (defaults: ``templates`` and
the apps). Exits 1 when something is reported.
"""

from __future__ import annotations

import ast
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "careercenter",
    "core",
    "home",
    "interviews",
    "mentors",
    "notebook",
    "notifications",
    "reports",
    "students",
    "users",
]
# Django's template syntax, as django.template.base.tag_re splits it.
TAG = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})", re.DOTALL)
WORD = re.compile(r"[A-Za-z]{2,}")
IGNORE = "i18n: ignore"
SEEN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
# Text that is not a sentence in any language: units, symbols people read the same way.
NOT_WORDS = re.compile(r"^(?:[\W\d_]|&\w+;)*$")


def _words(text: str) -> bool:
    return bool(WORD.search(text)) and not NOT_WORDS.match(text)


class _Reader(HTMLParser):
    """Collects (line, text) of what a reader sees in one template's HTML."""

    SKIPPED = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skipping += 1
        line = self.getpos()[0]
        for name, value in attrs:
            if name in SEEN_ATTRIBUTES and value:
                self._check(line, value)

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            line = self.getpos()[0]
            self._check(line, data)

    def _check(self, line: int, text: str) -> None:
        for offset, piece in _pieces(text):
            if _words(piece):
                self.found.append((line + offset, piece))


def _pieces(text: str):
    """The runs of literal text between template tags (marked by NUL), with the line
    each starts on relative to ``text``."""
    offset = 0
    for piece in text.split("\0"):
        stripped = piece.strip()
        if stripped:
            offset_in = piece[: len(piece) - len(piece.lstrip())].count("\n")
            yield offset + offset_in, " ".join(stripped.split())
        offset += piece.count("\n")


def _literal_text(source: str) -> str:
    """The template with every tag, and every block of translated or commented text,
    replaced by NUL (newlines kept, so line numbers hold)."""
    out: list[str] = []
    skipping: str | None = None
    for part in TAG.split(source):
        is_tag = bool(TAG.fullmatch(part))
        if not is_tag and skipping is None:
            out.append(part)
            continue
        out.append("\0" + "\n" * part.count("\n"))
        if not is_tag:
            continue
        body = part[2:-2].strip()
        name = body.split(" ", 1)[0] if body else ""
        if skipping is None and name in {"blocktranslate", "blocktrans", "comment", "verbatim"}:
            skipping = {"blocktrans": "endblocktrans", "blocktranslate": "endblocktranslate"}.get(
                name, "end" + name
            )
        elif skipping is not None and name == skipping:
            skipping = None
    return "".join(out)


def check_template(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    ignored = {n for n, line in enumerate(source.splitlines(), 1) if IGNORE in line}
    text = _literal_text(source)
    if path.suffix == ".html":
        reader = _Reader()
        # Spaces round each tag keep markup that template tags run into (<fieldset{% if
        # %} ...>, <{% if %}a{% else %}button{% endif %} ...>) readable as markup.
        reader.feed(text.replace("<\0", "<tag\0").replace("\0", " \0 "))
        reader.close()
        found = reader.found
    else:
        found = [(1 + offset, piece) for offset, piece in _pieces(text) if _words(piece)]
    return [(line, piece) for line, piece in found if line not in ignored]


TRANSLATING = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
    "mark_safe",  # only ever wraps translated or built HTML here; its argument is checked
}
MESSAGE_FUNCTIONS = {"success", "info", "warning", "error", "debug", "add_message"}
SHOWN_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "description",
    "empty_value_display",
}
CHOICE_BASES = {"TextChoices", "IntegerChoices", "Choices"}
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
# Columns no form or admin page shows.
UNLABELLED_FIELDS = {"GeneratedField"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_plain_text(node: ast.AST) -> bool:
    """A literal someone would read: a str constant with a word, or an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(v, ast.Constant) and isinstance(v.value, str) and _words(v.value)
            for v in node.values
        )
    return False


class _PythonReader(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def _flag(self, node: ast.AST) -> None:
        if _is_plain_text(node):
            self.found.append((node.lineno, ast.unparse(node)))

    def visit_Call(self, node: ast.Call) -> None:
        called = _name(node.func)
        if called in TRANSLATING:
            return  # what is inside is translated (or built from translated parts)
        self._check_shown_arguments(node, called)
        for keyword in node.keywords:
            self._check_keyword(keyword)
        self.generic_visit(node)

    def _check_shown_arguments(self, node: ast.Call, called: str) -> None:
        """messages.success(request, "..."), ValidationError("..."), add_error(f, "...")."""
        on_messages = isinstance(node.func, ast.Attribute) and _name(node.func.value) == "messages"
        if called in MESSAGE_FUNCTIONS and on_messages:
            message_at = 2 if called == "add_message" else 1
            if len(node.args) > message_at:
                self._flag(node.args[message_at])
        if called == "ValidationError" and node.args:
            self._flag(node.args[0])
        if called == "add_error" and len(node.args) > 1:
            self._flag(node.args[1])

    def _check_keyword(self, keyword: ast.keyword) -> None:
        if keyword.arg in SHOWN_KEYWORDS:
            self._flag(keyword.value)
        elif keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
            for value in keyword.value.values:
                self._flag(value)
        elif keyword.arg == "choices" and isinstance(keyword.value, ast.List | ast.Tuple):
            for choice in keyword.value.elts:
                if isinstance(choice, ast.Tuple) and len(choice.elts) == 2:
                    self._flag(choice.elts[1])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if any(_name(base) in CHOICE_BASES for base in node.bases):
            for statement in node.body:
                value = statement.value if isinstance(statement, ast.Assign) else None
                if isinstance(value, ast.Tuple) and len(value.elts) >= 2:
                    self._flag(value.elts[-1])
        for statement in node.body:
            self._check_model_field(statement)
            # class Meta: verbose_name = "..."; admin: short_description = "..."
            if isinstance(statement, ast.Assign) and any(
                _name(t) in SHOWN_KEYWORDS | {"short_description"} for t in statement.targets
            ):
                self._flag(statement.value)
        self.generic_visit(node)

    def _check_model_field(self, statement: ast.stmt) -> None:
        """A model field with no translated name: admin labels it with its attribute name,
        in English ("created at")."""
        if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)):
            return
        call, target = statement.value, statement.targets[0]
        kind = _name(call.func)
        if _name(target) == "output_field":  # an expression's type, not a column
            return
        if not isinstance(call.func, ast.Attribute) or _name(call.func.value) != "models":
            return
        if kind in UNLABELLED_FIELDS or not (kind.endswith("Field") or kind in RELATIONS):
            return
        if any(k.arg == "verbose_name" for k in call.keywords):
            return
        first = call.args[0] if call.args and kind not in RELATIONS else None
        if isinstance(first, ast.Call) and _name(first.func) in TRANSLATING:
            return
        self.found.append((statement.lineno, f"{_name(target)}: a field with no verbose name"))


def check_python(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    reader = _PythonReader()
    reader.visit(ast.parse(source, filename=str(path)))
    return [(n, text) for n, text in reader.found if IGNORE not in lines[n - 1]]


def _files(paths: list[Path]):
    for path in paths:
        if path.is_file():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            parts = set(child.relative_to(path).parts)
            if parts & {"migrations", "tests", "__pycache__"}:
                continue
            if child.suffix in {".html", ".txt", ".py"}:
                yield child


def check(paths: list[Path]) -> list[str]:
    problems = []
    for path in _files(paths):
        if path.suffix == ".py":
            found = check_python(path)
        elif path.suffix in {".html", ".txt"}:
            found = check_template(path)
        else:
            continue
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        problems += [
            f"{shown}:{line}: not marked for translation: {text!r}" for line, text in found
        ]
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or [ROOT / "templates"] + [ROOT / a for a in APPS]
    problems = check(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} string(s) not marked for translation.", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
