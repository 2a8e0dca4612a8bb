"""Removing a person's name from free text stored in the database, when their account
is deleted."""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Left


class _RegexpReplace(Func):
    function = "REGEXP_REPLACE"
    output_field = models.TextField()


def redact_text_columns(rows: models.QuerySet, words: list[str], replacement: str) -> None:
    """Replace the words (whole, any case) in every free-text column of these rows: what
    either side wrote may greet or quote the person ("Hi Jordan, ...")."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    pattern = Value(rf"(^|\W)({alternatives})(?=\W|$)")
    updates: dict[str, Any] = {}
    for field in rows.model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        replaced = _RegexpReplace(F(field.name), pattern, Value(rf"\1{replacement}"), Value("gi"))
        max_length = field.max_length if isinstance(field, models.CharField) else None
        updates[field.name] = Left(replaced, max_length) if max_length else replaced
    if updates and alternatives:
        rows.update(**updates)
