"""Refuse an oversized request body before anything reads it.

Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves uploaded files out, so without this a
60 MB multipart body is received and spooled to disk before the form's 5 MB résumé
check runs. The proxy in front should set the same limit (README, Production); this is
the line that holds when it does not.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from students.validators import RESUME_MAX_BYTES


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return render(
                request,
                "413.html",
                {
                    "limit": filesizeformat(settings.REQUEST_BODY_MAX_BYTES),
                    "sent": filesizeformat(length),
                    "resume_limit": filesizeformat(RESUME_MAX_BYTES),
                },
                status=413,
            )
        return self.get_response(request)
