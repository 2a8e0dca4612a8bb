"""The page shown when the database does not answer: 503 "We'll be back shortly".

Django turns any uncaught error into a call of ``handler500`` from inside its ``except``
block (``django.core.handlers.exception``), so ``sys.exc_info()`` there names the error.
A database that refuses or drops connections raises ``OperationalError`` or
``InterfaceError``; for those the answer is 503 with ``Retry-After`` (a passing outage,
not a bug), rendered from a template that needs no database, no session and no user.
Every other error keeps Django's own 500 page.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
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
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable()
    return defaults.server_error(request)
