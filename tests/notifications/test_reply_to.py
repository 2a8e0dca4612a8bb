"""Reply-To: an email may ask for replies to go to someone other than the site."""

from collections.abc import Iterator

import pytest
from django.core import mail

from notifications import registry
from notifications.models import Notification
from notifications.services import (
    RenderedEmail,
    notification_enqueue,
    notification_rendered,
    notification_send,
)
from tests.factories import StudentUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renderers() -> Iterator[None]:
    saved = dict(registry._renderers)
    yield
    registry._renderers.clear()
    registry._renderers.update(saved)


def test_a_stored_email_keeps_its_reply_to():
    person = StudentUserFactory()
    row = notification_enqueue(
        to_email=person.email,
        kind="test.stored",
        dedupe_key="stored-reply-to",
        email=RenderedEmail(subject="Hi", body_text="Hello", reply_to=["ada@example.edu"]),
    )
    assert row is not None
    mail.outbox.clear()
    assert notification_send(notification_id=row.pk)
    (message,) = mail.outbox
    assert message.reply_to == ["ada@example.edu"]


def test_a_rendered_email_sets_or_drops_reply_to_each_time_it_is_rendered(renderers):
    person = StudentUserFactory()
    answers = {"reply_to": ["first@example.edu"]}
    registry.register(
        "test.reply", lambda row: RenderedEmail(subject="Hi", body_text="Hello", **answers)
    )
    row = notification_enqueue(
        to_email=person.email,
        kind="test.reply",
        dedupe_key="rendered-reply-to",
        recipient_id=person.pk,
    )
    assert row is not None
    row = Notification.objects.get(pk=row.pk)
    preview = notification_rendered(notification=row)
    assert preview is not None and preview.headers["Reply-To"] == "first@example.edu"
    assert row.headers == {}  # a preview changes nothing on the row
    answers["reply_to"] = []
    again = notification_rendered(notification=preview)
    assert again is not None and "Reply-To" not in again.headers
