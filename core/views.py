"""Views that know no app."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): send them
    to the site's icon rather than a 404. Not permanent: the static name is hashed."""
    response = redirect(static("img/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
