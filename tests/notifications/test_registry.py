"""Emails rendered when they are sent, by the renderer an app registered for their kind."""

from collections.abc import Iterator

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from notifications import registry
from notifications.erasure import notification_erase_recipient, notification_redact
from notifications.exports import notification_data_export
from notifications.models import Notification
from notifications.services import (
    RenderedEmail,
    notification_claim_due,
    notification_enqueue,
    notification_resend,
    notification_send,
)
from tests.factories import StudentUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def renderers() -> Iterator[None]:
    """Renderers a test registers are gone after it."""
    saved = dict(registry._renderers)
    yield
    registry._renderers.clear()
    registry._renderers.update(saved)


def as_read_now(row: Notification) -> RenderedEmail:
    """A renderer that writes what it reads at sending time."""
    reader = row.recipient
    assert reader is not None
    moment = timezone.localtime(row.due_at).strftime("%H:%M %Z")
    return RenderedEmail(
        subject=f"For {reader.first_name}: {row.params['topic']}",
        body_text=f"Due {moment} ({timezone.get_current_timezone_name()}), "
        f"in {translation.get_language()}.",
        body_html=f"<p>{row.params['topic']}</p>",
    )


def queue(person, *, kind="test.render", key="r1", params=None, **extra) -> Notification:
    with transaction.atomic():
        row = notification_enqueue(
            to_email=person.email,
            kind=kind,
            params={"topic": "Your reminder"} if params is None else params,
            dedupe_key=key,
            recipient_id=person.pk,
            subject_key="thing:1",
            due_at=timezone.now() + timezone.timedelta(hours=1),
            **extra,
        )
    assert row is not None
    return row


def send(row: Notification) -> Notification:
    Notification.objects.filter(pk=row.pk).update(due_at=timezone.now())
    notification_send(notification_id=row.pk)
    row.refresh_from_db()
    return row


def test_a_row_is_rendered_when_sent_with_the_readers_current_address_name_and_zone(
    renderers, settings
):
    registry.register("test.", as_read_now)
    person = StudentUserFactory(
        first_name="Ana", email="ana@example.edu", time_zone="America/New_York"
    )
    row = queue(person)
    assert (row.subject, row.body_text, row.render_on_send) == ("", "", True)  # nothing yet
    person.first_name, person.email, person.time_zone = "Anna", "anna@example.org", "Asia/Tokyo"
    person.language = "es"
    person.save(update_fields=["first_name", "email", "time_zone", "language"])

    row = send(row)

    [sent] = mail.outbox
    assert sent.to == ["anna@example.org"]
    assert sent.subject == "For Anna: Your reminder"
    assert "JST (Asia/Tokyo), in es." in sent.body
    # The log keeps what went out, and where.
    assert row.status == Notification.Status.SENT
    assert (row.to_email, row.subject, row.body_text) == (
        "anna@example.org",
        sent.subject,
        sent.body,
    )
    assert row.body_html == "<p>Your reminder</p>"


def test_a_renderer_returning_none_voids_the_row(renderers):
    registry.register("test.gone", lambda row: None)
    row = send(queue(StudentUserFactory(), kind="test.gone"))
    assert mail.outbox == []
    assert row.status == Notification.Status.VOID
    assert "no longer applies" in row.last_error


def test_a_kind_nobody_registered_fails_once_with_a_clear_error(renderers):
    row = send(queue(StudentUserFactory(), kind="test.unknown"))
    assert mail.outbox == []
    assert row.status == Notification.Status.FAILED
    assert row.last_error == (
        "Not sent: No renderer is registered for emails of kind 'test.unknown'."
    )
    assert row.attempts == 1
    # Given up on, not tried again and again.
    assert notification_claim_due(now=timezone.now() + timezone.timedelta(days=1)) == []


def test_a_renderer_that_breaks_counts_an_attempt_and_is_tried_again_later(renderers):
    def broken(row: Notification) -> RenderedEmail:
        raise RuntimeError("template missing")

    registry.register("test.", broken)
    row = send(queue(StudentUserFactory()))
    assert mail.outbox == []
    assert row.status == Notification.Status.PENDING
    assert row.last_error == "RuntimeError: template missing"
    assert row.due_at > timezone.now()  # backed off
    registry.register("test.", as_read_now)
    assert send(row).status == Notification.Status.SENT


def test_the_most_precise_registration_renders_a_kind(renderers):
    registry.register("test.", lambda row: None)
    registry.register("test.render", as_read_now)
    registry.register("test.render.", lambda row: None)
    assert registry.renderer_for("test.render") is as_read_now
    assert registry.renderer_for("test.other") is not as_read_now
    with pytest.raises(registry.NoRenderer):
        registry.renderer_for("other.render")


def test_a_resent_row_is_rendered_again_from_current_data(renderers):
    registry.register("test.", as_read_now)
    person = StudentUserFactory(first_name="Ana", email="ana@example.edu")
    original = send(queue(person))
    person.first_name, person.email = "Anna", "anna@example.org"
    person.save(update_fields=["first_name", "email"])
    mail.outbox.clear()

    assert notification_resend(notification_ids=[original.pk]) == 1

    [again] = mail.outbox
    assert again.to == ["anna@example.org"]
    assert again.subject == "For Anna: Your reminder"
    copy = Notification.objects.exclude(pk=original.pk).get()
    assert copy.params == {"topic": "Your reminder"} and copy.render_on_send
    original.refresh_from_db()
    assert (original.to_email, original.subject) == ("ana@example.edu", "For Ana: Your reminder")


def test_a_sensitive_row_rendered_when_sent_keeps_no_text_once_sent(renderers):
    registry.register("test.", as_read_now)
    row = send(queue(StudentUserFactory(), sensitive=True))
    assert len(mail.outbox) == 1
    assert row.status == Notification.Status.SENT
    assert "Your reminder" not in row.body_text + row.body_html


def test_a_row_rendered_when_sent_needs_a_recipient():
    with pytest.raises(ValueError, match="needs a recipient"):
        notification_enqueue(to_email="a@example.edu", kind="test.render", dedupe_key="x")


def test_erasing_a_person_empties_the_parameters_of_their_rows(renderers):
    person = StudentUserFactory(email="zed@example.edu")
    row = queue(person, params={"topic": "Zephyrine's question"})
    notification_erase_recipient(
        recipient_id=person.pk, addresses=[person.email], replacement_email="gone@invalid"
    )
    row.refresh_from_db()
    assert (row.status, row.params, row.to_email) == ("void", {}, "gone@invalid")


def test_redacting_a_name_reaches_the_parameters_of_rows_still_to_render(renderers):
    registry.register("test.", as_read_now)
    reader = StudentUserFactory(first_name="Ana")
    row = queue(reader, params={"topic": "Zephyrine moved it", "why": ["Ask Zephyrine"]})
    assert (
        notification_redact(
            terms=["Zephyrine"], replacement="[name removed]", kinds=["test.render"]
        )
        == 1
    )
    row.refresh_from_db()
    assert row.params == {"topic": "[name removed] moved it", "why": ["Ask [name removed]"]}
    assert row.status == Notification.Status.PENDING  # still goes to the reader
    assert send(row).subject == "For Ana: [name removed] moved it"


def test_my_data_holds_the_parameters_of_a_row_still_to_render():
    person = StudentUserFactory()
    queue(person, params={"reason": "My exam moved to that morning."})
    [row] = notification_data_export(user=person)["notifications"]
    assert (row["subject"], row["status"]) == ("", "pending")
    assert row["params"] == {"reason": "My exam moved to that morning."}
