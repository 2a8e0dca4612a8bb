import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_urlconf, reverse
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


@functools.cache
def _links(role: str, urlconf: str | None) -> tuple[tuple[dict, ...], frozenset[str]]:
    """The role's links, and every address the navigation marks as the current page;
    worked out once per process (and URL configuration)."""
    links: list[dict] = []
    marked = {reverse("home", urlconf=urlconf), reverse("guide", urlconf=urlconf)}
    for name, label in NAV_LINKS.get(role, []):
        try:
            url = reverse(name, urlconf=urlconf)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label})
        marked.add(url)
    return tuple(links), frozenset(marked)


def site(request):
    """What the layout shows: the site and institution, the reader's links, and
    ``nav_path``: the page's address when it is one the navigation marks as the current
    page, else "" (the layout's rendered navigation is kept per role, language and
    ``nav_path``, a handful of values whatever the address)."""
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else ""
    links, marked = _links(role, get_urlconf())
    path = getattr(request, "path", "")
    return {
        "SITE_NAME": settings.SITE_NAME,
        "INSTITUTION": institution(),
        "nav_links": links,
        "nav_path": path if path in marked else "",
    }
