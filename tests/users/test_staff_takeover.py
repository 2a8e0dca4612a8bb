"""Career staff cannot become another staff member or a superuser (nor a student).

The review's path: staff read a password-reset link in the email log, or set a
superuser's address in admin, then reset its password. Both are closed."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notification_dispatch_due, notification_resend
from tests.auth import login_with_second_factor
from tests.factories import StaffUserFactory, StudentUserFactory
from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return User.objects.create_superuser(email="boss@example.edu", password="x-Long-pass-2026")


def _reset_link(client, email, django_capture_on_commit_callbacks) -> tuple[Notification, str]:
    anonymous = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(reverse("account_reset_password"), {"email": email})
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if "/password/reset/key/" in line)
    return Notification.objects.get(kind="account.password_reset_key"), link.strip()


def test_the_email_log_never_shows_a_password_reset_link(
    staff_client, boss, django_capture_on_commit_callbacks
):
    client, _staff = staff_client
    row, link = _reset_link(client, boss.email, django_capture_on_commit_callbacks)

    page = client.get(f"/admin/notifications/notification/{row.pk}/change/").content.decode()
    assert page.count("password_reset_key") >= 1  # the row is there, by kind...
    assert link not in page and "/password/reset/key/" not in page  # ...its link is not
    listing = client.get("/admin/notifications/notification/?q=reset").content.decode()
    assert "/password/reset/key/" not in listing


def test_a_sent_account_email_keeps_no_secret_in_the_database(
    client, boss, django_capture_on_commit_callbacks
):
    row, link = _reset_link(client, boss.email, django_capture_on_commit_callbacks)

    row.refresh_from_db()
    assert row.status == Notification.Status.SENT
    assert row.sensitive
    assert link not in row.body_text and link not in row.body_html
    assert "/password/reset/key/" not in row.body_text + row.body_html


def test_an_account_email_is_never_sent_again_from_the_log(
    client, boss, django_capture_on_commit_callbacks
):
    row, _link = _reset_link(client, boss.email, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    assert notification_resend(notification_ids=[row.pk]) == 0
    notification_dispatch_due(now=row.due_at)
    assert mail.outbox == []


def test_staff_cannot_change_a_superusers_or_another_staff_members_addresses(staff_client, boss):
    client, staff = staff_client
    colleague = StaffUserFactory()
    for person in (boss, colleague):
        address = EmailAddress.objects.get_or_create(
            user=person, email=person.email, defaults={"verified": True, "primary": True}
        )[0]
        url = f"/admin/account/emailaddress/{address.pk}/change/"
        response = client.post(
            url, {"user": staff.pk, "email": "mine@example.com", "verified": "on", "primary": "on"}
        )
        assert response.status_code in {302, 403}
        address.refresh_from_db()
        assert (address.user_id, address.email) == (person.pk, person.email)
        assert 'name="email"' not in client.get(url).content.decode()


def test_staff_cannot_type_an_address_into_a_students_account(staff_client):
    client, _staff = staff_client
    student = StudentUserFactory()
    address = EmailAddress.objects.get(user=student)

    client.post(
        f"/admin/account/emailaddress/{address.pk}/change/",
        {"user": student.pk, "email": "attacker@example.com", "verified": "on", "primary": "on"},
    )
    client.post(
        f"/admin/users/user/{student.pk}/change/",
        {"email": "attacker@example.com", "role": "student", "time_zone": "UTC"},
    )

    address.refresh_from_db()
    student.refresh_from_db()
    assert address.email == student.email != "attacker@example.com"


def test_only_a_superuser_sets_anyones_password(staff_client, boss, client):
    staff_browser, _staff = staff_client
    student = StudentUserFactory()
    colleague = StaffUserFactory()
    for person in (student, colleague, boss):
        url = f"/admin/users/user/{person.pk}/password/"
        response = staff_browser.post(
            url, {"password1": "Taken-over-2026!", "password2": "Taken-over-2026!"}
        )
        assert response.status_code == 403, person
        person.refresh_from_db()
        assert not person.check_password("Taken-over-2026!")

    login_with_second_factor(client, boss)  # the superuser still can
    response = client.post(
        f"/admin/users/user/{student.pk}/password/",
        {"password1": "Reset-by-boss-2026!", "password2": "Reset-by-boss-2026!"},
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password("Reset-by-boss-2026!")


def test_staff_cannot_change_or_remove_another_staff_members_two_factor(staff_client, boss):
    client, _staff = staff_client
    colleague = StaffUserFactory()
    login_with_second_factor(client.__class__(), colleague)
    login_with_second_factor(client.__class__(), boss)
    for person in (colleague, boss):
        device = Authenticator.objects.get(user=person, type="totp")
        assert (
            client.post(
                f"/admin/mfa/authenticator/{device.pk}/delete/", {"post": "yes"}
            ).status_code
            == 403
        )
        assert Authenticator.objects.filter(pk=device.pk).exists()
