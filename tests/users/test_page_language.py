"""Which language a page is in: the signed-in person's own, whatever the browser asks
for; a visitor's from the language switcher's cookie, else the browser's Accept-Language;
the error page in the language chosen before the error, and the pages made before one
was chosen (the outage page, an error while reading the user) in the browser's."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from core.outage import server_error
from tests.core.test_database_outage import database_refusing
from tests.factories import StudentProfileFactory

pytestmark = pytest.mark.django_db

SPANISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}


def assert_language(response, code: str) -> None:
    assert response["Content-Language"] == code
    assert "Accept-Language" in response["Vary"]
    assert f'<html lang="{code}"' in response.content.decode()


def test_a_visitor_reads_the_browsers_language():
    response = Client().get("/accounts/login/", **SPANISH_BROWSER)

    assert_language(response, "es")
    assert "Iniciar sesión" in response.content.decode()


def test_a_visitors_choice_in_the_switcher_outweighs_the_browser():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/accounts/login/", **SPANISH_BROWSER)

    assert_language(response, "en")


def test_a_signed_in_person_reads_their_own_language_whatever_the_browser_asks():
    spanish, english = StudentProfileFactory().user, StudentProfileFactory().user
    spanish.language = "es"
    spanish.save(update_fields=["language"])
    client = Client()

    client.force_login(spanish)
    in_spanish = client.get("/guide/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    client.force_login(english)
    in_english = client.get("/guide/", **SPANISH_BROWSER)

    assert_language(in_spanish, "es")
    assert_language(in_english, "en")


def test_a_page_refused_for_its_host_is_in_the_browsers_language(settings):
    settings.DEBUG = False
    translation.activate("en")  # what an earlier request of this thread left

    response = Client(raise_request_exception=False).get(
        "/guide/", HTTP_HOST="elsewhere.example", **SPANISH_BROWSER
    )

    assert response.status_code == 400
    assert response["Content-Language"] == "es"


@pytest.mark.django_db(transaction=True)
def test_the_outage_page_is_in_the_browsers_language():
    client = Client(raise_request_exception=False)
    client.force_login(StudentProfileFactory().user)

    with database_refusing():
        response = client.get("/", **SPANISH_BROWSER)

    assert response.status_code == 503
    assert "Volveremos en breve" in response.content.decode()
    assert_language(response, "es")


def test_the_error_page_is_in_the_browsers_language():
    translation.activate("en")
    request = RequestFactory().get("/", **SPANISH_BROWSER)
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert "Algo salió mal de nuestra parte" in response.content.decode()
    assert response["Content-Language"] == "es"


def test_an_error_after_the_language_was_chosen_keeps_it():
    """A Spanish-speaking student's page fails in a view: the error page is in Spanish,
    whatever their browser asks for."""
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    request.LANGUAGE_CODE = "es"  # UserLocaleMiddleware's choice, made before the view ran
    try:
        raise ValueError("a bug in a view")
    except ValueError:
        response = server_error(request)

    assert "Algo salió mal de nuestra parte" in response.content.decode()
    assert response["Content-Language"] == "es"
