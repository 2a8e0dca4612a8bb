"""Accounts in the browser: student sign-up, verification, and what bad input looks like."""

import re

import pytest
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
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Sign Up", re.I))
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


def test_verified_user_signs_in(page, audit, log_in, verified_user):
    log_in(page, verified_user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    audit(page)
