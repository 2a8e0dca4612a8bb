"""The invitation to volunteer, written when it is queued.

An invitee has no account yet, so the outbox has no recipient to render for at sending
time; and the link carries a one-time token that is stored nowhere but in the email
(the invitation keeps only its digest). So the text is written now and the row is
marked sensitive, as allauth's account emails are: admin never shows it, nobody sends it
again, and the text is erased once it is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notifications.services import RenderedEmail, absolute_url, email_render

from .models import AlumniInvitation

KIND = "alumni.invitation"


def invitation_email(*, invitation: AlumniInvitation, token: str) -> RenderedEmail:
    with translation.override(settings.LANGUAGE_CODE):
        return email_render(
            template="emails/alumni_invitation",
            context={
                "invitation": invitation,
                "accept_url": absolute_url(
                    reverse("reports:invitation_accept", kwargs={"token": token})
                ),
                "valid_days": settings.ALUMNI_INVITATION_VALID_DAYS,
                "site_name": settings.SITE_NAME,
            },
        )
