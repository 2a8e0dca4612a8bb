"""The institution that runs the service: its name, logo, colour and contacts.

Settings hold the values (``INSTITUTION_*``, from the environment, the colour checked by
``core.contrast`` as they load); this module hands templates one object to read, whether
a page (through the context processor) or an email or a letter rendered with no request
(through ``{% institution as inst %}``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static


@dataclass(frozen=True)
class Institution:
    name: str
    short_name: str
    logo: str
    primary_colour: str
    contact_email: str
    postal_address: tuple[str, ...]
    accessibility_email: str

    @property
    def logo_url(self) -> str:
        # Looked up only where a page shows the logo: emails never do, so a worker
        # rendering one needs no static files manifest.
        return _logo_url(self.logo)


def _logo_url(logo: str) -> str:
    """A full URL or a site path stays as given; anything else is a static file."""
    if not logo or logo.startswith(("https://", "http://", "/")):
        return logo
    return static(logo)


def institution() -> Institution:
    return Institution(
        name=settings.INSTITUTION_NAME,
        short_name=settings.INSTITUTION_SHORT_NAME,
        logo=settings.INSTITUTION_LOGO,
        primary_colour=settings.INSTITUTION_PRIMARY_COLOUR,
        contact_email=settings.INSTITUTION_CONTACT_EMAIL,
        postal_address=tuple(settings.INSTITUTION_POSTAL_ADDRESS),
        accessibility_email=settings.INSTITUTION_ACCESSIBILITY_EMAIL,
    )
