"""The site's CSP middleware writes exactly the headers django-csp's own would, for the
site's policy (built once) and for everything it leaves to django-csp."""

import pytest
from csp.constants import NONCE, NONE, SELF
from csp.decorators import csp, csp_exempt, csp_replace, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory, override_settings

from core.csp import CSPMiddleware, site_policy_headers

HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")


def plain(request):
    return HttpResponse("page")


def not_found(request):
    return HttpResponseNotFound("gone")


def with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


VIEWS = {
    "plain": plain,
    "not found": not_found,
    "nonce": with_nonce,
    "update": csp_update({"img-src": ["https://images.example.edu"]})(plain),
    "replace": csp_replace({"script-src": ["https://cdn.example.edu"]})(plain),
    "own policy": csp({"default-src": [NONE]})(plain),
    "exempt": csp_exempt()(plain),
    "update, report only": csp_update(
        {"img-src": ["https://images.example.edu"]}, REPORT_ONLY=True
    )(plain),
}
REPORT_ONLY = {"DIRECTIVES": {"default-src": [SELF], "report-uri": "/csp-reports/"}}


def headers(middleware_class, view, path="/guide/"):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return {name: response.get(name) for name in HEADERS}, request


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"CONTENT_SECURITY_POLICY_REPORT_ONLY": REPORT_ONLY},
        {"DEBUG": True},
        {
            "CONTENT_SECURITY_POLICY": {
                **settings.CONTENT_SECURITY_POLICY,
                "EXCLUDE_URL_PREFIXES": ["/guide/"],
            }
        },
    ],
    ids=["site policy", "with a report-only policy", "debug", "path left out"],
)
def test_the_headers_are_django_csps_own(name, overrides):
    with override_settings(**overrides):
        expected, _ = headers(LibraryCSPMiddleware, VIEWS[name])
        got, _ = headers(CSPMiddleware, VIEWS[name])
        again, _ = headers(CSPMiddleware, VIEWS[name])  # from the kept policy
    assert got == expected
    assert again == expected


def test_the_site_policy_is_built_once_and_follows_a_settings_change():
    site_policy_headers.cache_clear()
    headers(CSPMiddleware, plain)
    headers(CSPMiddleware, plain)
    assert site_policy_headers.cache_info().misses == 1
    changed = {"DIRECTIVES": {"default-src": [SELF], "img-src": ["https://images.example.edu"]}}
    with override_settings(CONTENT_SECURITY_POLICY=changed):
        got, _ = headers(CSPMiddleware, plain)
    assert "img-src https://images.example.edu" in got["Content-Security-Policy"]
    got, _ = headers(CSPMiddleware, plain)
    assert "img-src https://images.example.edu" not in got["Content-Security-Policy"]
    assert "script-src 'self'" in got["Content-Security-Policy"]


def test_a_nonce_asked_for_after_the_header_is_written_is_refused():
    _, request = headers(CSPMiddleware, plain)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_a_nonce_the_page_used_is_in_a_policy_that_asks_for_one():
    policy = {"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}}
    request = RequestFactory().get("/guide/")
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        response = CSPMiddleware(with_nonce)(request)
    nonce = request._csp_nonce
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert nonce in response.content.decode()
