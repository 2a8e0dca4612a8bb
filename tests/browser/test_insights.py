"""Insights in the browser: two conversations in one field share a point through the
type-ahead, /insights/ shows "2 of 2", the dashboard suggests a third person in that
field with its reason, and the mentor's impact page counts the conversation. Every page
passes axe-core and the Nu checker."""

import re

import pytest
from playwright.sync_api import expect

from mentors.models import CareerField
from tests.factories import MentorProfileFactory, StudentProfileFactory
from tests.notebook.conftest import held

pytestmark = pytest.mark.browser

POINT = "A master's degree is needed to advance"


def record(page, *, claim: str, stance: str, topic: str) -> None:
    page.get_by_label("What did you hear?").fill(claim)
    page.get_by_role("radio", name=stance, exact=True).check()
    page.get_by_label("Topic").select_option(label=topic)
    with page.expect_navigation():
        page.get_by_role("button", name="Record this insight").click()


def test_two_conversations_share_a_point_and_a_third_person_is_suggested(
    transactional_db, page, audit, log_in
):
    software = CareerField.objects.get(slug="software-engineering")
    student = StudentProfileFactory(fields_of_interest=[software]).user
    first = held(student, days_ago=9, career_fields=[software])
    second = held(student, days_ago=2, career_fields=[software])
    third = MentorProfileFactory(career_fields=[software], job_title="Staff Engineer")

    log_in(page, student.email)
    page.goto(f"/interviews/{first.pk}/notebook/insights/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Insights from your conversation")
    expect(page.get_by_label("Career field")).to_have_value(str(software.pk))
    audit(page)
    record(page, claim=POINT, stance="Agreed", topic="Professional development")
    expect(page.get_by_role("alert").or_(page.locator(".alert"))).to_contain_text("Recorded")
    audit(page)

    # The second conversation offers the point already noted: choosing it reuses it.
    page.goto(f"/interviews/{second.pk}/notebook/insights/")
    suggestion = page.locator("#claim-suggestions option").first
    expect(suggestion).to_have_attribute("value", POINT)
    audit(page)
    record(
        page,
        claim=suggestion.get_attribute("value") or "",
        stance="Added nuance",
        topic="Professional development",
    )
    expect(page.locator(".alert")).to_contain_text("together with what you heard before")

    page.get_by_role("link", name="See all your insights, field by field").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your insights, field by field")
    section = page.get_by_role("region", name="Software Engineering")
    expect(section).to_contain_text("2 of 2 people you spoke with in Software Engineering")
    expect(section).to_contain_text("1 agreed, 0 disagreed, 1 added nuance")
    expect(section).to_contain_text("Talk with 1 more person before drawing conclusions")
    audit(page)

    page.get_by_role("link", name="Dashboard").click()
    suggestions = page.get_by_role("region", name="Who to talk to next")
    expect(suggestions.get_by_role("link", name=third.display_name)).to_be_visible()
    expect(suggestions).to_contain_text(
        re.compile(r"Software Engineering, where you have spoken with 2 people so far")
    )
    audit(page)

    # The first mentor's impact page counts the conversation, and shows no insight.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    log_in(page, first.mentor.user.email)
    page.get_by_role("link", name=re.compile("See the difference you make")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The difference you make")
    expect(page.locator("main")).to_contain_text("You have spoken with 1 student")
    expect(page.locator("main")).not_to_contain_text(POINT)
    audit(page)
