"""django-csp's middleware, with the site's own policy built once per process.

django-csp builds the Content-Security-Policy header from settings for every response
(its directives gathered, copied and joined, twice: the policy and the report-only one):
about 6% of the instructions of a signed-in ``/guide/`` here. The site's policy changes only with
settings, so a response that has nothing of its own gets the header built once, by
django-csp's own ``build_policy``, and kept (cleared when a setting it reads changes).

A response that does have something of its own goes through django-csp unchanged: a
view's policy from django-csp's decorators (``csp``, ``csp_update``, ``csp_replace``,
``csp_exempt`` and their report-only forms), a page that used
``request.csp_nonce``, and every response while ``DEBUG`` is on (django-csp leaves the
debug pages without a policy).
"""

from __future__ import annotations

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# What django-csp's decorators set on a response for its own policy.
_RESPONSE_OWN_POLICY = tuple(
    f"_csp_{part}{suffix}"
    for part in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)
_POLICY_SETTINGS = {
    HEADER: "CONTENT_SECURITY_POLICY",
    HEADER_REPORT_ONLY: "CONTENT_SECURITY_POLICY_REPORT_ONLY",
}


@cache
def site_policy_headers() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each header the settings ask for, as django-csp builds it with nothing of a
    response's own: (header, value, the path prefixes it is left off)."""
    headers = []
    for header, setting in _POLICY_SETTINGS.items():
        value = build_policy(report_only=header == HEADER_REPORT_ONLY)
        if value:
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            headers.append((header, value, tuple(excluded or ())))
    return tuple(headers)


@receiver(setting_changed, dispatch_uid="core-csp-site-policy")
def _site_policy_clear(*, setting: str, **_kwargs) -> None:
    if setting in _POLICY_SETTINGS.values():
        site_policy_headers.cache_clear()


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _RESPONSE_OWN_POLICY)
        ):
            return super().process_response(request, response)
        for header, value, excluded in site_policy_headers():
            if header not in response and not request.path_info.startswith(excluded):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error,
        # not a nonce the policy does not carry.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
