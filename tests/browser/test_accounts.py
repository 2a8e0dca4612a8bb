"""Accounts in the browser: student sign-up, verification, and what bad input looks like."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from users.models import User

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+")


def fill_signup(page, *, first="Ada", last="Lovelace", email, password=PASSWORD, again=None):
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password if again is None else again)
    page.get_by_role("button", name="Sign Up").click()


def test_student_signs_up_verifies_and_lands_on_dashboard(page, audit):
    page.goto("/")
    audit(page)

    page.get_by_role("link", name="Sign up with your university email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your student account")
    expect(page).to_have_title(re.compile("^Create your student account"))
    expect(page.get_by_text("university email address (@example.edu)")).to_be_visible()
    expect(page.get_by_role("link", name="volunteer as a Career Mentor")).to_have_attribute(
        "href", "/mentors/volunteer/"
    )
    audit(page)

    fill_signup(page, email="ada@cs.example.edu")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Verify Your Email Address", re.I)
    )
    audit(page)

    [message] = [m for m in mail.outbox if "ada@cs.example.edu" in m.to]
    link = CONFIRM_LINK.search(message.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Confirm Email Address", re.I)
    )
    audit(page)

    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Ada")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    audit(page)

    user = User.objects.get(email="ada@cs.example.edu")
    assert user.role == User.Role.STUDENT
    assert user.emailaddress_set.get().verified


def test_wrong_domain_is_refused_next_to_the_email_field(page, audit):
    page.goto("/accounts/signup/")
    fill_signup(page, email="ada@gmail.com")

    email = page.get_by_label("Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("university email address"))
    expect(email).to_have_value("ada@gmail.com")
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.locator("#id_email_error")).to_contain_text("@example.edu")
    audit(page)
    assert not User.objects.filter(email="ada@gmail.com").exists()


def test_weak_password_is_explained_next_to_the_password_field(page, audit):
    page.goto("/accounts/signup/")
    fill_signup(page, email="grace@example.edu", password="password")

    password = page.get_by_label("Password", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(re.compile("too common", re.I))
    expect(page.get_by_label("Email", exact=True)).to_have_value("grace@example.edu")
    audit(page)
    assert not User.objects.filter(email="grace@example.edu").exists()


def test_duplicate_email_reveals_nothing_and_tells_the_owner(page, audit):
    UserFactory(email="taken@example.edu")
    page.goto("/accounts/signup/")
    fill_signup(page, email="taken@example.edu")

    # With enumeration prevention the page looks like any sign-up; the owner gets an email.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Verify Your Email Address", re.I)
    )
    audit(page)
    assert User.objects.filter(email__iexact="taken@example.edu").count() == 1
    [message] = [m for m in mail.outbox if "taken@example.edu" in m.to]
    assert "already" in message.body.lower()
    assert "Hello from Career Center!" in message.body
    assert "taken@example.edu" in message.body


def test_verified_user_signs_in(page, audit, log_in, verified_user):
    log_in(page, verified_user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    audit(page)


def test_signed_out_account_pages_pass_the_audit(page, audit, verified_user):
    page.goto("/guide/")
    audit(page)

    page.goto("/accounts/login/")
    audit(page)
    page.get_by_label("Email", exact=True).fill(verified_user.email)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("alert")).to_contain_text("not correct")
    expect(page.get_by_label("Email", exact=True)).to_have_value(verified_user.email)
    audit(page)

    page.get_by_role("link", name="Forgot your password?").click()
    audit(page)
    page.get_by_label("Email", exact=True).fill(verified_user.email)
    page.get_by_role("button", name="Reset My Password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Password Reset", re.I))
    audit(page)

    [message] = [m for m in mail.outbox if verified_user.email in m.to]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Change Password", re.I))
    audit(page)
    page.get_by_label("New Password", exact=True).fill("short")
    page.get_by_label("New Password (again)").fill("short")
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_label("New Password", exact=True)).to_have_attribute("aria-invalid", "true")
    audit(page)
    page.get_by_label("New Password", exact=True).fill("another-Strong-pass-2026")
    page.get_by_label("New Password (again)").fill("another-Strong-pass-2026")
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_text("Your password is now changed.")).to_be_visible()
    audit(page)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Bad Token", re.I))
    audit(page)

    page.goto("/accounts/confirm-email/not-a-real-key/")
    expect(page.get_by_text("expired or is invalid")).to_be_visible()
    audit(page)

    page.goto("/accounts/inactive/")
    audit(page)


def _totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_signed_in_account_pages_and_two_factor_pass_the_audit(page, audit, log_in, verified_user):
    log_in(page, verified_user.email, PASSWORD)

    for path in ("/accounts/email/", "/accounts/password/change/", "/accounts/reauthenticate/"):
        page.goto(path)
        audit(page)

    page.goto("/accounts/password/change/")
    page.get_by_label("Current Password").fill("wrong-one")
    page.get_by_label("New Password", exact=True).fill("another-Strong-pass-2026")
    page.get_by_label("New Password (again)").fill("another-Strong-pass-2026")
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_label("Current Password")).to_have_attribute("aria-invalid", "true")
    audit(page)

    page.goto("/accounts/2fa/")
    audit(page)
    page.get_by_role("link", name="Activate").click()
    # Signed in moments ago: that counts as recent, so no second password prompt.
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    audit(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_label("Authenticator code")).to_have_attribute("aria-invalid", "true")
    audit(page)
    page.get_by_label("Authenticator code").fill(_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/"))
    audit(page)

    page.goto("/accounts/2fa/recovery-codes/")
    audit(page)
    codes = page.get_by_label("Unused codes").input_value().split()
    assert codes

    page.goto("/accounts/logout/")
    audit(page)
    page.locator("main").get_by_role("button", name="Sign Out").click()

    page.goto("/accounts/login/")
    page.get_by_label("Email", exact=True).fill(verified_user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    audit(page)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")

    page.goto("/accounts/2fa/reauthenticate/")
    audit(page)
    # Five minutes after signing in, a two-factor change asks for the password again.
    with time_machine.travel(datetime.timedelta(minutes=6)):
        page.goto("/accounts/2fa/totp/deactivate/")
        expect(page).to_have_url(re.compile("/accounts/reauthenticate/"))
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/deactivate/"))
    audit(page)
    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Two-Factor Authentication", re.I)
    )
    audit(page)
