import zoneinfo
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
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
    language (``User.language``) whatever the browser asks for; a visitor's words in the
    language Django's LocaleMiddleware would choose (the language switcher's cookie, else
    the browser's Accept-Language), which this takes the place of. Listed right after
    the user is read: everything after it, the refusal and error pages included, is in
    the reader's language (``core.outage`` gives an error page made sooner the browser's).

    As Django's, it marks every response ``Vary: Accept-Language`` and gives it a
    Content-Language. The site uses no language prefixes in its addresses."""

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
            language = user.language
        else:
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


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
