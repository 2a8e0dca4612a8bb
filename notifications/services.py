"""Writes to the outbox, and the dispatcher that empties it.

Sending protocol:
1. ``notification_enqueue`` stores a row in the caller's transaction; after commit, a
   row that is already due is handed to a worker at once. Most rows store what to
   render (kind, subject_key, recipient, params), not text: they are rendered when
   sent (``notifications.registry``), and the text that went out is stored then.
2. ``notification_claim_due`` (run by beat every minute) marks due rows ``sending``
   under ``FOR UPDATE SKIP LOCKED``, so two dispatchers never hand out the same row.
3. ``notification_send_many`` takes each row's advisory lock in its own database
   session (a duplicate task finds it taken and skips the row), then per row: commits
   the attempt, talks to the SMTP server with no transaction open, and records the
   result in one statement the moment the server has accepted.

What is promised: no email is lost. An email is sent twice only when the worker dies,
or loses its database connection, between the SMTP server accepting it and the
statement that records it; every copy carries the row's fixed Message-ID, so mail
systems can drop it. A worker that dies mid-send takes its session and so its locks
with it: the dispatcher's next run hands its rows out again. The email it was talking
to the server about is then sent again (a duplicate only if the server had already
accepted it), and the attempt stays counted, so an email that kills its worker every
time is given up after ``NOTIFICATIONS_MAX_ATTEMPTS``. A worker that loses its database
connection after the server accepted retries the record for five minutes; the email is
sent twice only if the row is handed out again first. A row handed out whose task
never started (lost with the broker, or with a worker killed between receiving it and
locking its rows) is handed out again after ``NOTIFICATIONS_RECLAIM_AFTER_SECONDS``.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db import connection as db_connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from . import registry
from .enqueue import enqueue_without_waiting
from .models import Notification, OptOut
from .rendering import Attachment, RenderedEmail, absolute_url, email_render

__all__ = [  # what the apps build emails with, from where they always did
    "Attachment",
    "RenderedEmail",
    "absolute_url",
    "email_render",
]

logger = logging.getLogger(__name__)

WAITING = (Notification.Status.PENDING, Notification.Status.SENDING)
# The header a rendered email's ``reply_to`` is kept under on its row (``headers``).
REPLY_TO = "Reply-To"


def _dispatch_after_commit(notification_id: int) -> None:
    """After commit, hand the row to a worker at once if the broker answers at once; if
    not, the request does not wait: beat's dispatcher picks the row up."""
    from .tasks import send_notification

    transaction.on_commit(lambda: enqueue_without_waiting(send_notification, notification_id))


