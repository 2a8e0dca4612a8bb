"""A student's main address stays at a university domain on every email change."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import MentorUserFactory, StudentUserFactory
from users.models import User

pytestmark = pytest.mark.django_db
URL = reverse("account_email")


@pytest.fixture
def student(client):
    person = StudentUserFactory(email="ada@example.edu")
    EmailAddress.objects.create(user=person, email="ada@gmail.test", verified=True)
    client.force_login(person)
    return person


def primary(user) -> str:
    return EmailAddress.objects.get(user=user, primary=True).email


def test_a_student_cannot_make_a_personal_address_primary(client, student):
    response = client.post(URL, {"email": "ada@gmail.test", "action_primary": ""})

    assert response.status_code == 400
    html = response.content.decode()
    error = html[html.index('id="email_radio_1_error"') :]  # the personal address's radio
    assert "must be a university address (@example.edu)" in error[:400]
    assert 'aria-describedby="email_radio_1_error"' in html
    assert primary(student) == "ada@example.edu"
    student.refresh_from_db()
    assert (student.email, student.role) == ("ada@example.edu", User.Role.STUDENT)


def test_a_student_cannot_remove_their_only_university_address(client, student):
    response = client.post(URL, {"email": "ada@example.edu", "action_remove": ""})

    assert response.status_code == 400
    assert "your only university address" in response.content.decode()
    assert EmailAddress.objects.filter(user=student, email="ada@example.edu").exists()


def test_with_a_second_university_address_the_first_can_go(client, student):
    EmailAddress.objects.create(user=student, email="ada@cs.example.edu", verified=True)

    response = client.post(URL, {"email": "ada@cs.example.edu", "action_primary": ""})
    assert response.status_code == 302
    assert primary(student) == "ada@cs.example.edu"
    response = client.post(URL, {"email": "ada@example.edu", "action_remove": ""})
    assert response.status_code == 302
    assert not EmailAddress.objects.filter(user=student, email="ada@example.edu").exists()
    # The personal address may stay as an extra one, and may itself be removed.
    assert client.post(URL, {"email": "ada@gmail.test", "action_remove": ""}).status_code == 302


def test_a_student_may_add_a_personal_address_as_an_extra_one(client, student):
    response = client.post(URL, {"email": "ada@home.test", "action_add": ""})

    assert response.status_code == 302
    assert primary(student) == "ada@example.edu"
    assert EmailAddress.objects.filter(user=student, email="ada@home.test").exists()


def test_mentors_may_use_any_address(client):
    mentor = MentorUserFactory(email="sam@example.com")
    EmailAddress.objects.create(user=mentor, email="sam@other.test", verified=True)
    client.force_login(mentor)

    assert client.post(URL, {"email": "sam@other.test", "action_primary": ""}).status_code == 302
    assert primary(mentor) == "sam@other.test"
