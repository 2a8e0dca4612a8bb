"""Erasing a person from the outbox: rows to them are blanked, rows about them redacted."""

import pytest

from notifications.erasure import notification_erase_recipient, notification_redact
from notifications.models import Notification
from notifications.services import Attachment, RenderedEmail, notification_enqueue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queue(*, to, key, subject_key="thing:1", text="", html="", attachments=()):
    return notification_enqueue(
        to_email=to.email if hasattr(to, "email") else to,
        recipient_id=getattr(to, "pk", None),
        kind="test.kind",
        email=RenderedEmail(
            subject=text.splitlines()[0] if text else "Hello",
            body_text=text,
            body_html=html,
            attachments=list(attachments),
        ),
        dedupe_key=key,
        subject_key=subject_key,
    )


def test_rows_to_the_person_are_voided_and_blanked_by_account_or_address():
    person = UserFactory(first_name="Jordan")
    pending = queue(to=person, key="a", text="Dear Jordan,\nsee you")
    before_account = queue(to="old.address@example.edu", key="b", text="Dear Jordan")
    someone_else = queue(to=UserFactory(), key="c", text="Dear Sam")

    erased = notification_erase_recipient(
        recipient_id=person.pk,
        addresses=["OLD.address@example.edu"],
        replacement_email="deleted-1@invalid.example",
    )

    assert erased == 2
    for row in (pending, before_account):
        row.refresh_from_db()
        assert row.status == Notification.Status.VOID
        assert (row.to_email, row.subject, row.body_text) == ("deleted-1@invalid.example", "", "")
    someone_else.refresh_from_db()
    assert someone_else.status == Notification.Status.PENDING
    assert someone_else.body_text == "Dear Sam"


def test_rows_to_others_lose_the_name_in_every_form_but_keep_their_readers_own_name():
    reader = UserFactory(first_name="Jordan", last_name="Avery")
    long_name = "Jordan Quillfeather-Montgomery"
    ics = (
        "BEGIN:VCALENDAR\r\nSUMMARY:Informational interview: "
        + long_name
        + " and Jordan Avery for thirty minutes\r\nEND:VCALENDAR"
    )
    # A calendar line is folded at 75 octets, here in the middle of the name.
    folded = ics.replace("Quillfeather-Mont", "Quillfeather-Mont\r\n ", 1)
    row = queue(
        to=reader,
        key="x",
        text=f"Dear Jordan,\n{long_name} (jq@example.edu) asks for a conversation.",
        html=f"<p>Dear Jordan,</p><p>{long_name} and O&#x27;Quill</p>",
        attachments=[Attachment("invite.ics", folded, "text/calendar; method=REQUEST")],
    )
    elsewhere = queue(to=UserFactory(), key="y", subject_key="thing:2", text=long_name)

    changed = notification_redact(
        terms=[long_name, "Quillfeather-Montgomery", "Jordan", "jq@example.edu", "O'Quill"],
        replacement="[name removed]",
        subject_keys=["thing:1"],
    )

    assert changed == 1
    row.refresh_from_db()
    assert row.body_text == "Dear Jordan,\n[name removed] ([name removed]) asks for a conversation."
    assert row.body_html == "<p>Dear Jordan,</p><p>[name removed] and [name removed]</p>"
    content = row.attachments[0]["content"]
    assert "Quillfeather" not in content.replace("\r\n ", "")
    assert "SUMMARY:Informational interview: [name removed] and Jordan Avery" in content.replace(
        "\r\n ", ""
    )
    assert all(len(line.encode()) <= 75 for line in content.split("\r\n"))
    elsewhere.refresh_from_db()
    assert elsewhere.body_text == long_name  # not about the person's objects: untouched
