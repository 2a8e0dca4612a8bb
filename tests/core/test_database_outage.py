"""A database that refuses connections shows "We'll be back shortly" (503, Retry-After),
not a 500 page, and /healthz names the database. The connection is really cut: Django is
pointed at a loopback port where nothing listens, so every connect is refused."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from core.outage import server_error
from tests.factories import PASSWORD, StudentProfileFactory
from tests.services import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def database_refusing() -> Iterator[None]:
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


@pytest.fixture
def browser_client():
    """Answers as a browser sees them: an error becomes a page, not a test failure."""
    return Client(raise_request_exception=False)


def assert_back_shortly(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "We'll be back shortly" in html.replace("&#x27;", "'")
    # The Content-Security-Policy is kept, and the page has nothing it would block.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert not re.search(r"<script|<style|\son\w+=", html)


def test_a_signed_in_student_sees_we_will_be_back_while_the_database_refuses(browser_client):
    browser_client.force_login(StudentProfileFactory().user)

    with database_refusing():
        response = browser_client.get("/")

    assert_back_shortly(response)


def test_signing_in_while_the_database_refuses_answers_503_not_500(browser_client):
    student = StudentProfileFactory().user

    with database_refusing():
        response = browser_client.post(
            "/accounts/login/", {"login": student.email, "password": PASSWORD}
        )

    assert_back_shortly(response)


@pytest.mark.redis
def test_healthz_names_the_database_when_it_refuses(browser_client):
    with database_refusing():
        response = browser_client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        "broker": "ok",
        "cache": "ok",
    }


def test_any_other_error_still_gets_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert "Retry-After" not in response
