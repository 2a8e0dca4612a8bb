"""The calendar feed in the browser: turn it on from the interview list, copy the
address, subscribe (the feed parses with icalendar), make a new address, turn it off."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.factories import InterviewFactory, StudentProfileFactory

pytestmark = pytest.mark.browser


def _path(url: str) -> str:
    return "/calendar/" + url.split("/calendar/", 1)[1]


def test_turn_on_copy_subscribe_make_a_new_address_and_turn_off(
    page, audit, sign_in, transactional_db
):
    student = StudentProfileFactory().user
    interview = InterviewFactory(student=student, scheduled=True)
    sign_in(page, student)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page.goto("/interviews/")
    page.get_by_role("link", name="See your conversations in your calendar app").click()
    expect(page.get_by_role("heading", name="Your calendar feed is off")).to_be_visible()
    audit(page)

    page.get_by_role("button", name="Turn the calendar feed on").click()
    address = page.get_by_label("Your calendar feed address")
    expect(address).to_have_value(re.compile(r"/calendar/.+\.ics$"))
    expect(page.get_by_text("Anyone who has the address can see the times")).to_be_visible()
    expect(page.get_by_role("link", name="Subscribe in my calendar app")).to_have_attribute(
        "href", re.compile(r"^webcal://.*\.ics$")
    )
    audit(page)
    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_role("status").filter(has_text="The address is copied.")).to_be_visible()
    first = address.input_value()
    assert page.evaluate("navigator.clipboard.readText()") == first

    feed = page.request.get(_path(first))
    assert feed.status == 200
    [event] = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert str(event["UID"]).startswith(str(interview.uid))

    page.get_by_role("button", name="Make a new address").click()
    expect(address).not_to_have_value(first)
    second = address.input_value()
    assert page.request.get(_path(first)).status == 404
    assert page.request.get(_path(second)).status == 200

    page.get_by_role("button", name="Turn the feed off").click()
    expect(page.get_by_role("heading", name="Your calendar feed is off")).to_be_visible()
    expect(page.get_by_label("Your calendar feed address")).to_have_count(0)
    assert page.request.get(_path(second)).status == 404
