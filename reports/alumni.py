"""Reading an alumni list (the alumni association's CSV export) into rows to preview.

A problem with the file as a whole (not CSV, empty, missing or unknown columns) is an
``AlumniFileError`` and nothing is stored. A problem with one row is listed on that row,
and the row is never imported; the other rows can be.

Each row ends in one ``state``:

- ``problem``: something is wrong with it (listed in ``problems``); not imported;
- ``account``: the address belongs to an account already; nobody is invited;
- ``invited``: invited recently (``ALUMNI_INVITATION_RESEND_DAYS``) or volunteered
  through an invitation; not invited again;
- ``again``: invited long ago and never answered; invited again;
- ``new``: invited.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentors.models import MAX_GRADUATION_YEAR, MIN_GRADUATION_YEAR
from users.models import User

from .models import AlumniInvitation

REQUIRED_COLUMNS = ("email", "first_name", "last_name")
OPTIONAL_COLUMNS = ("graduation_year", "employer", "job_title")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# Headings spreadsheets commonly use for the same columns.
ALIASES = {
    "e_mail": "email",
    "email_address": "email",
    "first": "first_name",
    "given_name": "first_name",
    "firstname": "first_name",
    "last": "last_name",
    "surname": "last_name",
    "family_name": "last_name",
    "lastname": "last_name",
    "class_year": "graduation_year",
    "class": "graduation_year",
    "year": "graduation_year",
    "company": "employer",
    "organization": "employer",
    "title": "job_title",
}
MAX_LENGTHS = {"first_name": 150, "last_name": 150, "employer": 160, "job_title": 160}
# The first bytes of files people upload by mistake: a spreadsheet (zip), a PDF, an old
# Excel file (OLE2).
NOT_CSV_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")

STATE_PROBLEM = "problem"
STATE_ACCOUNT = "account"
STATE_INVITED = "invited"
STATE_AGAIN = "again"
STATE_NEW = "new"
INVITE_STATES = (STATE_NEW, STATE_AGAIN)


class AlumniFileError(Exception):
    """The file as a whole cannot be read as an alumni list; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ParsedList:
    rows: list[dict[str, Any]]
    encoding: str