def notification_enqueue(
    *,
    to_email: str,
    kind: str,
    dedupe_key: str,
    email: RenderedEmail | None = None,
    params: dict[str, Any] | None = None,
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

    Without ``email``, the row is rendered when it is sent, by the renderer registered
    for ``kind``, from ``params`` and current data, to the recipient's address then
    (``to_email`` is where it would go now). With ``email``, that text is sent as is.

    ``sensitive`` marks an email that carries a secret (a sign-in link or code): admin
    never shows its text, nobody can send it again, and the text is erased once the
    row is sent or given up on."""
    if email is None and recipient_id is None:
        raise ValueError("An email rendered when it is sent needs a recipient.")
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
            **_stored_text(email),
            "render_on_send": email is None,
            "params": params or {},
            "headers": {**(headers or {}), **_reply_to_header(email)},
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


def _reply_to_header(email: RenderedEmail | None) -> dict[str, str]:
    return {REPLY_TO: ", ".join(email.reply_to)} if email is not None and email.reply_to else {}


def notifications_enqueue_written(
    *,
    emails: Iterable[tuple[str, RenderedEmail]],
    kind: str,
    dedupe_prefix: str,
    subject_keys: Iterable[str],
    sensitive: bool = False,
) -> int:
    """Store many emails whose text is already written, in one INSERT per thousand rows,
    for people who may have no account (``(to_email, email)`` pairs, each with its
    ``subject_key``; the dedupe key is ``dedupe_prefix`` + the subject key). A row whose
    key exists is skipped. They are due now but not handed to workers one by one:
    ``notifications_dispatch_soon`` after the commit starts the dispatcher once, which
    sends them in batches. Returns how many rows were given."""
    now = timezone.now()
    rows = [
        Notification(
            to_email=to_email,
            kind=kind,
            subject_key=subject_key,
            dedupe_key=f"{dedupe_prefix}{subject_key}",
            **_stored_text(email),
            due_at=now,
            sensitive=sensitive,
        )
        for (to_email, email), subject_key in zip(emails, subject_keys, strict=True)
    ]
    Notification.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def notifications_dispatch_soon() -> None:
    """After commit, start the dispatcher at once (if the broker answers at once; else
    beat starts it within a minute)."""
    from .tasks import dispatch_due_notifications

    transaction.on_commit(lambda: enqueue_without_waiting(dispatch_due_notifications))


def _stored_text(email: RenderedEmail | None) -> dict[str, Any]:
    if email is None:
        return {}
    return {
        "subject": email.subject[:255],
        "body_text": email.body_text,
        "body_html": email.body_html,
        "attachments": [a.__dict__ for a in email.attachments],
    }


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


# Session-level advisory locks (LOCK_NAMESPACE, id mod 2**31) say which rows a live
# sender holds. PostgreSQL drops them with the connection, so a killed worker's rows come
# free at once. Two rows 2**31 ids apart share a key and only wait for each other.
LOCK_NAMESPACE = 2828


def _sender_alive() -> RawSQL:
    """True while some database session holds the row's advisory lock."""
    return RawSQL(
        "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
        " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND l.classid = %s::int::oid AND l.objsubid = 2"
        ' AND l.objid = ("notifications_notification"."id" %% 2147483648)::int::oid)',
        (LOCK_NAMESPACE,),
        output_field=BooleanField(),
    )


@transaction.atomic
def notification_claim_due(*, now: datetime, limit: int | None = None) -> list[int]:
    """Mark due rows ``sending`` and return their ids; each id goes to exactly one caller.

    Also taken back: a row a sender had started on whose advisory lock is gone (its
    worker died or lost its database connection), at once; and a row handed out but never
    started (its task lost) after ``NOTIFICATIONS_RECLAIM_AFTER_SECONDS``.
    """
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_RECLAIM_AFTER_SECONDS)
    sending = Notification.Status.SENDING
    ids = list(
        Notification.objects.select_for_update(skip_locked=True)
        .alias(sender_alive=_sender_alive())
        .filter(due_at__lte=now)
        .filter(
            Q(status=Notification.Status.PENDING)
            | Q(status=sending, claimed_by="", claimed_at__lt=stale)
            | (Q(status=sending, sender_alive=False) & ~Q(claimed_by=""))
        )
        .order_by("due_at", "id")
        .values_list("id", flat=True)[: limit or settings.NOTIFICATIONS_BATCH_SIZE]
    )
    if ids:
        Notification.objects.filter(id__in=ids).update(
            status=sending, claimed_at=now, claimed_by=""
        )
    return ids


def _build_message(notification: Notification, connection: Any) -> EmailMultiAlternatives:
    headers = {"Message-ID": notification.message_id, **notification.headers}
    reply_to = headers.pop(REPLY_TO, "")
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to_email],
        reply_to=[address for address in reply_to.split(", ") if address],
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


def _lock_rows(ids: list[int]) -> list[int]:
    """Take the advisory lock of each row no live sender holds; returns those taken."""
    with db_connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, pg_try_advisory_lock(%s, (id %% 2147483648)::int)"
            " FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(id, n) ORDER BY n",
            [LOCK_NAMESPACE, ids],
        )
        return [pk for pk, locked in cursor.fetchall() if locked]


def _unlock_rows(ids: list[int], session: Any) -> None:
    if db_connection.connection is not session:  # reconnected: the locks went with it
        return
    # A broken session holds no locks any more; its error is the one worth raising.
    with suppress(DatabaseError), db_connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_unlock(%s, (id %% 2147483648)::int) FROM unnest(%s::bigint[]) id",
            [LOCK_NAMESPACE, ids],
        )


def _sender_name() -> str:
    return f"{socket.gethostname()} pid {os.getpid()} {threading.current_thread().name}"[:200]


