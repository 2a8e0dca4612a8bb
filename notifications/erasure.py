"""Erasing a person from the outbox, when their account is deleted.

A sent row keeps the text that went out, and a row queued with its text (an account
email) keeps that text, so a name or an address lives on there: in the emails sent to
the person, and in emails to others that speak of them (a mentor's "new request from
Jordan"). A row waiting to be rendered when sent holds no text, only ``params`` (which
may quote words the person typed); it is rendered from current data, where the person
no longer has a name. The outbox knows no domain: callers say which objects
(``subject_key``) and kinds of email may mention the person, and by what words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.html import escape

from .models import Notification
from .services import WAITING

# Lines of a calendar attachment are folded at 75 octets (RFC 5545, 3.1); a name may
# straddle a fold, so the text is unfolded before it is searched and folded again after.
_ICS_FOLD = re.compile(r"\r?\n[ \t]")


@transaction.atomic
def notification_erase_recipient(
    *, recipient_id: int, addresses: Iterable[str], replacement_email: str
) -> int:
    """Blank every row addressed to one person, by account or by any of their addresses.

    Waiting rows are voided (nothing more goes to them); the address becomes
    ``replacement_email`` and subject, bodies, attachments, headers, parameters and the
    last error (a mail server may quote the address) are emptied. The rows stay, so the log still
    counts what was sent. Returns how many rows were blanked.
    """
    by_address = Q()
    for address in {a.strip().lower() for a in addresses if a.strip()}:
        by_address |= Q(to_email__iexact=address)
    rows = Notification.objects.filter(Q(recipient_id=recipient_id) | by_address)
    rows.filter(status__in=WAITING).update(status=Notification.Status.VOID)
    return rows.update(
        to_email=replacement_email,
        subject="",
        body_text="",
        body_html="",
        attachments=[],
        headers={},
        params={},
        last_error="",
    )


def _replace(text: str, patterns: list[re.Pattern[str]], replacement: str) -> str:
    for pattern in patterns:
        text = pattern.sub(replacement, text)
    return text


def _patterns(terms: Iterable[str], *, html: bool = False) -> list[re.Pattern[str]]:
    # Longest first, so "Jordan Lee" goes as one before "Jordan" and "Lee" alone.
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if html:
        words = sorted({escape(w) for w in words} | set(words), key=len, reverse=True)
    return [re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)", re.IGNORECASE) for w in words]


def _fold(line: str, limit: int = 75) -> str:
    """One calendar content line, folded at ``limit`` octets without splitting a character."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = " "  # a continuation line starts with one space
        current += char
    parts.append(current)
    return "\r\n".join(parts)


def _redact_attachment(attachment: dict[str, Any], terms: list[str], replacement: str) -> dict:
    content = attachment.get("content")
    if not isinstance(content, str):
        return attachment
    calendar = str(attachment.get("mimetype", "")).startswith("text/calendar")
    if calendar:
        content = _ICS_FOLD.sub("", content)
    content = _replace(content, _patterns(terms), replacement)
    if calendar:
        content = "\r\n".join(_fold(line) for line in content.split("\r\n"))
    return {**attachment, "content": content}


def _redact_value(value: Any, patterns: list[re.Pattern[str]], replacement: str) -> Any:
    """A parameter with every string in it redacted (lists and objects walked through)."""
    if isinstance(value, str):
        return _replace(value, patterns, replacement)
    if isinstance(value, list):
        return [_redact_value(v, patterns, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v, patterns, replacement) for k, v in value.items()}
    return value


def _terms_for(row: Notification, terms: list[str]) -> list[str]:
    """The words to remove from one row, less the reader's own names: an email to a
    mentor who shares the departing person's first name still greets them by it."""
    reader = row.recipient
    own = {(reader.first_name or "").lower(), (reader.last_name or "").lower()} if reader else set()
    return [t for t in terms if t.lower() not in own]


@transaction.atomic
def notification_redact(
    *,
    terms: Iterable[str],
    replacement: str,
    subject_keys: Iterable[str] = (),
    kinds: Iterable[str] = (),
) -> int:
    """Replace each of ``terms`` (whole words, any case, also HTML-escaped) with
    ``replacement`` in the rows about ``subject_keys`` or of ``kinds`` that contain one.

    Pending rows stay pending: the other person still gets the email, without the name
    (words kept in a row's ``params`` are replaced too). Returns how many rows changed.
    """
    words = [t.strip() for t in terms if t and t.strip()]
    if not words:
        return 0
    mentions = Q()
    for word in words:
        for column in ("subject", "body_text", "body_html", "attachments", "headers", "params"):
            mentions |= Q(**{f"{column}__icontains": word})
    # Every row about the objects (a calendar line may fold a name in two, out of reach of
    # a search); of the kinds, only those that mention the person.
    scope = Q(subject_key__in=list(subject_keys)) | (Q(kind__in=list(kinds)) & mentions)
    rows = Notification.objects.select_for_update(of=("self",)).select_related("recipient")
    changed = 0
    for row in rows.filter(scope):
        row_terms = _terms_for(row, words)
        plain, html = _patterns(row_terms), _patterns(row_terms, html=True)
        row.subject = _replace(row.subject, plain, replacement)[:255]
        row.body_text = _replace(row.body_text, plain, replacement)
        row.body_html = _replace(row.body_html, html, replacement)
        row.attachments = [_redact_attachment(a, row_terms, replacement) for a in row.attachments]
        row.headers = {k: _replace(str(v), plain, replacement) for k, v in row.headers.items()}
        row.params = _redact_value(row.params, plain, replacement)
        row.save(
            update_fields=["subject", "body_text", "body_html", "attachments", "headers", "params"]
        )
        changed += 1
    return changed
