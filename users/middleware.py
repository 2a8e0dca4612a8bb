import zoneinfo
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .second_factor import second_factor_required
from .services import is_site_language


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with ``request.user`` the user itself rather than a lazy stand-in for
    it. Every request reads the user (UserLocaleMiddleware does, for the language), so
    reading it here costs nothing more, and each of a page's reads after it (about
    twenty on ``/guide/``: middleware, context processors, the layout) no longer goes
    through the stand-in."""

    def process_request(self, request):
        super().process_request(request)
        request.user = auth_middleware.get_user(request)


class UserLocaleMiddleware:
    """Show every time in the signed-in person's own zone, and every word in their own
    language (``User.language``) whatever the browser asks for. Visitors get Django's
    LocaleMiddleware's choice: the language switcher's cookie, else the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and user.time_zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        if signed_in and is_site_language(user.language):
            # LocaleMiddleware, further out, reads the active language for the response's
            # Content-Language; it has already set Vary: Accept-Language, Cookie.
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class StaffSecondFactorMiddleware:
    """Staff use nothing but sign-in and two-factor pages until this session has passed
    the second factor: not the admin, and not the staff-only pages outside it either
    (other people's résumés, interviews, letters, invites, pending mentors).

    Someone with an authenticator enters a code (allauth's reauthentication by code);
    someone without one sets it up first.
    """

    OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not second_factor_required(request) or request.path.startswith(self.OPEN_PREFIXES):
            return self.get_response(request)
        if is_mfa_enabled(request.user):
            messages.info(
                request, _("Enter a code from your authenticator app to continue as staff.")
            )
            return redirect(
                f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            )
        messages.warning(
            request,
            _(
                "Staff accounts need two-factor authentication before they can use "
                "the administration site. Set it up below."
            ),
        )
        return redirect("mfa_activate_totp")
