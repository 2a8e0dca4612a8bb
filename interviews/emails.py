"""Interview emails, rendered when the outbox sends them.

``notify`` and ``reminders`` queue a row per email: its kind, the interview
(``subject_key``), the reader (the recipient) and the few ``params`` the database does
not hold. Each kind's wording is a builder registered here with ``message_for``; at
sending time ``render`` (registered with the outbox in ``InterviewsConfig.ready``) reads
the interview as it is then and renders the builder's message in the reader's time zone
(naming the other person's zone when it differs), from one template pair.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from notifications.models import Notification
from notifications.registry import NoRenderer
from notifications.services import (
    RenderedEmail,
    absolute_url,
    email_render,
    notification_enqueue,
)
from users.models import User

from .display import mentor_name, student_name
from .ics import PUBLISH, REQUEST, interview_ics_attachment
from .models import Interview


@dataclass
class Message:
    subject: str
    lines: list[str]
    show_time: bool = False
    # How to meet (format and details) without the time: details added before a time is.
    show_details: bool = False
    show_request: bool = False
    action_label: str = ""
    action_url: str = ""
    # Append the meeting's date, in the reader's zone, to the subject.
    subject_with_date: bool = False
    # The body is the student's request as they previewed it (the same template).
    letter: bool = False


@dataclass(frozen=True)
class Reading:
    """What a message is built from when it is sent: the interview as it is now, its
    reader, the row's parameters, and when the row was due (what "today" means in it)."""

    interview: Interview
    reader: User
    params: dict[str, Any]
    due_at: datetime.datetime

    @property
    def to_student(self) -> bool:
        return self.reader.pk == self.interview.student_id

    def moment(self, name: str) -> datetime.datetime | None:
        value = self.params.get(name)
        return datetime.datetime.fromisoformat(value) if value else None

    def person(self, name: str) -> User | None:
        pk = self.params.get(name)
        return User.objects.filter(pk=int(pk)).first() if pk is not None else None


Builder = Callable[[Reading], Message | None]

_builders: dict[str, Builder] = {}


def message_for(kind: str) -> Callable[[Builder], Builder]:
    """Register the builder of one kind's message; it returns None when the email no
    longer makes sense (the row is then voided)."""

    def decorator(builder: Builder) -> Builder:
        _builders[kind] = builder
        return builder

    return decorator


def moment(value: datetime.datetime | None) -> str | None:
    """A time as a parameter (JSON holds no datetimes)."""
    return value.isoformat() if value is not None else None


def queue(
    interview: Interview,
    *,
    kind: str,
    to: User,
    params: dict[str, Any] | None = None,
    ics_method: str | None = None,
    event: str = "",
    due_at: datetime.datetime | None = None,
    expires_at: datetime.datetime | None = None,
    category: str = "",
) -> None:
    """Queue one email of ``kind`` about ``interview`` to ``to``, rendered when sent."""
    if to.is_erased:  # the account was deleted: nobody reads that address
        return
    notification_enqueue(
        to_email=to.email,
        kind=kind,
        params={**(params or {}), **({"ics": ics_method} if ics_method else {})},
        # One email per event and reader: a repeated event has a new `event` part.
        dedupe_key=f"{kind}:{interview.pk}:{to.pk}:{event or interview.sequence}",
        recipient_id=to.pk,
        subject_key=interview.subject_key,
        due_at=due_at,
        expires_at=expires_at,
        category=category,
    )


def _interview(subject_key: str) -> Interview | None:
    pk = Interview.pk_from_subject_key(subject_key)
    if pk is None:
        return None
    return (
        Interview.objects.select_related("mentor__user", "student", "suggested_mentor")
        .filter(pk=pk)
        .first()
    )


def render(row: Notification) -> RenderedEmail | None:
    """The outbox's renderer for interview emails: None when the interview or its reader
    is gone, or the message no longer applies."""
    builder = _builders.get(row.kind)
    if builder is None:
        raise NoRenderer(f"No interview email is written for kind {row.kind!r}.")
    interview, reader = _interview(row.subject_key), row.recipient
    if interview is None or reader is None or reader.is_erased:
        return None
    message = builder(Reading(interview, reader, row.params, row.due_at))
    if message is None:
        return None
    return render_message(
        interview,
        to=reader,
        message=message,
        ics_method=row.params.get("ics"),
        optional=bool(row.category),
    )


def render_message(
    interview: Interview,
    *,
    to: User,
    message: Message,
    ics_method: str | None = None,
    optional: bool = False,
) -> RenderedEmail:
    to_student = to.pk == interview.student_id
    other = interview.mentor.user if to_student else interview.student
    with timezone.override(to.tzinfo):
        letter = _request_letter(interview) if message.letter else ""
        email = email_render(
            template="emails/interview",
            context={
                "letter_html": mark_safe(letter),  # noqa: S308 -- rendered, escaped above
                "letter_text": html_to_text(letter),
                "interview": interview,
                "reader": to,
                "to_student": to_student,
                "other": other,
                "other_name": mentor_name(interview.mentor) if to_student else student_name(other),
                "other_time_zone": other.time_zone if other.time_zone != to.time_zone else "",
                "message": message,
                "site_name": settings.SITE_NAME,
                "interview_url": absolute_url(interview.get_absolute_url()),
                "settings_url": absolute_url(reverse("user_settings")) if optional else "",
                "proposals": (
                    list(
                        interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at")
                    )
                    if message.show_request
                    else []
                ),
            },
        )
    if ics_method == REQUEST and not to_student:
        # The mentor organizes the event: their own copy is published, not an invitation
        # to reply to (RFC 5546); the student, the attendee, gets the REQUEST.
        ics_method = PUBLISH
    if ics_method:
        email.attachments.append(interview_ics_attachment(interview, method=ics_method))
    return email


def _request_letter(interview: Interview) -> str:
    """The request as the student previewed it ("Read it once more as the mentor will"),
    rendered from the preview's own template, in the active (the mentor's) zone."""
    return render_to_string(
        "interviews/includes/request_email.html",
        {
            "interview": interview,
            "mentor": interview.mentor,
            "profile": getattr(interview.student, "student_profile", None),
            "windows": list(
                interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at")
            ),
        },
    )


def html_to_text(fragment: str) -> str:
    """The plain-text part of an HTML fragment: paragraphs and list items on their own
    lines, tags gone, entities read back."""
    text = re.sub(r"<br\s*/?>", "\n", fragment)
    text = re.sub(r"<li[^>]*>", "\n• ", text)
    text = re.sub(r"</(p|ul|ol|div|h[1-6])>", "\n\n", text)
    text = html.unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
