"""The layout's navigation and footer are kept per process (CACHES["process"]): each
reader still gets their own links, current page, language, institution and form
tokens."""

import re

import pytest
from django.test import Client

from tests.factories import MentorProfileFactory, MentorUserFactory, StudentUserFactory

pytestmark = pytest.mark.django_db


def reader(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def nav(page: str) -> str:
    """The page's header, its form token left out."""
    header = page[page.index("<header>") : page.index("</header>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", header)


def current(page: str) -> list[str]:
    """The labels of the links marked as the current page."""
    return re.findall(r'aria-current="page"\s+href="[^"]*">([^<]+)</a>', nav(page))


def test_each_role_gets_its_own_links_on_the_same_page(staff_client):
    student = reader(StudentUserFactory()).get("/guide/").content.decode()
    mentor = reader(MentorUserFactory()).get("/guide/").content.decode()
    staff = staff_client[0].get("/guide/").content.decode()
    visitor = Client().get("/guide/").content.decode()

    assert "My network" in nav(student) and "Requests" not in nav(student)
    assert "Requests" in nav(mentor) and "My network" not in nav(mentor)
    assert "Staff admin" in nav(staff) and "Staff admin" not in nav(student)
    assert "Sign in" in nav(visitor) and "Sign out" not in nav(visitor)


def test_the_current_page_is_marked_and_other_addresses_mark_nothing():
    client = reader(StudentUserFactory())
    mentor = MentorProfileFactory()

    assert current(client.get("/mentors/").content.decode()) == ["Find mentors"]
    assert current(client.get("/guide/").content.decode()) == ["Guide"]
    assert current(client.get(f"/mentors/{mentor.pk}/").content.decode()) == []


def test_the_layout_follows_each_readers_language():
    english = reader(StudentUserFactory(language="en")).get("/guide/").content.decode()
    spanish = reader(StudentUserFactory(language="es")).get("/guide/").content.decode()
    english_again = reader(StudentUserFactory(language="en")).get("/guide/").content.decode()

    assert "Find mentors" in nav(english) and "Find mentors" not in nav(spanish)
    assert "Cambiar idioma" in spanish and "Change language" not in spanish
    assert "Change language" in english_again and "Cambiar idioma" not in english_again
    assert nav(english_again) == nav(english)


def test_each_session_gets_its_own_working_form_tokens():
    first, second = (Client(enforce_csrf_checks=True) for _ in range(2))
    first.force_login(StudentUserFactory())
    second.force_login(StudentUserFactory())
    tokens = [
        re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', c.get("/guide/").content.decode())
        for c in (first, second)
    ]
    assert all(len(found) == 2 for found in tokens)  # sign-out and the language switcher

    response = first.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[0][0]})

    assert response.status_code == 302
    assert "_auth_user_id" not in first.session
    assert (
        first.post(
            "/language/", {"csrfmiddlewaretoken": tokens[0][1], "language": "es"}
        ).status_code
        == 302
    )


def test_an_edited_template_is_not_served_from_the_kept_copy(settings):
    """runserver reloads an edited template in place; the kept fragments go with it."""
    from pathlib import Path

    from django.core.cache import caches
    from django.core.cache.utils import make_template_fragment_key
    from django.utils.autoreload import file_changed

    reader(StudentUserFactory(language="en")).get("/guide/")
    footer = make_template_fragment_key("footer_start", ["en"])
    assert caches["process"].get(footer) is not None

    file_changed.send(sender=None, file_path=Path(settings.BASE_DIR) / "templates/base.html")

    assert caches["process"].get(footer) is None
