"""allauth hooks: every account email goes through the outbox."""

import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.services import RenderedEmail, notification_enqueue

from .models import User
from .second_factor import signed_in_recently


def _student_domains() -> str:
    return ", ".join("@" + d for d in settings.STUDENT_EMAIL_DOMAINS)


def student_email_refusal(email_address: EmailAddress, *, action: str) -> str | None:
    """Why a student may not make this address primary (``action="primary"``) or remove it
    (``"remove"``), or None. A student's main address stays at a university domain, as at
    sign-up (STUDENT_EMAIL_DOMAINS): the student role rests on it."""
    from .services import email_domain_is_student

    user = email_address.user
    if not user.is_student:
        return None
    at_university = email_domain_is_student(email_address.email)
    if action == "primary" and not at_university:
        return _(
            "The main address of a student account must be a university address "
            "(%(domains)s). You can keep %(email)s as an extra address."
        ) % {"domains": _student_domains(), "email": email_address.email}
    if action == "remove" and at_university:
        others = EmailAddress.objects.filter(user=user).exclude(pk=email_address.pk)
        if not any(email_domain_is_student(other.email) for other in others):
            return _(
                "%(email)s is your only university address (%(domains)s), and a student "
                "account needs one. Add another university address before you remove it."
            ) % {"domains": _student_domains(), "email": email_address.email}
    return None


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A sign-in within the last few minutes counts as recent, as a password typed again
        would: someone who has just signed in sets up two-factor without a second prompt."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not signed_in_recently(allauth_context.request)

    def can_delete_email(self, email_address: EmailAddress) -> bool:
        # Every removal allauth offers asks here, so the rule holds whichever page asks.
        if email_address.pk and student_email_refusal(email_address, action="remove"):
            return False
        return super().can_delete_email(email_address)

    def send_mail(self, template_prefix, email, context):
        # allauth's own send_mail adds these before rendering (its templates greet with
        # current_site.name and quote the address); only the sending differs here.
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        user = User.objects.filter(email__iexact=email).only("id", "language").first()
        # Written in the account's language, whoever's browser asked for it (a visitor
        # may request a reset for anyone's address); a new address reads the page's.
        with translation.override(user.language if user else translation.get_language()):
            message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        if message.content_subtype == "html":  # allauth sent HTML only
            html, text = message.body, ""
        else:
            text = message.body
        kind = "account." + template_prefix.rsplit("/", 1)[-1]
        # allauth renders its emails now, with one-time tokens made for this request, so
        # they are stored rendered (the outbox sends their text as is, no renderer) and
        # marked sensitive: erased once sent, never shown in admin nor sent again.
        # Each allauth email is unique by content and moment: a second "resend" is wanted.
        digest = hashlib.sha256(f"{email}|{message.subject}|{message.body}".encode()).hexdigest()
        notification_enqueue(
            to_email=email,
            kind=kind,
            email=RenderedEmail(subject=message.subject, body_text=text, body_html=html),
            dedupe_key=f"{kind}:{digest[:32]}:{timezone.now().timestamp()}",
            recipient_id=user.id if user else None,
            subject_key=f"user:{user.id}" if user else "",
            # Any account email may carry a link or code that signs someone in.
            sensitive=True,
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """University single sign-on creates student accounts; the domain rule still applies."""

    def is_open_for_signup(self, request, sociallogin):
        from .services import email_domain_is_student

        email = sociallogin.user.email or ""
        return bool(email) and email_domain_is_student(email)

    def populate_user(self, request, sociallogin, data):
        """A student who arrives by single sign-on starts in their browser's language,
        as one who signs up with a password does."""
        from .services import request_language

        user = super().populate_user(request, sociallogin, data)
        user.language = request_language(request)
        return user
