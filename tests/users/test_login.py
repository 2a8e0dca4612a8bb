import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

BASE_SETTINGS = Path(settings.BASE_DIR) / "careercenter" / "settings" / "base.py"


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_verified_user_signs_in(client, db):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_opens_the_page_on_a_summary_of_what_to_fix(client, db):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="alert alert-danger form-error-summary"' in html
    assert "novalidate" in html[html.index("<form") : html.index(">", html.index("<form"))]
    assert f'value="{user.email}"' in html


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,3/5m/key"})
def test_too_many_failed_logins_get_a_clear_message(client, db, empty_cache):
    user = UserFactory()
    wrong = {"login": user.email, "password": "not-it"}
    for _ in range(3):
        assert client.post(reverse("account_login"), wrong).status_code == 200

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"})
def test_too_many_logins_answer_429_not_500(client, db, empty_cache):
    user = UserFactory()
    data = {"login": user.email, "password": "not-it"}
    for _ in range(2):
        client.post(reverse("account_login"), data)

    response = client.post(reverse("account_login"), data)

    assert response.status_code == 429
    assert "too many" in response.content.decode().lower()


def test_openid_connect_is_off_by_default(client, db):
    assert "openid_connect" not in settings.SOCIALACCOUNT_PROVIDERS
    response = client.get(reverse("account_login"))
    assert "/accounts/oidc/" not in response.content.decode()


def test_openid_connect_switches_on_with_all_three_variables(monkeypatch):
    names = ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SERVER_URL")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    assert runpy.run_path(str(BASE_SETTINGS))["SOCIALACCOUNT_PROVIDERS"] == {}

    monkeypatch.setenv("OIDC_CLIENT_ID", "client")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "secret")
    assert runpy.run_path(str(BASE_SETTINGS))["SOCIALACCOUNT_PROVIDERS"] == {}

    monkeypatch.setenv("OIDC_SERVER_URL", "https://sso.example.edu")
    [app] = runpy.run_path(str(BASE_SETTINGS))["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]["APPS"]
    assert app["settings"]["server_url"] == "https://sso.example.edu"
