from django.test import override_settings
from django.urls import reverse

from tests.auth import login_with_second_factor
from tests.factories import PASSWORD, StaffUserFactory, UserFactory


def test_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_admin_is_sent_to_allauth_login(client, db):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_staff_without_two_factor_is_sent_to_set_it_up(client, db):
    staff = StaffUserFactory()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    response = client.get("/admin/", follow=True)

    # Just signed in: the set-up page itself, with no second password prompt.
    assert response.redirect_chain == [(reverse("mfa_activate_totp"), 302)]
    assert "two-factor authentication" in response.content.decode()
    assert "Authenticator code" in response.content.decode()


def test_staff_without_two_factor_cannot_reach_deeper_admin_pages(client, db):
    client.force_login(StaffUserFactory())

    response = client.get("/admin/users/user/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_totp_uses_the_admin(client, db):
    staff = StaffUserFactory(is_superuser=True)
    login_with_second_factor(client, staff)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/user/").status_code == 200


@override_settings(ADMIN_REQUIRE_MFA=False)
def test_the_requirement_can_be_switched_off(client, db):
    client.force_login(StaffUserFactory())

    assert client.get("/admin/").status_code == 200


def test_students_are_not_let_into_the_admin(client, db):
    client.force_login(UserFactory())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert (
        reverse("account_login") in response["Location"] or "/admin/login/" in response["Location"]
    )
