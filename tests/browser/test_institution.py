"""The institution's pages in the browser: the footer leads to the accessibility
statement and the privacy page, both of which pass the checks they describe."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_footer_leads_to_the_accessibility_statement_and_privacy_page(page, audit):
    page.goto("/")
    header = page.get_by_role("banner")
    expect(header).to_contain_text(settings.INSTITUTION_NAME)
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name=settings.INSTITUTION_CONTACT_EMAIL)).to_be_visible()

    footer.get_by_role("link", name="Accessibility").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(page).to_have_title(re.compile("^Accessibility statement"))
    expect(page.get_by_role("heading", name="Known limitations")).to_be_visible()
    expect(
        page.get_by_role("link", name=settings.INSTITUTION_ACCESSIBILITY_EMAIL)
    ).to_have_attribute("href", f"mailto:{settings.INSTITUTION_ACCESSIBILITY_EMAIL}")
    audit(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
    expect(page.get_by_role("heading", name="Who sees what")).to_be_visible()
    audit(page)

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/accessibility/")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 320, f"the statement scrolls sideways at 320 px ({scroll} px wide)"
