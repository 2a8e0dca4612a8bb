"""A student's email addresses in the browser: a refused change is told at the address."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_making_a_personal_address_primary_is_refused_at_that_address(
    page, audit, log_in, verified_user
):
    EmailAddress.objects.create(user=verified_user, email="ada@personal.test", verified=True)
    log_in(page, verified_user.email, PASSWORD)
    page.goto("/accounts/email/")

    page.get_by_label("ada@personal.test").check()
    page.get_by_role("button", name="Make Primary").click()

    radio = page.get_by_role("radio", name="ada@personal.test")
    expect(radio).to_be_checked()
    expect(radio).to_have_accessible_description(
        "The main address of a student account must be a university address "
        "(@example.edu). You can keep ada@personal.test as an extra address."
    )
    audit(page)
    assert EmailAddress.objects.get(user=verified_user, primary=True).email == verified_user.email
