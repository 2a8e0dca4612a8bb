"""Every page a person can reach by following links answers without a server error,
also with nonsense in the query string and with empty form posts."""

import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command

from tests.auth import login_with_second_factor
from users.models import User

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="([^"#]+)"')
NONSENSE = "?page=-1&q=" + "%27%3B--%3Cscript%3E" * 30 + "&field=nope&format=x&from=abc&to=9999999"
SKIP = ("/accounts/logout", "/static/", "/account/delete", "/admin/logout")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--mentors", "8")
    settings.DEBUG = False  # the demo staff account has two-factor set up already


def crawl(client, start="/", limit=60):
    seen, queue, statuses = set(), deque([start]), {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            for href in LINK.findall(response.content.decode()):
                target = urljoin(url, href.replace("&amp;", "&"))
                parsed = urlparse(target)
                if not parsed.netloc and parsed.path.startswith("/"):
                    queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return statuses


@pytest.mark.parametrize(
    "email", ["student@example.edu", "mentor@example.com", "staff@example.edu", None]
)
def test_no_page_reachable_by_links_fails(client, demo, email):
    if email:
        # Staff pass the second factor as they sign in (the demo account is enrolled).
        login_with_second_factor(client, User.objects.get(email=email))
    statuses = crawl(client)
    assert len(statuses) > 5
    errors = {url: code for url, code in statuses.items() if code >= 500}
    assert errors == {}
    for url in [u for u, code in statuses.items() if code == 200][:25]:
        path = url.split("?")[0]
        assert client.get(path + NONSENSE).status_code < 500, path
        if not path.startswith("/admin/"):
            assert client.post(path, {}).status_code < 500, path
