"""users.backends: the signed-in user is read with a query compiled once, and is the same
user, with the same checks, as Django's own backend reads."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, backends
from django.test import Client
from django.urls import reverse

from core import query_shapes
from tests.factories import PASSWORD, UserFactory
from users.backends import AuthenticationBackend, ModelBackend
from users.models import User

pytestmark = pytest.mark.django_db


def fields(user: User) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_user_read_is_the_one_djangos_backend_reads(backend):
    user = UserFactory(first_name="Ada", time_zone="Europe/Madrid", language="es")
    user.refresh_from_db()
    for _ in range(2):  # learnt, then filled in
        ours = backend().get_user(user.pk)
        theirs = backends.ModelBackend().get_user(user.pk)
        assert fields(ours) == fields(theirs) == fields(user)
        assert ours._state.adding is False and ours._state.db == "default"
        assert ours.has_usable_password() and ours.check_password(PASSWORD)
    other = UserFactory()
    assert backend().get_user(other.pk).email == other.email


@pytest.mark.parametrize("user_id", [0, 987654, "nonsense", None])
def test_no_user_for_an_unknown_or_malformed_id(user_id):
    UserFactory()
    assert ModelBackend().get_user(user_id) is None


def test_a_deactivated_user_is_not_read():
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert ModelBackend().get_user(user.pk) is None
    assert AuthenticationBackend().get_user(user.pk) is None


def test_sign_in_records_this_backend_and_each_page_reads_the_user_through_it(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] in settings.AUTHENTICATION_BACKENDS
    assert client.session[BACKEND_SESSION_KEY].startswith("users.backends.")
    assert client.get(reverse("guide")).wsgi_request.user == user
    assert any(key[0] == "users.session_with_user" for key in query_shapes._shapes)


def test_deactivation_and_a_password_change_sign_out_on_the_next_request():
    user, other = UserFactory(), UserFactory()
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(other)
    page = reverse("account_delete")
    assert first.get(page).status_code == 200
    assert second.get(page).status_code == 200

    User.objects.filter(pk=user.pk).update(is_active=False)
    other.set_password("another-Strong-pass-2026")
    other.save()

    for client in (first, second):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
