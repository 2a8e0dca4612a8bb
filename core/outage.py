"""The page shown when the database does not answer: 503 "We'll be back shortly".

Django turns any uncaught error into a call of ``handler500`` from inside its ``except``
block (``django.core.handlers.exception``), so ``sys.exc_info()`` there names the error.
A database that refuses or drops connections raises ``OperationalError`` or
``InterfaceError``; for those the answer is 503 with ``Retry-After`` (a passing outage,
not a bug), rendered from a template that needs no database, no session and no user.
Every other error keeps Django's own 500 page.

Either page is in the reader's language when it was chosen before the error
(``users.middleware.UserLocaleMiddleware``, once the user is read). When it was not (the
error came sooner, as when reading the user fails because the database does not answer),
it is in the language the browser asks for: the language switcher's cookie, else its
Accept-Language, as for a visitor.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views import defaults

RETRY_AFTER_SECONDS = 60


def database_unavailable() -> HttpResponse:
    # No request: context processors would read the session and the user.
    body = loader.render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language_from_request(
        request
    )
    with translation.override(language):
        if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
            response = database_unavailable()
        else:
            response = defaults.server_error(request)
    patch_vary_headers(response, ("Accept-Language",))
    response["Content-Language"] = language
    return response
