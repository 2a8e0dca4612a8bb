"""The follow-up in the browser: after the conversation the student writes notes and a
referral, finds the referral on the networking list, sends a thank-you drafted from the
notes through the site, and the mentor reads it on their dashboard and leaves feedback
on the résumé."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interviews.reminders import reminders_schedule
from notifications.models import Notification
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory
from tests.outbox import rendered

pytestmark = pytest.mark.browser


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_notes_referral_network_thank_you_and_the_mentor_reads_it(
    transactional_db, page, audit, log_in
):
    student = StudentProfileFactory(
        user__first_name="Ada", user__last_name="Lovelace", user__time_zone="America/New_York"
    ).user
    mentor = MentorProfileFactory(
        user__first_name="Grace", user__last_name="Hopper", job_title="Engineer",
        employer="Navy Labs",
    )  # fmt: skip
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=2)
    interview = InterviewFactory(
        scheduled=True, student=student, mentor=mentor, starts_at=start,
        ends_at=start + datetime.timedelta(minutes=45), resume_attached=True,
    )  # fmt: skip
    # Its reminders as booking wrote them: the thank-you nudge waits for three days on.
    reminders_schedule(interview, now=start - datetime.timedelta(days=5))
    nudge = Notification.objects.get(kind="reminder.thank_you_nudge")
    assert nudge.status == "pending"

    # The conversation is over: the interview page leads to the notes.
    log_in(page, student.email)
    page.goto(f"/interviews/{interview.pk}/")
    audit(page)
    page.get_by_role("link", name="Your notes and referrals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Notes from your conversation with Grace Hopper"
    )
    audit(page)

    page.get_by_label("Kind of note").select_option(label="Advice")
    page.get_by_role("textbox", name=re.compile(r"^Note")).fill("Learn SQL before anything else")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Note added.")).to_be_visible()
    page.get_by_label("Kind of note").select_option(label="Term to look up")
    page.get_by_role("textbox", name=re.compile(r"^Note")).fill("dimensional modelling")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("dimensional modelling")).to_be_visible()
    page.get_by_role("link", name="Edit note 2").click()
    page.get_by_role("textbox", name=re.compile(r"^Note")).fill("dimensional modeling")
    audit(page)
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved.")).to_be_visible()

    # A referral with neither a name nor an organization is refused next to them.
    page.get_by_label("Role or job title").fill("Data lead")
    page.get_by_role("button", name="Add the referral").click()
    expect(page.get_by_text("Give at least a name or an organization.").first).to_be_visible()
    expect(page.get_by_label("Role or job title")).to_have_value("Data lead")
    audit(page)
    page.get_by_label("Name", exact=True).fill("Jane Roe")
    page.get_by_label("Organization", exact=True).fill("Acme")
    page.get_by_label("How to reach them").fill("jane@acme.example")
    page.get_by_role(
        "checkbox", name="Grace Hopper said I may mention that they referred me"
    ).check()
    page.get_by_role("button", name="Add the referral").click()
    expect(page.get_by_text("Jane Roe is on your networking list, to contact.")).to_be_visible()
    audit(page)

    # The referral is on the networking list, referred by the mentor in this conversation.
    page.goto("/students/network/")
    row = page.get_by_role("row", name="Jane Roe")
    expect(row).to_contain_text("Grace Hopper")
    expect(row.get_by_role("link", name="in your conversation on")).to_be_visible()
    audit(page)

    # The thank-you starts from the notes; the student makes it theirs and sends it.
    page.goto(f"/interviews/{interview.pk}/notebook/notes/")
    page.get_by_role("link", name="Next: write your thank-you letter").click()
    body = page.get_by_role("textbox", name="Your letter")
    expect(body).to_have_value(re.compile("Learn SQL before anything else"))
    draft = body.input_value()
    assert "Jane Roe at Acme" in draft
    audit(page)
    page.get_by_role("link", name="Print it as a letter").click()
    expect(page.get_by_role("article", name="Your thank-you as a letter")).to_contain_text(
        "Learn SQL before anything else"
    )
    audit(page)
    page.go_back()
    body = page.get_by_role("textbox", name="Your letter")
    edited = draft.replace(
        "Thank you again",
        "Your story about the first database you built stayed with me. Thank you again",
    )
    body.fill(edited)
    page.get_by_role("button", name="Email it to Grace Hopper").click()
    expect(page.get_by_text("Your thank-you is on its way to Grace Hopper.")).to_be_visible()
    expect(page.get_by_text("Emailed to Grace Hopper through the site")).to_be_visible()
    audit(page)
    email = rendered(Notification.objects.get(kind="notebook.thank_you"))
    assert "the first database you built" in email.body_text
    assert email.headers["Reply-To"] == student.email
    nudge.refresh_from_db()
    assert nudge.status == "void"  # thanked: the nudge will not be sent
    sign_out(page)

    # The mentor reads it on their dashboard and the interview page, and leaves
    # feedback on the résumé the student attached.
    log_in(page, mentor.user.email)
    page.goto("/")
    thanks = page.get_by_role("region", name="Thanks you received")
    expect(thanks).to_contain_text("Ada Lovelace")
    expect(thanks).to_contain_text("the first database you built")
    audit(page)
    thanks.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_role("article", name="Thank-you letter")).to_contain_text(
        "the first database you built"
    )
    audit(page)
    page.get_by_role("link", name="Leave feedback on the résumé").click()
    page.get_by_label("Your feedback on the résumé").fill("Lead with your projects.")
    audit(page)
    page.get_by_role("button", name="Save the feedback").click()
    expect(page.get_by_text("The student has been emailed your feedback.")).to_be_visible()
    expect(page.get_by_text("Lead with your projects.")).to_be_visible()
