"""Helpers for exports: "Download my data" (values as JSON has them) and streamed CSV
files for staff."""

from __future__ import annotations

import csv
import datetime
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone


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


# A cell a spreadsheet would run as a formula starts with one of these; such a cell is
# written with a leading apostrophe, which spreadsheets show as text (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """What csv.writer writes to: hands each line back instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: times in ISO 8601 (with their offset), no formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).replace(microsecond=0)
    value = _plain(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The lines of a CSV file, one at a time: a byte-order mark (so spreadsheets read
    UTF-8), the header, then each row as it is produced; nothing is held in memory."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(h) for h in header])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def csv_download(filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]):
    """A streamed CSV download (``StreamingHttpResponse``) of ``rows``."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CsvExportMixin(admin.ModelAdmin):
    """A "Download CSV" link on an admin changelist: the rows the list shows now (its
    filters, search and order, every page), streamed in the columns ``csv_columns``
    names: ``(heading, function of the row)``, only what staff may see."""

    csv_columns: tuple[tuple[Any, Any], ...] = ()
    change_list_template = "admin/change_list_csv.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_csv"
        export = path("export.csv", self.admin_site.admin_view(self.csv_export_view), name=name)
        return [export, *super().get_urls()]

    def csv_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        """The changelist's rows; override to fetch what the columns need in bulk."""
        return queryset

    def csv_export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            info = (self.opts.app_label, self.opts.model_name)
            return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*info)))
        rows = self.csv_queryset(changelist.queryset).iterator(chunk_size=2000)
        return csv_download(
            f"{self.opts.model_name}-{timezone.localdate():%Y-%m-%d}.csv",
            [str(heading) for heading, _get in self.csv_columns],
            ([get(obj) for _heading, get in self.csv_columns] for obj in rows),
        )
