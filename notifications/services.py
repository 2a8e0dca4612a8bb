"""Writes to the outbox, and the dispatcher that empties it exactly once.

Sending protocol:
1. ``notification_enqueue`` stores a row in the caller's transaction; after commit, a
   row that is already due is handed to a worker at once.
2. ``notification_claim_due`` (run by beat every minute) marks due rows ``sending``
   under ``FOR UPDATE SKIP LOCKED``, so two dispatchers never hand out the same row,
   and re-claims rows a dead worker left in ``sending``.
3. ``notification_send`` locks its row for the length of the SMTP conversation and
   sends only if the row is still waiting; a duplicate task finds it locked or sent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import timezone

from .enqueue import enqueue_without_waiting
from .models import Notification, OptOut

logger = logging.getLogger(__name__)

WAITING = (Notification.Status.PENDING, Notification.Status.SENDING)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


@dataclass
class RenderedEmail:
    subject: str
    body_text: str
    body_html: str = ""
    attachments: list[Attachment] = field(default_factory=list)


def absolute_url(path: str) -> str:
    """An absolute link for an email: SITE_URL + path."""
    return f"{settings.SITE_URL}{path}"


def _render_plain(name: str, context: dict[str, Any]) -> str:
    """Render a plain-text template without HTML escaping: a subject or a text part is
    read as typed, so "O'Brien" or "AT&T" must not become "O&#x27;Brien" or "AT&amp;T"."""
    return Engine.get_default().get_template(name).render(Context(context, autoescape=False))


def email_render(*, template: str, context: dict[str, Any]) -> RenderedEmail:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` as plain text (never
    HTML-escaped) and ``<template>.html`` escaped."""
    subject = _render_plain(f"{template}_subject.txt", context).strip()
    subject = " ".join(subject.split())
    return RenderedEmail(
        subject=subject,
        body_text=_render_plain(f"{template}.txt", context),
        body_html=render_to_string(f"{template}.html", context),
    )


def _dispatch_after_commit(notification_id: int) -> None:
    """After commit, hand the row to a worker at once if the broker answers at once; if
    not, the request does not wait: beat's dispatcher picks the row up."""
    from .tasks import send_notification

    transaction.on_commit(lambda: enqueue_without_waiting(send_notification, notification_id))


def notification_enqueue(
    *,
    to_email: str,
    kind: str,
    email: RenderedEmail,
    dedupe_key: str,
    recipient_id: int | None = None,
    subject_key: str = "",
    due_at: datetime | None = None,
    expires_at: datetime | None = None,
    category: str = "",
    headers: dict[str, str] | None = None,
    sensitive: bool = False,
) -> Notification | None:
    """Store one email. Returns None when a row with this ``dedupe_key`` exists already,
    or when the recipient has switched off this optional ``category``.

    ``sensitive`` marks an email that carries a secret (a sign-in link or code): admin
    never shows its text, nobody can send it again, and the text is erased once the
    row is sent or given up on."""
    now = timezone.now()
    due_at = due_at or now
    if (
        category
        and recipient_id
        and OptOut.objects.filter(user_id=recipient_id, category=category).exists()
    ):
        return None
    notification, created = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "recipient_id": recipient_id,
            "to_email": to_email,
            "kind": kind,
            "subject_key": subject_key,
            "subject": email.subject[:255],
            "body_text": email.body_text,
            "body_html": email.body_html,
            "attachments": [a.__dict__ for a in email.attachments],
            "headers": headers or {},
            "due_at": due_at,
            "expires_at": expires_at,
            "category": category,
            "sensitive": sensitive,
        },
    )
    if not created:
        return None
    if due_at <= now:
        _dispatch_after_commit(notification.pk)
    return notification


def notification_void_pending(
    *, subject_key: str | None = None, recipient_id: int | None = None, kinds: Iterable[str] = ()
) -> int:
    """Void waiting rows of one object or one person (a cancelled interview, a deleted user)."""
    rows = Notification.objects.filter(status__in=WAITING)
    if subject_key is not None:
        rows = rows.filter(subject_key=subject_key)
    if recipient_id is not None:
        rows = rows.filter(recipient_id=recipient_id)
    kinds = list(kinds)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return rows.update(status=Notification.Status.VOID)


@transaction.atomic
def notification_claim_due(*, now: datetime, limit: int | None = None) -> list[int]:
    """Mark due rows ``sending`` and return their ids; each id goes to exactly one caller."""
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_RECLAIM_AFTER_SECONDS)
    ids = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(due_at__lte=now)
        .filter(
            Q(status=Notification.Status.PENDING)
            | Q(status=Notification.Status.SENDING, claimed_at__lt=stale)
        )
        .order_by("due_at", "id")
        .values_list("id", flat=True)[: limit or settings.NOTIFICATIONS_BATCH_SIZE]
    )
    if ids:
        Notification.objects.filter(id__in=ids).update(
            status=Notification.Status.SENDING, claimed_at=now
        )
    return ids


