from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


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
