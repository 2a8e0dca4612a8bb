"""The browser harness: Playwright with the system Chromium against pytest-django's live server.

Fixtures every browser test uses:

- ``page``: a fresh context and page whose base URL is the live server.
- ``audit(page)``: waits for the page's load event, then fails the test on a stylesheet
  not applied, on any axe-core violation or W3C Nu checker error, and on what those
  cannot see (``tests/browser/checks.py``): form-control edges and focus outlines under
  3:1, sideways scrolling at 320 px, clipped date and time fields.
- ``log_in(page, email, password)``: signs in through the real login form.
- ``sign_in(page, user)``: a signed-in session without the form, for journeys where
  signing in is not what is tested (the form has journeys of its own).
- ``verified_user``: a student with a verified address and the password ``PASSWORD``.
"""

import functools
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.browser.checks import layout_problems
from tests.factories import PASSWORD, UserFactory

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = os.environ.get("JAVA", "/usr/bin/java")
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # allauth's rate limits live in the cache; no test inherits another's attempts.
    cache.clear()
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", timezone_id="America/New_York"
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    # The Content-Security-Policy is live in these tests: anything it blocks is a bug.
    blocked: list[str] = []

    def note_blocked(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            blocked.append(f"{message.text} at {message.location['url']}")

    page.on("console", note_blocked)
    yield page
    context.close()
    assert blocked == [], "the Content-Security-Policy blocked something on a page"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def vnu_url():
    """The Nu HTML checker, started once per session as a local HTTP service."""
    port = _free_port()
    process = subprocess.Popen(
        [
            JAVA,
            "-Xss8m",
            "-cp",
            str(VNU_JAR),
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"The Nu checker exited early with code {process.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail("The Nu checker did not answer within 60 seconds")
                time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text()


def _axe_violations(page) -> list[str]:
    # Evaluated, not added as a <script> element, which the page's CSP would block; once
    # per document (a page audited again after an action in place has it already).
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # Every rule runs on the whole document; only violations are collected, since only
    # they fail the test (collecting every passing node is most of axe's time).
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    problems = []
    for violation in result["violations"]:
        targets = "; ".join(" ".join(str(t) for t in node["target"]) for node in violation["nodes"])
        problems.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
        )
    return problems


def _nu_errors(html: str, vnu_url: str) -> list[str]:
    request = urllib.request.Request(
        vnu_url + "?out=json",
        data=html.encode("utf-8"),
        headers={"Content-Type": "text/html; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        messages = json.load(response)["messages"]
    return [
        f"nu line {m.get('lastLine', '?')}: {m.get('message')} | {m.get('extract', '').strip()}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]


# The stylesheets the page links that it has not applied: Chromium gives one that failed
# to load a sheet whose rules cannot be read.
_UNAPPLIED_STYLES_JS = """() => [...document.querySelectorAll('link[rel=stylesheet]')]
  .filter((link) => {
    try { return link.sheet.cssRules.length === 0; } catch (error) { return true; }
  })
  .map((link) => link.href)"""


def _unapplied_styles(page) -> list[str]:
    """Wait for the page's load event, which follows its stylesheets, and name any it
    has not applied. A journey's ``expect`` passes as soon as the new page's text is in
    the DOM, which can be before its stylesheets are; colours measured then are
    Bootstrap's or the browser's, not the page's."""
    page.wait_for_load_state("load")
    return [f"stylesheet not applied: {href}" for href in page.evaluate(_UNAPPLIED_STYLES_JS)]


@pytest.fixture
def audit(vnu_url):
    """``audit(page)``: axe-core, the Nu checker and ``layout_problems`` on the page as it
    is now; the page is left as it was (size, focus)."""

    def run(page) -> None:
        unapplied = _unapplied_styles(page)
        if unapplied:
            pytest.fail(f"{page.url}:\n" + "\n".join(unapplied), pytrace=False)
        html = page.content()
        problems = _axe_violations(page) + _nu_errors(html, vnu_url) + layout_problems(page)
        if problems:
            pytest.fail(
                f"{len(problems)} accessibility/HTML problem(s) on {page.url}:\n"
                + "\n".join(problems),
                pytrace=False,
            )

    return run


@pytest.fixture
def log_in():
    """``log_in(page, email, password)``: sign in as a person would, through the form."""

    def run(page, email: str, password: str = PASSWORD) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Email", exact=True).fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign In").click()

    return run


@pytest.fixture
def sign_in(live_server):
    """``sign_in(page, user)``: give the page's browser a session cookie for ``user``,
    made as a sign-in makes it (``Client.force_login``), in a fraction of the time."""
    from django.conf import settings
    from django.test import Client

    def run(page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return run


@pytest.fixture
def verified_user(transactional_db):
    return UserFactory()