def _build_message(notification: Notification, connection: Any) -> EmailMultiAlternatives:
    headers = {"Message-ID": notification.message_id, **notification.headers}
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to_email],
        headers=headers,
        connection=connection,
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    for attachment in notification.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


ERASED = "[erased once sent: it carried a sign-in link or code]"


def _erase(notification: Notification) -> list[str]:
    """A secret's text leaves the outbox once the row is done (sent or given up on);
    returns the fields to save with it."""
    if not notification.sensitive or notification.status in WAITING:
        return []
    notification.body_text, notification.body_html, notification.attachments = ERASED, "", []
    return ["body_text", "body_html", "attachments"]


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 240))


def notification_send(*, notification_id: int, connection: Any = None) -> bool:
    """Send one row if it is still waiting and due. Returns True when this call sent it.

    The row stays locked while the SMTP server is spoken to, so a duplicate task skips
    it; if this worker dies, the lock goes with its connection and the row waits again.
    """
    now = timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status__in=WAITING, due_at__lte=now)
            .first()
        )
        if notification is None:  # sent, voided, moved, or being sent by another worker
            return False
        if notification.expires_at and now > notification.expires_at:
            notification.status = Notification.Status.VOID
            notification.last_error = "Not sent: its moment had passed."
            notification.save(update_fields=["status", "last_error", *_erase(notification)])
            return False
        notification.attempts += 1
        try:
            _build_message(notification, connection or get_connection()).send()
        except Exception as error:
            gave_up = notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
            notification.status = (
                Notification.Status.FAILED if gave_up else Notification.Status.PENDING
            )
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            notification.due_at = now + _retry_delay(notification.attempts)
            notification.save(
                update_fields=["attempts", "last_error", "status", "due_at", *_erase(notification)]
            )
            logger.warning("Sending notification %s failed: %s", notification_id, error)
            return False
        notification.status = Notification.Status.SENT
        notification.sent_at = now
        notification.last_error = ""
        notification.save(
            update_fields=["attempts", "status", "sent_at", "last_error", *_erase(notification)]
        )
    return True


def notification_send_many(*, notification_ids: Iterable[int]) -> int:
    """Send several rows over one SMTP connection; returns how many this call sent."""
    connection = get_connection()
    with connection:
        return sum(
            notification_send(notification_id=i, connection=connection) for i in notification_ids
        )


SEND_CHUNK = 50


def notification_dispatch_due(*, now: datetime) -> int:
    """Claim every due row and hand the ids to workers in chunks; returns how many."""
    from .tasks import send_notifications

    claimed = 0
    while ids := notification_claim_due(now=now):
        claimed += len(ids)
        for start in range(0, len(ids), SEND_CHUNK):
            send_notifications.delay(ids[start : start + SEND_CHUNK])
        if len(ids) < settings.NOTIFICATIONS_BATCH_SIZE:
            break
    return claimed


@transaction.atomic
def notification_opt_outs_set(*, user_id: int, categories: Iterable[str]) -> None:
    """Switch optional categories off (those listed) and on (the rest); void what is queued."""
    categories = set(categories)
    OptOut.objects.filter(user_id=user_id).exclude(category__in=categories).delete()
    OptOut.objects.bulk_create(
        [OptOut(user_id=user_id, category=c) for c in categories], ignore_conflicts=True
    )
    if categories:
        Notification.objects.filter(
            recipient_id=user_id, category__in=categories, status__in=WAITING
        ).update(status=Notification.Status.VOID)


def notification_opt_outs(*, user_id: int) -> set[str]:
    return set(OptOut.objects.filter(user_id=user_id).values_list("category", flat=True))


def notification_resend(*, notification_ids: Iterable[int]) -> int:
    """Staff: queue copies of these rows to be sent now (the originals stay as they were).

    Rows that carry a secret are never sent again: the person asks for a new link."""
    now = timezone.now()
    count = 0
    rows = Notification.objects.filter(id__in=list(notification_ids), sensitive=False)
    for original in rows:
        copy = notification_enqueue(
            to_email=original.to_email,
            kind=original.kind,
            email=RenderedEmail(
                subject=original.subject,
                body_text=original.body_text,
                body_html=original.body_html,
                attachments=[Attachment(**a) for a in original.attachments],
            ),
            dedupe_key=f"resend:{original.pk}:{now.isoformat()}",
            recipient_id=original.recipient_id,
            subject_key=original.subject_key,
            headers=original.headers,
        )
        count += copy is not None
    return count
