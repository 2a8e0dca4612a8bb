"""A translated column read in the reader's language where django-modeltranslation does
not do it: through another model's query, in an ordering, or in raw SQL.

modeltranslation turns ``name`` into ``name_es`` only in queries made by the translated
model's own manager (``CareerField.objects``), and there without the fallback to English
that reading ``career_field.name`` has. ``Localized("careerfield__name")`` in a query on
another model, and ``localized_sql("f", "name")`` in SQL, give what the attribute gives:
the active language's value, or the default language's where a row has none (NULL or
empty).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Expression, F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.deconstruct import deconstructible
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


def _languages() -> list[str]:
    """The active language, then its fallbacks, as modeltranslation reads them."""
    return list(resolution_order(get_language()))


@deconstructible(path="core.localized.Localized")
class Localized(Expression):
    """``lookup`` (a translated text field, or a path to one: ``"careerfield__name"``) in
    the active language, else in the fallback languages.

    The language is the one active when the query runs, not when it is built, so the
    expression can stand in a model's ``Meta.ordering`` or a form's class-level queryset.
    """

    def __init__(self, lookup: str) -> None:
        super().__init__()
        self.lookup = lookup

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.lookup!r})"

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        *path, name = self.lookup.split("__")
        # Text: modeltranslation makes a field class per column, which Django will not
        # take as one type.
        columns = [
            NullIf(
                F("__".join([*path, build_localized_fieldname(name, language)])),
                Value(""),
                output_field=TextField(),
            )
            for language in _languages()
        ]
        chosen = Coalesce(*columns, output_field=TextField()) if len(columns) > 1 else columns[0]
        return chosen.resolve_expression(query, allow_joins, reuse, summarize, for_save)


def localized_sql(table_alias: str, name: str) -> str:
    """``Localized`` for raw SQL: the column ``name`` of the table aliased ``table_alias``,
    as a SQL expression. Names only, never input: the caller controls both."""
    quote = connection.ops.quote_name
    columns = [
        f"NULLIF({table_alias}.{quote(build_localized_fieldname(name, language))}, '')"
        for language in _languages()
    ]
    return f"COALESCE({', '.join(columns)})" if len(columns) > 1 else columns[0]