def encoding_note(encoding: str) -> str:
    """What staff should know about how a file was read: nothing for UTF-8."""
    if encoding == "utf-8":
        return ""
    return _(
        "The file was not saved as UTF-8, so it was read as %(encoding)s (what "
        "spreadsheets on Windows save). Check that names with accents look right below."
    ) % {"encoding": "Windows-1252 (Latin-1)" if encoding == "cp1252" else "Latin-1"}


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the encoding it was read with: UTF-8 (with or without a
    byte-order mark), else Windows-1252, else Latin-1 (which reads any bytes)."""
    if not data.strip():
        raise AlumniFileError(_("The file is empty."))
    if data.startswith(NOT_CSV_SIGNATURES) or b"\x00" in data[:4096]:
        raise AlumniFileError(
            _(
                "This is not a CSV file (it looks like a spreadsheet, a PDF or another "
                "binary file). In your spreadsheet, choose Save As, then CSV, and upload that."
            )
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("Latin-1 decodes any bytes")  # pragma: no cover


def _heading(raw: str) -> str:
    key = "_".join(raw.strip().lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def _columns(header: list[str]) -> list[str]:
    names = [_heading(h) for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    # Shortened: the first line of a file that is not a list at all can be a paragraph.
    unknown = [
        Truncator(raw.strip()).chars(40) or _("(a column without a name)")
        for raw, n in zip(header, names, strict=True)
        if n not in COLUMNS
    ]
    repeated = sorted({n for n in names if names.count(n) > 1 and n in COLUMNS})
    expected = _("The first line must name the columns %(required)s, and may add %(optional)s.") % {
        "required": ", ".join(REQUIRED_COLUMNS),
        "optional": ", ".join(OPTIONAL_COLUMNS),
    }
    problems = []
    if missing:
        problems.append(_("The file lacks the columns: %(names)s.") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(
            _("The file has columns this import does not know: %(names)s. Remove them.")
            % {"names": ", ".join(unknown)}
        )
    if repeated:
        problems.append(
            _("These columns appear twice: %(names)s.") % {"names": ", ".join(repeated)}
        )
    if problems:
        raise AlumniFileError(" ".join([*problems, expected]))
    return names


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _row_problems(row: dict[str, Any]) -> list[str]:
    problems = []
    try:
        validate_email(row["email"])
    except ValidationError:
        problems.append(_("“%(value)s” is not an email address.") % {"value": row["email"]})
    for name in ("first_name", "last_name"):
        if not row[name]:
            problems.append(_("The %(column)s is empty.") % {"column": name})
    for name, limit in MAX_LENGTHS.items():
        if len(row.get(name, "")) > limit:
            problems.append(
                _("The %(column)s is longer than %(limit)d characters.")
                % {"column": name, "limit": limit}
            )
    year = row.get("graduation_year", "")
    if year and (not year.isdigit() or not MIN_GRADUATION_YEAR <= int(year) <= MAX_GRADUATION_YEAR):
        problems.append(
            _("The graduation_year “%(value)s” is not a year from %(low)d to %(high)d.")
            % {"value": year, "low": MIN_GRADUATION_YEAR, "high": MAX_GRADUATION_YEAR}
        )
    return problems


def parse(data: bytes) -> ParsedList:
    """Every row of the file with its problems; raises ``AlumniFileError`` for a file
    that is not an alumni list. Repeated addresses are a problem on every repeat."""
    text, encoding = decode(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise AlumniFileError(_("The file is empty."))
        names = _columns(header)
        rows: list[dict[str, Any]] = []
        first_line_of: dict[str, int] = {}
        for values in reader:
            if not any(v.strip() for v in values):
                continue  # a blank line
            line = reader.line_num
            row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
            row.update({n: v.strip() for n, v in zip(names, values, strict=False)})
            row["email"] = row["email"].lower()
            row["line"] = line
            problems = _row_problems(row)
            if len(values) != len(names):
                problems.insert(
                    0,
                    _("It has %(found)d values where the first line names %(columns)d columns.")
                    % {"found": len(values), "columns": len(names)},
                )
            if not problems and row["email"] in first_line_of:
                problems.append(
                    _("The same address is on line %(line)d already.")
                    % {"line": first_line_of[row["email"]]}
                )
            elif not problems:
                first_line_of[row["email"]] = line
            row["problems"] = problems
            rows.append(row)
    except csv.Error as error:
        raise AlumniFileError(
            _("The file cannot be read as CSV (%(error)s). Save it as CSV again and upload that.")
            % {"error": error}
        ) from error
    if not rows:
        raise AlumniFileError(_("The file names its columns but has no rows."))
    classify(rows)
    return ParsedList(rows=rows, encoding=encoding)


def classify(rows: Iterable[dict[str, Any]], *, now: datetime.datetime | None = None) -> None:
    """Set each row's ``state`` from its problems and what the database knows of its
    address now: two queries, whatever the number of rows."""
    rows = list(rows)
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.ALUMNI_INVITATION_RESEND_DAYS
    )
    emails = [r["email"] for r in rows if not r["problems"]]
    accounts = set(
        User.objects.annotate(lower=Lower("email"))
        .filter(lower__in=emails)
        .values_list("lower", flat=True)
    )
    invitations = {
        email: (sent_at, accepted_at)
        for email, sent_at, accepted_at in AlumniInvitation.objects.annotate(lower=Lower("email"))
        .filter(lower__in=emails)
        .values_list("lower", "sent_at", "accepted_at")
    }
    for row in rows:
        invitation = invitations.get(row["email"])
        if row["problems"]:
            row["state"] = STATE_PROBLEM
        elif row["email"] in accounts:
            row["state"] = STATE_ACCOUNT
        elif invitation is not None and (invitation[1] is not None or invitation[0] >= cutoff):
            row["state"] = STATE_INVITED
        elif invitation is not None:
            row["state"] = STATE_AGAIN
        else:
            row["state"] = STATE_NEW


STATE_LABELS = {
    STATE_PROBLEM: gettext_lazy("Not imported: see the problems"),
    STATE_ACCOUNT: gettext_lazy("Has an account already: not invited"),
    STATE_INVITED: gettext_lazy("Invited recently: not invited again"),
    STATE_AGAIN: gettext_lazy("Invited long ago without an answer: invited again"),
    STATE_NEW: gettext_lazy("New: invited"),
}
