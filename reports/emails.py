"""The invitation to volunteer, written when it is queued.

An invitee has no account yet, so the outbox has no recipient to render for at sending
time; and the link carries a one-time token that is stored nowhere but in the email
(the invitation keeps only its digest). So the text is written now and the row is
marked sensitive, as allauth's account emails are: admin never shows it, nobody sends it
again, and the text is erased once it is sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from notifications.services import RenderedEmail, absolute_url, email_render

from .models import AlumniInvitation

KIND = "alumni.invitation"
# Stand-ins for what differs between two invitations (control characters, which no
# name and no link holds and no template filter here changes).
NAME, LINK = "\x1ename\x1e", "\x1flink\x1f"
# The last part of the link, where each invitation's own token goes.
LINK_END = "TOKEN"


def _accept_url(token: str) -> str:
    return absolute_url(reverse("reports:invitation_accept", kwargs={"token": token}))


def invitation_email(*, invitation: AlumniInvitation, token: str) -> RenderedEmail:
    with translation.override(settings.LANGUAGE_CODE):
        return email_render(
            template="emails/alumni_invitation",
            context={
                "invitation": invitation,
                "accept_url": _accept_url(token),
                "valid_days": settings.ALUMNI_INVITATION_VALID_DAYS,
                "site_name": settings.SITE_NAME,
            },
        )


def invitation_emails(
    pairs: Iterable[tuple[AlumniInvitation, str]],
) -> list[RenderedEmail]:
    """``invitation_email`` for many invitations at once, the same text: the templates are
    rendered once with stand-ins for the first name and the link, which are then filled
    in for each person (escaped in the HTML part). Rendering 20,000 emails one by one
    takes minutes; this takes a second."""
    model = AlumniInvitation(first_name=NAME)
    blank = invitation_email(invitation=model, token=LINK_END)
    blank = replace(
        blank,
        body_text=blank.body_text.replace(_accept_url(LINK_END), LINK),
        body_html=blank.body_html.replace(escape(_accept_url(LINK_END)), LINK),
    )
    link = _accept_url(LINK_END)  # reversed once: the token is its last part
    emails = []
    for invitation, token in pairs:
        name, url = invitation.first_name, link.replace(LINK_END, token)
        emails.append(
            RenderedEmail(
                subject=blank.subject.replace(NAME, name),
                body_text=blank.body_text.replace(NAME, name).replace(LINK, url),
                body_html=blank.body_html.replace(NAME, escape(name)).replace(LINK, escape(url)),
            )
        )
    return emails
