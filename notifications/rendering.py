"""What an email is made of, and how a template pair becomes one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template import Context, Engine
from django.template.loader import render_to_string


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
    # Where a reply goes, when not to the site's own address (a student's thank-you:
    # the mentor's answer reaches the student directly).
    reply_to: list[str] = field(default_factory=list)


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
