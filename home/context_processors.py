from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.institution import institution

# (url name, label) per role; a link appears once its app provides the URL.
NAV_LINKS = {
    "student": [
        ("mentors:directory", _("Find mentors")),
        ("interviews:list", _("My interviews")),
        ("students:network", _("My network")),
        ("notebook:insights", _("Insights")),
        ("students:profile", _("My profile")),
    ],
    "mentor": [
        ("mentor_dashboard", _("Requests")),
        ("interviews:list", _("Interviews")),
        ("mentors:directory", _("Mentors")),
        ("mentors:edit", _("My mentor profile")),
    ],
    "staff": [
        ("mentors:directory", _("Mentors")),
    ],
}


def _links(role: str) -> list[dict]:
    links = []
    for name, label in NAV_LINKS.get(role, []):
        try:
            links.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return links


def site(request):
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else ""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "INSTITUTION": institution(),
        "nav_links": _links(role) if role else [],
    }
