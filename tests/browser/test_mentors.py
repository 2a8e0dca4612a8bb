"""Career Mentors in the browser: an alum volunteers, staff approve, a student finds them,
and the alum retires."""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from playwright.sync_api import expect

from mentors.models import CareerField, MentorProfile
from tests.browser.test_accounts import CONFIRM_LINK
from tests.factories import (
    PASSWORD,
    MentorProfileFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentUserFactory,
)

pytestmark = pytest.mark.browser

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code() -> str:
    counters = list(yield_hotp_counters_from_time())  # now, with the tolerance either side
    counter = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(TOTP_SECRET, counter))


def test_alum_volunteers_staff_approve_a_student_finds_them_and_they_retire(
    page, audit, log_in, sign_in, transactional_db, browser, live_server
):
    MentorProfileFactory.create_batch(3)  # others in the directory
    law = CareerField.objects.get(slug="law")

    # An alum volunteers.
    page.goto("/mentors/volunteer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer as a Career Mentor")
    audit(page)
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Hopper")
    page.get_by_role("textbox", name="Email").fill("grace.hopper@example.com")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Employer").fill("Quillfeather Analytics")
    page.get_by_label("Job title").fill("Principal Data Scientist")
    page.get_by_role("combobox", name="Industry").select_option("engineering_technology")
    page.get_by_label(law.name, exact=True).check()
    page.get_by_label("Graduation year").fill("1998")
    page.get_by_label("Your time zone").select_option("America/New_York")
    page.get_by_label("Short bio").fill("Twenty years of turning data into decisions.")
    page.get_by_label("Video").check()
    page.get_by_label("Conversations per month, at most").fill("3")
    page.get_by_label(re.compile("I agree that signed-in students")).check()
    page.get_by_role("button", name="Volunteer as a Career Mentor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for volunteering")
    audit(page)
    profile = MentorProfile.objects.get(user__email="grace.hopper@example.com")
    assert profile.status == MentorProfile.Status.PENDING

    # Staff approve from the approval queue in admin, after their second factor; the
    # status is not a field, and approval waits for the volunteer's confirmed address.
    MentorProfileFactory(
        status="pending",
        user=MentorUserFactory(first_name="Una", last_name="Unconfirmed", email_verified=False),
    )
    staff = StaffUserFactory()
    TOTP.activate(staff, TOTP_SECRET)
    log_in(page, staff.email)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(current_code())
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.goto("/admin/mentors/pendingmentorprofile/")
    row = page.get_by_role("row").filter(has_text="Grace Hopper")
    expect(row.get_by_role("img", name="False")).to_be_visible()  # email not confirmed
    row.get_by_role("link", name="Grace Hopper").click()
    expect(page.get_by_role("combobox", name="Status")).to_have_count(0)
    expect(page.get_by_text("Pending approval")).to_be_visible()
    approve = page.get_by_role("button", name="Save and approve (the volunteer is emailed)")
    approve.click()
    expect(page.get_by_text("Saved, but not approved")).to_contain_text(
        "has not confirmed their email address (grace.hopper@example.com)"
    )

    # She confirms her address (in her own browser); now approval goes through.
    [confirmation] = [m for m in mail.outbox if "grace.hopper@example.com" in m.to]
    grace = browser.new_context(base_url=live_server.url)
    grace_page = grace.new_page()
    grace_page.goto(CONFIRM_LINK.search(confirmation.body).group(0))
    grace_page.get_by_role("button", name="Confirm").click()
    expect(grace_page.get_by_text("You have confirmed")).to_be_visible()
    grace.close()
    page.reload()
    approve.click()
    expect(page.get_by_text("Grace Hopper is approved and listed")).to_be_visible()
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.APPROVED
    assert profile.approved_by == staff
    assert profile.approved_at is not None
    [approval] = [m for m in mail.outbox if "You are now a Career Mentor" in m.subject]
    assert f"/mentors/{profile.pk}/" in approval.body

    # A bulk approval says, per volunteer, who could not be approved yet.
    page.get_by_role("row").filter(has_text="Una Unconfirmed").get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option("approve_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Not approved: Una Unconfirmed has not confirmed")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # A student finds her through a misspelled employer.
    student = StudentUserFactory()
    sign_in(page, student)
    page.goto("/mentors/")
    audit(page)
    page.get_by_role("searchbox", name="Search").fill("Quilfeather")
    page.get_by_role("button", name="Show mentors").click()
    result = page.get_by_role("link", name="Grace Hopper")
    expect(result).to_be_visible()
    audit(page)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Hopper")
    expect(page.get_by_text("grace.hopper@example.com")).to_have_count(0)
    audit(page)
    page.get_by_role("button", name="Sign out").click()

    # Years later she retires: a page says what happens first, and nothing changes yet.
    log_in(page, "grace.hopper@example.com")
    page.goto("/mentors/me/")
    page.get_by_role("link", name="Retire as a mentor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retire as a Career Mentor?")
    expect(page.get_by_text("Conversations already scheduled stay as they are")).to_be_visible()
    expect(page.get_by_role("link", name="See your requests and conversations")).to_have_attribute(
        "href", "/mentors/dashboard/"
    )
    audit(page)
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.APPROVED
    page.get_by_role("button", name="Retire as a mentor").click()
    expect(page.get_by_text("You are retired as a Career Mentor")).to_be_visible()
    audit(page)
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.RETIRED


@pytest.mark.parametrize(
    ("browser_zone", "preselected"),
    [
        ("America/New_York", "America/New_York"),
        ("Europe/Oslo", "Europe/Oslo"),
        # An alias: Chromium may report it as such; the list has the current name.
        ("Asia/Calcutta", "Asia/Kolkata"),
    ],
)
def test_the_volunteer_form_starts_in_the_browsers_time_zone(
    browser, live_server, settings, transactional_db, browser_zone, preselected
):
    settings.TIME_ZONE = "UTC"  # so that the preselect can only come from the browser
    context = browser.new_context(base_url=live_server.url, timezone_id=browser_zone)
    try:
        page = context.new_page()
        page.goto("/mentors/volunteer/")
        expect(page.get_by_label("Your time zone")).to_have_value(preselected)
    finally:
        context.close()
