"""Staff pass two-factor in the session they use, before any staff-only page."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client
from django.urls import reverse

from tests.auth import login_with_second_factor
from tests.factories import (
    PASSWORD,
    InterviewFactory,
    MentorProfileFactory,
    StaffUserFactory,
    StudentProfileFactory,
)
from users.models import User

pytestmark = pytest.mark.django_db


def _code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in(client: Client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302


def test_password_and_code_open_the_admin(client):
    staff = StaffUserFactory()
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    _sign_in(client, staff.email)
    assert client.get("/admin/").status_code == 302  # the code is still owed
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})

    assert client.get("/admin/").status_code == 200


def test_a_session_from_before_enrolment_must_pass_the_code_it_never_gave():
    staff = StaffUserFactory()
    before = Client()
    _sign_in(before, staff.email)  # no authenticator yet: signed in with the password alone

    secret = generate_totp_secret()  # ...and the person enrols from another browser
    TOTP.activate(staff, secret)

    response = before.get("/admin/users/user/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert "next=%2Fadmin%2Fusers%2Fuser%2F" in response["Location"]

    response = before.post(
        response["Location"], {"code": _code(secret), "next": "/admin/users/user/"}
    )
    assert response.status_code == 302
    assert before.get("/admin/users/user/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth records it when the enrolment commits
def test_enrolling_in_this_session_counts_as_passing_the_second_factor(client):
    staff = StaffUserFactory()
    _sign_in(client, staff.email)
    response = client.get(reverse("mfa_activate_totp"))
    secret = response.context["form"].secret

    client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})

    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get("/admin/").status_code == 200


def test_staff_without_the_second_factor_reach_no_staff_only_page_outside_admin(client):
    student = StudentProfileFactory()
    interview = InterviewFactory(student=student.user)
    pending = MentorProfileFactory(status="pending")
    staff = StaffUserFactory()
    _sign_in(client, staff.email)  # signed in, with no authenticator set up yet

    pages = [
        reverse("students:resume_for", args=[student.pk]),
        reverse("interviews:detail", args=[interview.pk]),
        reverse("interviews:letter", args=[interview.pk]),
        reverse("interviews:ics", args=[interview.pk]),
        reverse("interviews:resume", args=[interview.pk]),
        reverse("mentors:detail", args=[pending.pk]),
        reverse("mentors:directory"),
        "/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == reverse("mfa_activate_totp"), page


def test_staff_who_passed_it_reach_the_pages_staff_may_see(client):
    pending = MentorProfileFactory(status="pending")
    login_with_second_factor(client, StaffUserFactory())

    assert client.get(reverse("mentors:detail", args=[pending.pk])).status_code == 200


def test_sign_in_pages_stay_open_to_staff_without_the_second_factor(client):
    staff = StaffUserFactory()
    client.force_login(staff)

    assert client.get(reverse("mfa_activate_totp")).status_code in {200, 302}
    assert client.get(reverse("account_logout")).status_code == 200


def test_a_superuser_made_at_the_console_signs_in_straight_to_two_factor_set_up(client):
    User.objects.create_superuser(email="boss@example.edu", password=PASSWORD)

    response = client.post(
        reverse("account_login"), {"login": "boss@example.edu", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] != reverse("account_email_verification_sent")

    response = client.get("/admin/", follow=True)
    # No address to confirm and no password to type again: the set-up page itself.
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "Authenticator code" in response.content.decode()


def test_the_second_factor_is_required_of_a_superuser_too(client):
    boss = User.objects.create_superuser(email="boss@example.edu", password=PASSWORD)
    TOTP.activate(boss, generate_totp_secret())
    client.force_login(boss)

    assert client.get("/admin/").status_code == 302
