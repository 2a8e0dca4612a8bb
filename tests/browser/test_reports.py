"""Career staff import an alumni list and read the program report, in the browser."""

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from playwright.sync_api import expect

from reports.models import AlumniInvitation
from tests.browser.test_mentors import TOTP_SECRET, current_code
from tests.factories import InterviewFactory, MentorUserFactory, StaffUserFactory

pytestmark = pytest.mark.browser

ALUMNI = (
    "email,first_name,last_name,graduation_year,employer,job_title\n"
    "ada@example.org,Ada,Lovelace,1998,Analytical Engines,Engineer\n"
    "grace@example.org,Grace,Hopper,,Navy,Rear Admiral\n"
    "oops,Bad,Address,,,\n"
    "known@example.com,Known,Mentor,,,\n"
)


def test_staff_import_alumni_then_read_the_report_and_download_a_table(
    page, audit, log_in, transactional_db, tmp_path, browser, live_server
):
    InterviewFactory.create_batch(3)
    MentorUserFactory(email="known@example.com")
    staff = StaffUserFactory()
    TOTP.activate(staff, TOTP_SECRET)
    log_in(page, staff.email)
    page.locator("input[name=code]").fill(current_code())
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()

    # The alumni list: upload, preview, import.
    page.goto("/admin/reports/alumniimport/add/")
    csv_file = tmp_path / "alumni.csv"
    csv_file.write_text(ALUMNI)
    page.get_by_label("Alumni list (CSV)").set_input_files(str(csv_file))
    page.get_by_role("button", name="Read the file and preview").click()
    expect(page.get_by_role("heading", name="Not imported: see the problems (1)")).to_be_visible()
    expect(page.get_by_text("“oops” is not an email address.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Has an account already"))).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Import and invite 2 people").click()
    expect(page.get_by_role("heading", name="Status: Done")).to_be_visible()
    expect(page.get_by_text("2 of 2 rows processed: 2 invited")).to_be_visible()
    assert AlumniInvitation.objects.count() == 2

    # Ada follows her link (in her own browser): the volunteer form, filled in.
    [to_ada] = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    link = re.search(r"http://\S+/mentors/volunteer/invited/\S+/", to_ada.body).group(0)
    ada = browser.new_context(base_url=live_server.url)
    ada_page = ada.new_page()
    ada_page.goto(link.replace("http://127.0.0.1:8000", ""))
    expect(ada_page.get_by_label("First name")).to_have_value("Ada")
    expect(ada_page.get_by_label("Employer")).to_have_value("Analytical Engines")
    audit(ada_page)
    ada.close()

    # The report, from the admin index.
    page.goto("/admin/")
    page.get_by_role("link", name=re.compile("Program report")).click()
    expect(page.get_by_role("heading", name="Key figures")).to_be_visible()
    expect(page.get_by_role("img", name="What became of the requests")).to_be_visible()
    expect(page.get_by_role("table", name="Key figures")).to_contain_text("Requests sent")
    audit(page)

    # A bad period is explained next to the field.
    page.get_by_label("From").fill("2026-05-01")
    page.get_by_label("To (included)").fill("2026-04-01")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_text("The end comes before the start")).to_be_visible()
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Key figures” as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Figure,Value"
    assert "Requests sent,3" in text
