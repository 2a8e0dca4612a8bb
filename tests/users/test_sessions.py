"""users.sessions: sessions live in PostgreSQL with their user's id, and a signed-in
request reads its session and its user in one query, with Django's checks intact."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as ContribSessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from users.models import Session, User
from users.services import user_account_erase
from users.sessions import SessionStore, session_user_take
from users.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_signed_in_page_reads_its_session_and_user_in_one_query():
    user = UserFactory()
    client = signed_in(user)
    client.get(reverse("guide"))  # the CSRF cookie; the query's shape learnt

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("guide"))

    assert response.wsgi_request.user == user
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert '"users_session"' in sql and 'JOIN "users_user"' in sql


def test_a_page_is_given_the_user_itself_and_a_visitor_no_query():
    """users.middleware.AuthenticationMiddleware: the user, not a lazy stand-in, read
    once; a visitor without a session costs no query."""
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory()
    response = signed_in(user).get(reverse("guide"))
    request = response.wsgi_request
    assert type(request.user) is User
    assert request.user == user

    visitor = Client()
    visitor.get(reverse("guide"))
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(reverse("guide"))
    assert type(response.wsgi_request.user) is AnonymousUser
    assert len(queries) == 0


def test_each_session_row_names_its_user_and_sign_out_removes_it():
    user = UserFactory()
    client = signed_in(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.get(pk=key).user == user

    client.post(reverse("account_logout"))

    assert not Session.objects.filter(pk=key).exists()
    assert not Session.objects.filter(user=user).exists()


def test_a_visitors_session_has_no_user():
    store = SessionStore()
    store["seen"] = True
    store.save()

    assert Session.objects.get(pk=store.session_key).user is None
    again = SessionStore(store.session_key)
    assert again["seen"] is True
    assert session_user_take(user_id=None) is None


def test_the_user_read_with_a_session_goes_to_that_user_id_only_and_once():
    user, other = UserFactory(), UserFactory()
    key = signed_in(user).cookies[settings.SESSION_COOKIE_NAME].value

    SessionStore(key).load()
    assert session_user_take(user_id=other.pk) is None
    assert session_user_take(user_id=user.pk) == user
    assert session_user_take(user_id=user.pk) is None

    SessionStore(key).load()
    SessionStore("no-such-session-key").load()  # each load replaces what the last left
    assert session_user_take(user_id=user.pk) is None


def test_an_erased_account_is_signed_out_in_every_browser():
    user = UserFactory()
    browsers = [signed_in(user), signed_in(user)]
    page = reverse("account_delete")
    assert all(browser.get(page).status_code == 200 for browser in browsers)

    user_account_erase(user=user)

    assert not Session.objects.filter(user=user).exists()
    for browser in browsers:
        response = browser.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_an_expired_session_is_not_read():
    user = UserFactory()
    client = signed_in(user)
    assert client.get(reverse("guide")).wsgi_request.user == user

    later = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("guide"))

    assert not response.wsgi_request.user.is_authenticated


def test_the_move_carries_unexpired_sessions_over_with_their_users():
    """Migration 0005 copies django.contrib.sessions' rows: nobody is signed out."""
    user = UserFactory()
    live, visitor, expired = ContribSessionStore(), ContribSessionStore(), ContribSessionStore()
    live.update({"_auth_user_id": str(user.pk), "_auth_user_hash": "x"})
    visitor["seen"] = True
    expired["_auth_user_id"] = str(user.pk)
    expired.set_expiry(-60)
    for store in (live, visitor, expired):
        store.save()
    gone = ContribSessionStore()
    gone["_auth_user_id"] = "987654"  # a user since deleted
    gone.save()
    Session.objects.all().delete()

    migration = importlib.import_module("users.migrations.0005_sessions_with_their_user")
    migration.sessions_copy(apps, None)

    copied = {s.session_key: s.user_id for s in Session.objects.all()}
    assert copied == {live.session_key: user.pk, visitor.session_key: None, gone.session_key: None}
    assert SessionStore(live.session_key).load()["_auth_user_id"] == str(user.pk)
    assert User.objects.filter(pk=user.pk).exists()


def test_expired_sessions_are_deleted_daily():
    from careercenter.celery import app

    user = UserFactory()
    live = signed_in(user).cookies[settings.SESSION_COOKIE_NAME].value
    expired = SessionStore()
    expired["seen"] = True
    expired.set_expiry(-60)
    expired.save()

    clear_expired_sessions()

    assert set(Session.objects.values_list("pk", flat=True)) == {live}
    assert app.conf.beat_schedule["clear-expired-sessions"]["task"] == clear_expired_sessions.name


def test_signing_in_replaces_a_planted_session():
    """Session fixation: a key set in the browser before sign-in is never the signed-in one."""
    user = UserFactory()
    planted = SessionStore()
    planted["planted"] = True
    planted.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert key != planted.session_key
    assert not Session.objects.filter(pk=planted.session_key).exists()
    assert Session.objects.get(pk=key).user == user
