from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction

from .models import Session, User, erased_email


def is_site_language(code: str) -> bool:
    """Whether the site is offered in ``code`` (one of LANGUAGES)."""
    return any(code == offered for offered, _name in settings.LANGUAGES)


def request_language(request) -> str:
    """The language a request's pages are in, as one of LANGUAGES: what
    ``UserLocaleMiddleware`` chose (for a visitor, the language switcher's cookie, else
    the browser's Accept-Language). A new account starts with it."""
    code = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    return code if is_site_language(code) else settings.LANGUAGE_CODE


def email_domain_is_student(email: str) -> bool:
    """True when the address is at one of STUDENT_EMAIL_DOMAINS or a subdomain of one."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return any(
        domain == allowed or domain.endswith("." + allowed)
        for allowed in settings.STUDENT_EMAIL_DOMAINS
    )


def site_sync_with_settings(*, using: str = "default", site_model: type[Site] = Site) -> Site:
    """Give the SITE_ID row SITE_URL's host and SITE_NAME; a no-op when they match.

    allauth's emails ("Hello from …") and the admin's "View on site" read this row, which
    Django creates as example.com; ``post_migrate`` calls this after every migrate.
    """
    domain = urlsplit(settings.SITE_URL).netloc
    wanted = {"domain": domain, "name": settings.SITE_NAME}
    site, created = site_model.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults=wanted
    )
    if not created and (site.domain, site.name) != (domain, settings.SITE_NAME):
        site.domain, site.name = domain, settings.SITE_NAME
        site.save(using=using, update_fields=["domain", "name"])
    Site.objects.clear_cache()
    return site


@transaction.atomic
def user_account_erase(*, user: User) -> None:
    """Keep an anonymous, inactive User row (others' records point to it) and drop the
    rest: addresses, two-factor devices, linked sign-ins, sessions (signed out in every
    browser), groups, names, password."""
    EmailAddress.objects.filter(user=user).delete()
    Session.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = erased_email(user.pk)
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save(
        update_fields=[
            "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser",
            "password",
        ]
    )  # fmt: skip