def _start_attempt(notification_id: int) -> Notification | None:
    """Count one attempt and commit it before the SMTP server is spoken to, so an email
    that kills its worker every time stops after ``NOTIFICATIONS_MAX_ATTEMPTS``."""
    now = timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, status__in=WAITING, due_at__lte=now)
            .first()
        )
        if notification is None:  # sent, voided or moved meanwhile
            return None
        if notification.expires_at and now > notification.expires_at:
            notification.status = Notification.Status.VOID
            notification.last_error = "Not sent: its moment had passed."
        elif notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            notification.status = Notification.Status.FAILED
            notification.last_error = (
                f"Given up after {notification.attempts} attempts that each ended with "
                "the sending worker gone."
            )
        else:
            notification.attempts += 1
            notification.save(update_fields=["attempts"])
            return notification
        notification.claimed_by = ""
        notification.save(
            update_fields=["status", "last_error", "claimed_by", *_erase(notification)]
        )
    return None


def _finished_text(notification: Notification) -> dict[str, Any]:
    """What a row that is done keeps of its text, for a one-statement update."""
    return {name: getattr(notification, name) for name in _erase(notification)}


# What rendering a row at sending time fills in, and the log keeps once it is sent.
RENDERED_FIELDS = ("to_email", "subject", "body_text", "body_html", "attachments", "headers")


def _fill(notification: Notification, email: RenderedEmail) -> None:
    recipient = notification.recipient
    assert recipient is not None  # registry.render renders nothing without one
    notification.to_email = recipient.email
    notification.subject = " ".join(email.subject.split())[:255]
    notification.body_text = email.body_text
    notification.body_html = email.body_html
    notification.attachments = [a.__dict__ for a in email.attachments]
    # A new dict: a preview (``notification_rendered``) is a shallow copy of the row.
    headers = {k: v for k, v in notification.headers.items() if k != REPLY_TO}
    if email.reply_to:
        headers[REPLY_TO] = ", ".join(email.reply_to)
    notification.headers = headers


def _sent_text(notification: Notification) -> dict[str, Any]:
    """What a sent row keeps: what went out, if it was rendered now (less a secret)."""
    rendered = notification.render_on_send
    kept = {name: getattr(notification, name) for name in RENDERED_FIELDS} if rendered else {}
    return {**kept, **_finished_text(notification)}


def _give_up(notification: Notification, *, status: str, reason: str) -> None:
    notification.status = status
    Notification.objects.filter(pk=notification.pk).update(
        status=status, last_error=reason, claimed_by="", **_finished_text(notification)
    )


def _render_now(notification: Notification) -> bool:
    """Render a row that is rendered when sent, in place; False when it is not to be sent:
    voided (it no longer makes sense) or failed (no renderer, so trying again is futile).
    Any other error counts as a failed attempt, tried again later like an SMTP error."""
    if not notification.render_on_send:
        return True
    try:
        email = registry.render(notification)
    except registry.NoRenderer as error:
        _give_up(notification, status=Notification.Status.FAILED, reason=f"Not sent: {error}")
        return False
    except Exception as error:
        _record_failure(notification, error)
        return False
    if email is None:
        _give_up(
            notification,
            status=Notification.Status.VOID,
            reason="Not sent: what it was about is gone, or it no longer applies.",
        )
        return False
    _fill(notification, email)
    return True


def notification_rendered(*, notification: Notification) -> Notification | None:
    """The row as it would be sent now (a copy, not saved), or None if it would be voided.

    A row waiting to be rendered when sent is rendered from current data; any other row
    is returned as it is. Raises ``registry.NoRenderer`` for a kind nobody registered."""
    if not notification.render_on_send or notification.status not in WAITING:
        return notification
    email = registry.render(notification)
    if email is None:
        return None
    preview = copy.copy(notification)
    _fill(preview, email)
    return preview


def _record_failure(notification: Notification, error: Exception) -> None:
    gave_up = notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    notification.status = Notification.Status.FAILED if gave_up else Notification.Status.PENDING
    Notification.objects.filter(pk=notification.pk).update(
        status=notification.status,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        due_at=timezone.now() + _retry_delay(notification.attempts),
        claimed_by="",
        **_finished_text(notification),
    )
    logger.warning("Sending notification %s failed: %s", notification.pk, error)


