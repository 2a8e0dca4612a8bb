"""Reading an outbox row as it will be sent."""

from notifications.models import Notification
from notifications.services import notification_rendered


def rendered(row: Notification) -> Notification:
    """The row as the outbox would send it now (a copy): a row rendered when sent holds no
    text until it is sent, so what it says is rendered from current data here."""
    preview = notification_rendered(notification=row)
    assert preview is not None, f"{row.kind} to {row.to_email} would be voided, not sent"
    return preview
