"""Refuse an oversized request body before anything reads it.

Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves uploaded files out, so without this a
60 MB multipart body is received and spooled to disk before the form's 5 MB résumé
check runs. The proxy in front should set the same limit (README, Production); this is
the line that holds when it does not.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

# The refusal page also says how large each kind of upload may be. Apps name their own
# limits here when they start (the students app: the résumé, as ``resume_limit``), so
# this module knows no app.
_upload_limits: dict[str, int] = {}


def upload_limit_register(name: str, max_bytes: int) -> None:
    """Show ``max_bytes`` on the 413 page as the template variable ``name``."""
    _upload_limits[name] = max_bytes


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            limits = {name: filesizeformat(size) for name, size in _upload_limits.items()}
            return render(
                request,
                "413.html",
                {
                    **limits,
                    "limit": filesizeformat(settings.REQUEST_BODY_MAX_BYTES),
                    "sent": filesizeformat(length),
                },
                status=413,
            )
        return self.get_response(request)


class CsrfCookieUnchangedMiddleware:
    """Keeps Django's ``CsrfViewMiddleware`` (listed just before this one) from sending
    the CSRF cookie again to a browser that sent it with the same secret.

    Django sets the cookie on every response whose page holds a form's token (here every
    page: the layout's language and sign-out forms), only to push its expiry a year
    (``CSRF_COOKIE_AGE``) further, at a cost of about 40 µs of this process's time a
    page. Here the cookie expires a year after its secret was first set, and the next
    page after that sets a new one; a form shown in the last moment before and sent
    after is refused once, as any form whose cookie expired. A new secret (a first
    visit, signing in: ``rotate_token``) is always sent, and so is the cookie of a view
    with its own CSRF decorator. Runs on the response before Django's middleware does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        secret = request.META.get("CSRF_COOKIE")
        if secret and request.COOKIES.get(settings.CSRF_COOKIE_NAME) == secret:
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response
