"""The public volunteer form cannot be used to flood someone's inbox, nor to carry a
stranger's words into an email to an address nobody has confirmed."""

import pytest
from django.core import mail
from django.core.cache import cache

from careercenter.settings import base
from mentors.models import MentorProfile
from tests.factories import UserFactory

from .test_views import _volunteer_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS  # the test settings switch them off
    cache.clear()
    yield
    cache.clear()


def test_the_review_s_flood_sends_the_victim_three_emails_not_twenty_five(
    client, django_capture_on_commit_callbacks
):
    victim = UserFactory(email="victim@example.com")

    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(25):
            response = client.post("/mentors/volunteer/", _volunteer_data(email=victim.email))
            statuses.append(response.status_code)

    assert len([m for m in mail.outbox if victim.email in m.to]) == 3
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    page = response.content.decode()
    assert "Too many sign-ups" in page
    assert 'value="Ropes &amp; Gray"' in page  # what was typed is still there


def test_many_addresses_from_one_network_address_are_limited_too(client):
    for n in range(20):
        response = client.post("/mentors/volunteer/", _volunteer_data(email=f"alum{n}@example.com"))
        assert response.status_code == 302, n

    response = client.post("/mentors/volunteer/", _volunteer_data(email="alum20@example.com"))

    assert response.status_code == 429
    assert not MentorProfile.objects.filter(user__email="alum20@example.com").exists()


def test_the_verification_email_repeats_nothing_the_visitor_typed(
    client, django_capture_on_commit_callbacks
):
    data = _volunteer_data(first_name="Visit", last_name="evil.example.com now")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/mentors/volunteer/", data)

    [message] = [m for m in mail.outbox if data["email"] in m.to]
    assert "evil.example.com" not in message.body
    assert "Visit" not in message.body
    assert "/accounts/confirm-email/" in message.body


def test_a_volunteer_who_confirms_in_the_same_browser_is_signed_in(
    client, django_capture_on_commit_callbacks
):
    import re

    data = _volunteer_data(email="grace@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/mentors/volunteer/", data)["Location"] == "/mentors/volunteer/thanks/"
    [message] = [m for m in mail.outbox if "grace@example.com" in m.to]
    path = re.search(r"/accounts/confirm-email/[^\s]+/", message.body).group(0)

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == "/mentors/me/"
    assert client.get("/mentors/me/").status_code == 200  # signed in, on their own profile
