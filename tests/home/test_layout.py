"""The layout's navigation and footer are kept per process (``{% include_kept %}``), and
so are whole pages around what is their reader's own (``core.kept.kept_page``: the
landing page, the guide, the directory): each reader still gets their own links, current
page, language, institution, form tokens and messages."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.safestring import SafeString

from core.kept import kept_clear, kept_page
from tests.factories import (
    MentorProfileFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentUserFactory,
)

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


class _Forms(HTMLParser):
    """Each form's action by id, and each CSRF token by the form its input names."""

    def __init__(self) -> None:
        super().__init__()
        self.actions: dict[str, str] = {}
        self.tokens: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and "id" in attributes:
            self.actions[attributes["id"]] = attributes["action"]
        if tag == "input" and attributes.get("name") == "csrfmiddlewaretoken":
            self.tokens[attributes["form"]] = attributes["value"]


def forms(page: str) -> _Forms:
    parser = _Forms()
    parser.feed(page)
    return parser


def test_each_session_gets_its_own_working_form_tokens():
    first, second = (Client(enforce_csrf_checks=True) for _ in range(2))
    first.force_login(StudentUserFactory())
    second.force_login(StudentUserFactory())
    pages = [forms(c.get("/guide/").content.decode()) for c in (first, second)]
    # The sign-out and language forms are kept per process; each token input names its
    # form, and each session's tokens are its own.
    for page in pages:
        assert page.actions.keys() == page.tokens.keys() == {"sign-out-form", "language-form"}
    assert set(pages[0].tokens.values()).isdisjoint(pages[1].tokens.values())
    signed_in = pages[0]

    response = first.post(
        signed_in.actions["language-form"],
        {"csrfmiddlewaretoken": signed_in.tokens["language-form"], "language": "es"},
    )
    assert response.status_code == 302
    response = first.post(
        signed_in.actions["sign-out-form"],
        {"csrfmiddlewaretoken": signed_in.tokens["sign-out-form"]},
    )

    assert response.status_code == 302
    assert "_auth_user_id" not in first.session


def test_a_visitor_gets_the_language_forms_token_and_no_sign_out():
    visitor = Client(enforce_csrf_checks=True)
    page = forms(visitor.get("/guide/").content.decode())

    assert page.actions.keys() == page.tokens.keys() == {"language-form"}
    response = visitor.post(
        page.actions["language-form"],
        {"csrfmiddlewaretoken": page.tokens["language-form"], "language": "es"},
    )
    assert response.status_code == 302


def test_the_csrf_cookie_is_sent_when_new_and_its_pages_tokens_keep_working():
    """A page sends the CSRF cookie only with a new secret (a first visit, signing in),
    not again to a browser that holds it; the tokens of every page are accepted."""
    from django.conf import settings

    visitor = Client(enforce_csrf_checks=True)
    first = visitor.get("/guide/")
    secret = first.cookies[settings.CSRF_COOKIE_NAME].value
    assert (
        secret and first.cookies[settings.CSRF_COOKIE_NAME]["max-age"] == settings.CSRF_COOKIE_AGE
    )
    second = visitor.get("/guide/")
    assert settings.CSRF_COOKIE_NAME not in second.cookies
    page = forms(second.content.decode())
    response = visitor.post(
        page.actions["language-form"],
        {"csrfmiddlewaretoken": page.tokens["language-form"], "language": "es"},
    )
    assert response.status_code == 302
    assert visitor.cookies[settings.CSRF_COOKIE_NAME].value == secret

    student = StudentUserFactory()
    student.set_password("pw-for-this-test-1")
    student.save()
    login_page = visitor.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)[1]
    signed_in = visitor.post(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": token,
            "login": student.email,
            "password": "pw-for-this-test-1",
        },
    )
    assert signed_in.status_code == 302
    rotated = signed_in.cookies[settings.CSRF_COOKIE_NAME].value
    assert rotated and rotated != secret


def test_an_edited_template_is_not_served_from_the_kept_copy(settings):
    """runserver reloads an edited template in place; the kept fragments go with it."""
    from pathlib import Path

    from django.utils.autoreload import file_changed

    from core import kept

    reader(StudentUserFactory(language="en")).get("/guide/")
    footer = ("includes/footer.html", "en")
    assert footer in kept._kept

    file_changed.send(sender=None, file_path=Path(settings.BASE_DIR) / "templates/base.html")

    assert footer not in kept._kept


def _tokens_out(page: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken"\s+value="[^"]+"', "TOKEN", page.decode())


READERS = {
    "visitor": lambda **_: AnonymousUser(),
    "student": StudentUserFactory,
    "mentor": MentorUserFactory,
    "staff": StaffUserFactory,
}
PAGES = [
    ("/", "landing.html", {}),
    ("/guide/", "guide.html", {}),
    (
        "/mentors/",
        "mentors/directory.html",
        {"panels": SafeString("<p>Suggested for you</p>"), "body": "<p>Résumé</p>".encode()},
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", READERS)
@pytest.mark.parametrize(("path", "template_name", "holes"), PAGES)
def test_a_kept_page_is_the_page_rendered_in_full_for_each_reader(
    kind, language, path, template_name, holes
):
    """Kept after another reader of the same kind asked for it, the page is what rendering
    it in full gives this reader: nothing of the first reader's stays in it."""
    kept_clear()

    def request_by(user):
        request = RequestFactory().get(path)
        request.user = user
        return request

    with translation.override(language):
        first = kept_page(request_by(READERS[kind](first_name="Firstreader")), template_name, holes)
        request = request_by(READERS[kind](first_name="Secondreader"))
        served = kept_page(request, template_name, holes)
        full = render(
            request,
            template_name,
            {k: SafeString(v.decode()) if isinstance(v, bytes) else v for k, v in holes.items()},
        )

    assert _tokens_out(served.content) == _tokens_out(full.content)
    assert "Firstreader" not in served.content.decode()
    assert served.content != first.content  # each request its own CSRF token
    for hole in holes.values():
        assert (hole if isinstance(hole, bytes) else hole.encode()) in served.content


def test_a_kept_page_is_rendered_once_per_process_and_kind_of_reader():
    kept_clear()
    student = reader(StudentUserFactory())
    assert "guide.html" in [t.name for t in student.get("/guide/").templates]
    again = reader(StudentUserFactory()).get("/guide/")
    assert again.templates == [] and b"My network" in again.content
    mentor = reader(MentorUserFactory()).get("/guide/")
    assert "guide.html" in [t.name for t in mentor.templates]
    assert b"Requests" in mentor.content and b"My network" not in mentor.content


def test_messages_waiting_for_the_reader_are_shown_on_a_kept_page_once(client):
    """A page with messages waiting is rendered in full: the directory after a student's
    profile sends them back to it shows "Profile saved." once."""
    from tests.students.test_views import profile_post

    client.force_login(StudentUserFactory())
    client.get("/mentors/")  # the directory's page is kept for students
    response = client.post("/students/profile/?next=/mentors/", profile_post(), follow=True)

    assert response.redirect_chain[-1][0] == "/mentors/"
    assert "Profile saved." in response.content.decode()
    assert "Find a Career Mentor" in response.content.decode()
    assert "Profile saved." not in client.get("/mentors/").content.decode()
