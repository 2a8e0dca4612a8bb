"""Career Mentors in the browser: an alum volunteers, staff approve, a student finds them."""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import expect

from mentors.models import CareerField, MentorProfile
from tests.factories import PASSWORD, MentorProfileFactory, StaffUserFactory, StudentUserFactory

pytestmark = pytest.mark.browser

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code() -> str:
    counters = list(yield_hotp_counters_from_time())  # now, with the tolerance either side
    counter = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(TOTP_SECRET, counter))


def test_alum_volunteers_staff_approve_and_a_student_finds_them_by_a_typo(
    page, audit, log_in, transactional_db
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

    # Staff approve it from the approval queue in admin, after their second factor.
    staff = StaffUserFactory(is_superuser=True)
    TOTP.activate(staff, TOTP_SECRET)
    log_in(page, staff.email)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(current_code())
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.goto("/admin/mentors/pendingmentorprofile/")
    row = page.get_by_role("row").filter(has_text="Grace Hopper")
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option("approve_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 volunteer approved.")).to_be_visible()
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.APPROVED
    assert profile.approved_by == staff
    page.get_by_role("button", name="Log out").click()

    # A student finds her through a misspelled employer.
    student = StudentUserFactory()
    log_in(page, student.email)
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
