"""The outbox's part of "Download my data": the emails sent or due to this person.

A row still to be rendered when sent has no subject or body yet; its ``params`` (words
typed for it, such as a reason) are what it holds."""

from __future__ import annotations

from typing import Any

from core.exports import iso

from .models import Notification


def notification_data_export(*, user) -> dict[str, Any]:
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "id")
    return {
        "notifications": [
            {
                "to": n.to_email,
                "kind": n.kind,
                "subject": n.subject,
                "body": n.body_text,
                "params": n.params,
                "status": n.status,
                "due_at": iso(n.due_at),
                "sent_at": iso(n.sent_at),
            }
            for n in rows
        ]
    }
