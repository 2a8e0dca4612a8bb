"""Delete my account: wrong passwords are limited per person (allauth's rate limits)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from tests.factories import PASSWORD, StudentProfileFactory

pytestmark = pytest.mark.django_db
URL = "/account/delete/"


@pytest.fixture(autouse=True)
def rate_limits(settings):
    # The test settings switch allauth's rate limits off; this test is about one of them.
    settings.ACCOUNT_RATE_LIMITS = {"delete_account": "5/15m/user"}
    cache.clear()
    yield
    cache.clear()


def post(client, password: str):
    return client.post(URL, {"password": password})


def test_after_five_wrong_passwords_even_the_right_one_waits_with_a_message_at_the_field(
    client,
):
    student = StudentProfileFactory().user
    client.force_login(student)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            response = post(client, "wrong")
            assert response.status_code == 200
            assert response.context["form"].errors["password"] == [
                "That is not your password. Type it again."
            ]
        response = post(client, PASSWORD)
    assert response.status_code == 200
    [error] = response.context["form"].errors["password"]
    assert "wrong password too many times" in error
    html = response.content.decode()
    assert "wait 15 minutes" in html
    assert 'id="id_password"' in html  # the form is still there, the error next to it
    student.refresh_from_db()
    assert student.is_active

    # Another person is not affected by this one's attempts.
    other = StudentProfileFactory().user
    client.force_login(other)
    with time_machine.travel(start, tick=False):
        assert "That is not your password" in post(client, "wrong").content.decode()

    # Once the window has passed, the right password works.
    client.force_login(student)
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        response = post(client, PASSWORD)
    assert response.status_code == 302
    student.refresh_from_db()
    assert not student.is_active


def test_four_wrong_passwords_still_leave_the_right_one_working(client):
    student = StudentProfileFactory().user
    client.force_login(student)
    for _ in range(4):
        post(client, "wrong")
    response = post(client, PASSWORD)
    assert response.status_code == 302
    student.refresh_from_db()
    assert not student.is_active
