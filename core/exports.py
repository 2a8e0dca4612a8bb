"""Helpers for "Download my data": values as JSON has them."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models


def iso(value) -> str | None:
    """A time as ISO 8601, or None when there is none."""
    return value.isoformat() if value else None


def _plain(value: Any) -> Any:
    """A column value as JSON has it: times and dates in ISO 8601, UUIDs as text."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def record_data(obj: models.Model, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Every concrete column of a row (a foreign key as the id it holds), so a column
    added later is exported without anyone remembering to add it here."""
    skipped = set(skip)
    return {
        field.name: _plain(field.value_from_object(obj))
        for field in obj._meta.concrete_fields
        if field.name not in skipped
    }
