"""allauth's account emails go through the outbox with their full context."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from notifications.models import Notification
from tests.factories import UserFactory
from users.services import site_sync_with_settings

from .test_signup import SIGNUP

pytestmark = pytest.mark.django_db


def test_the_verification_email_names_the_site_and_its_address(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)
    [message] = mail.outbox
    assert f"Hello from {settings.SITE_NAME}!" in message.body
    assert "register an account on 127.0.0.1:8000" in message.body
    assert f"Thank you for using {settings.SITE_NAME}!" in message.body
    assert f"{settings.INSTITUTION_NAME}\nQuestions? {settings.INSTITUTION_CONTACT_EMAIL}" in (
        message.body
    )
    assert Notification.objects.get().kind == "account.email_confirmation_signup"


def test_signing_up_again_tells_the_owner_at_their_address(
    client, settings, django_capture_on_commit_callbacks
):
    owner = UserFactory(email=SIGNUP["email"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)
    [message] = mail.outbox
    assert message.to == [owner.email]
    assert f"Hello from {settings.SITE_NAME}!" in message.body
    assert f"using email address:\n\n{owner.email}\n" in message.body
    assert "/accounts/password/reset/" in message.body


def test_the_password_reset_email_names_the_site(
    client, settings, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    [message] = mail.outbox
    assert f"Hello from {settings.SITE_NAME}!" in message.body
    assert "/accounts/password/reset/key/" in message.body


def test_the_site_row_follows_site_url_and_site_name_after_every_migrate(settings):
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("127.0.0.1:8000", settings.SITE_NAME)

    settings.SITE_URL = "https://careers.example.edu"
    settings.SITE_NAME = "Example Career Center"
    call_command("migrate", verbosity=0)
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("careers.example.edu", "Example Career Center")


def test_syncing_the_site_row_twice_changes_nothing(django_assert_num_queries):
    site_sync_with_settings()
    with django_assert_num_queries(1):  # the read; no write when nothing differs
        site_sync_with_settings()