RECORD_SENT_RETRY_SECONDS = 300


def _record_sent(notification: Notification) -> None:
    """Mark the row sent in one statement of its own, retried through a dropped database
    connection for a while: a row left ``sending`` is sent again."""
    notification.status = Notification.Status.SENT
    sent_at = timezone.now()
    deadline = time.monotonic() + RECORD_SENT_RETRY_SECONDS
    while True:
        try:
            Notification.objects.filter(pk=notification.pk).update(
                status=notification.status, sent_at=sent_at, last_error="", claimed_by="",
                **_sent_text(notification),
            )  # fmt: skip
            return
        except (OperationalError, InterfaceError) as error:
            if db_connection.in_atomic_block or time.monotonic() > deadline:
                raise
            logger.warning("Recording notification %s as sent: %s", notification.pk, error)
            db_connection.close()
            time.sleep(1)


def _send_locked(ids: list[int], session: Any) -> int:
    """Send rows whose locks this session holds, one at a time: commit the attempt,
    render the row if it is rendered when sent, talk to the SMTP server with no
    transaction open, record the result (and what went out) at once."""
    smtp = get_connection()
    sent = 0
    try:
        for notification_id in ids:
            if db_connection.connection is not session:  # the locks are gone: stop here
                break
            notification = _start_attempt(notification_id)
            if notification is None or not _render_now(notification):
                continue
            try:
                smtp.open()  # once; again after a failure closed it
                _build_message(notification, smtp).send()
            except Exception as error:
                smtp.close()
                _record_failure(notification, error)
                continue
            _record_sent(notification)
            sent += 1
    finally:
        smtp.close()
    return sent


def notification_send_many(*, notification_ids: Iterable[int]) -> int:
    """Send these rows if they are still waiting and due, over one SMTP connection;
    returns how many this call sent.

    The row's advisory lock, not the broker, says who sends: a duplicate task finds the
    rows locked or sent. The lock lives in this worker's database session, so when the
    worker dies the rows it held are handed out again at the dispatcher's next run.
    """
    ids = list(dict.fromkeys(notification_ids))
    if not ids:
        return 0
    locked = _lock_rows(ids)
    if not locked:
        return 0
    session = db_connection.connection
    try:
        claimed = Notification.objects.filter(
            pk__in=locked, status__in=WAITING, due_at__lte=timezone.now()
        ).update(
            status=Notification.Status.SENDING, claimed_at=timezone.now(), claimed_by=_sender_name()
        )
        return _send_locked(locked, session) if claimed else 0
    finally:
        _unlock_rows(locked, session)


def notification_send(*, notification_id: int) -> bool:
    """Send one row if it is still waiting and due. Returns True when this call sent it."""
    return notification_send_many(notification_ids=[notification_id]) == 1


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


def _resend_one(original: Notification, now: datetime) -> bool:
    if original.render_on_send:
        if original.recipient is None:  # the account is gone: nobody to render it for
            return False
        to_email, email = original.recipient.email, None
    else:
        to_email = original.to_email
        email = RenderedEmail(
            subject=original.subject,
            body_text=original.body_text,
            body_html=original.body_html,
            attachments=[Attachment(**a) for a in original.attachments],
        )
    queued = notification_enqueue(
        to_email=to_email,
        kind=original.kind,
        email=email,
        params=original.params,
        dedupe_key=f"resend:{original.pk}:{now.isoformat()}",
        recipient_id=original.recipient_id,
        subject_key=original.subject_key,
        headers=original.headers,
    )
    return queued is not None


def notification_resend(*, notification_ids: Iterable[int]) -> int:
    """Staff: queue copies of these rows to be sent now (the originals stay as they were).

    A copy of a row rendered when sent is rendered again, from current data, to the
    person's current address; other rows are sent again as stored. Rows that carry a
    secret are never sent again: the person asks for a new link."""
    now = timezone.now()
    rows = Notification.objects.filter(
        id__in=list(notification_ids), sensitive=False
    ).select_related("recipient")
    return sum(_resend_one(original, now) for original in rows)
