"""The request journey in the browser: a student asks with a referral and three times,
previews, sends; the mentor accepts one time; both see it and download the invite."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from interviews.models import Interview
from interviews.reminders import confirm_url
from interviews.services import Window, interview_accept, interview_cancel
from notifications.models import Notification
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory
from tests.outbox import rendered

pytestmark = pytest.mark.browser

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def local_day(days: int) -> datetime.date:
    return (timezone.now().astimezone(NEW_YORK) + datetime.timedelta(days=days)).date()


def sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def open_action(page, name: str):
    """The region of the action ``name``, its form opened by its heading as a person
    would (the page opens only the next step's form)."""
    region = page.get_by_role("region", name=name).first
    if region.locator("details").first.get_attribute("open") is None:
        region.get_by_role("heading", name=name).click()
    return region


def download_invite(page) -> Calendar:
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    with open(info.value.path(), "rb") as file:
        return Calendar.from_ical(file.read())


def test_request_preview_send_accept_and_both_download_the_invite(
    transactional_db, page, audit, sign_in
):
    student = StudentProfileFactory(
        user__first_name="Ada", user__last_name="Lovelace", user__time_zone="America/New_York"
    ).user
    mentor = MentorProfileFactory(
        monthly_cap=5, meeting_formats=["video", "phone"], user__time_zone="America/Denver"
    )

    # The student finds the mentor and opens the request form.
    sign_in(page, student)
    page.goto(f"/mentors/{mentor.pk}/")
    audit(page)
    page.get_by_role("link", name="Request a conversation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("for a conversation")
    audit(page)

    page.get_by_label("What do you hope to learn?").fill(
        "How did you move from analysis into product work?"
    )
    page.get_by_label("What have you already found out").fill(
        "I read your team's blog and watched your talk at the alumni day."
    )
    page.get_by_label("Who referred you to this mentor?").fill("Jane Doe")
    page.get_by_label("How does that person know the mentor?").fill("they worked together at Acme")
    page.get_by_role("radio", name="45 minutes").check()
    page.get_by_role("checkbox", name="Video").check()
    for number, days in ((1, 3), (2, 4), (3, 5)):
        group = page.get_by_role("group", name=f"Time {number}")
        group.get_by_label("Date").fill(local_day(days).isoformat())
        group.get_by_label("From").fill("14:00")
        group.get_by_label("To").fill("16:00")
    page.get_by_role("checkbox", name="I am asking for information and advice").check()
    page.get_by_role("button", name="Preview your message").click()

    # The preview: as the mentor will get it, and as a letter.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Preview your request")
    expect(page.get_by_text("Jane Doe suggested I contact you.").first).to_be_visible()
    expect(page.get_by_role("article", name="Your request as a letter")).to_contain_text(
        "Sincerely,"
    )
    expect(page.get_by_role("button", name="Print the letter")).to_be_visible()
    audit(page)
    previewed = page.locator(".email-preview .request-email").inner_text().splitlines()
    page.get_by_role("button", name="Send the request").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Conversation with")
    expect(page.get_by_text("Your request is on its way")).to_be_visible()
    audit(page)
    interview = Interview.objects.get()
    # The mentor gets what the student previewed, word for word.
    to_mentor = rendered(Notification.objects.get(kind="interview.request_new"))
    assert any("My name is Ada Lovelace, a student of the class of" in line for line in previewed)
    sentences = [" ".join(line.split()) for line in previewed if line.strip()]
    body = " ".join(to_mentor.body_text.split())
    # Every line but the times, which each reader reads in their own zone (Denver here).
    assert [line for line in sentences if line not in body and " to " not in line] == []
    assert body.count(" MST to ") == 3
    assert interview.referrer_name == "Jane Doe"
    assert interview.proposals.count() == 3

    # The mentor accepts the second time, by video, with a link.
    sign_in(page, mentor.user)
    page.goto("/mentors/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your requests and conversations")
    audit(page)
    second = interview.proposals.order_by("starts_at")[1]
    local_start = second.starts_at.astimezone(zoneinfo.ZoneInfo("America/Denver"))
    accept = open_action(page, "Accept")
    accept.get_by_role("radio", name=re.compile(f"{local_start:%B} {local_start.day},")).check()
    accept.get_by_role("radio", name="Video").check()
    accept.get_by_label("Meeting details").fill("https://video.example.com/room/42")
    accept.get_by_role("button", name="Accept the request").click()
    expect(page.get_by_text("Accepted. The student has been told.")).to_be_visible()
    audit(page)

    page.get_by_role("region", name="Upcoming conversations").get_by_role("link").click()
    expect(page.get_by_text("Status: Scheduled")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d:\d\d [AP]M M[SD]T")).first).to_be_visible()
    audit(page)
    mentor_invite = download_invite(page)

    # The student sees it scheduled, with the mentor's contact details, and the same invite.
    sign_in(page, student)
    page.goto("/interviews/")
    audit(page)
    page.get_by_role("region", name="Upcoming").get_by_role("link").click()
    expect(page.get_by_text("Status: Scheduled")).to_be_visible()
    expect(page.get_by_role("link", name=mentor.user.email)).to_be_visible()
    audit(page)
    student_invite = download_invite(page)
    # Asking the same mentor again leads to this conversation, not to a blank form.
    page.goto(f"/interviews/request/{mentor.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("You already asked")
    expect(page.get_by_label("What do you hope to learn?")).to_have_count(0)
    audit(page)
    page.get_by_role("link", name="See the conversation").click()
    expect(page.get_by_text("Status: Scheduled")).to_be_visible()

    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED
    assert interview.starts_at == second.starts_at
    for calendar in (mentor_invite, student_invite):
        # A download invites no reply: it is published (RFC 5546), not a REQUEST.
        assert calendar["METHOD"] == "PUBLISH"
        [event] = calendar.walk("VEVENT")
        assert event["UID"].startswith(str(interview.uid))
        assert event.decoded("DTSTART") == interview.starts_at

    # The student cannot move the mentor's time; they ask, proposing two other times.
    page.goto(f"/interviews/{interview.pk}/")
    ask = open_action(page, "Ask to move the time")
    ask.get_by_label("Why you need another time").fill("My exam moved to that afternoon.")
    for number, days in ((1, 7), (2, 8)):
        group = ask.get_by_role("group", name=f"Time {number}")
        group.get_by_label("Date").fill(local_day(days).isoformat())
        group.get_by_label("From").fill("10:00")
        group.get_by_label("To").fill("12:00")
    ask.get_by_role("button", name="Send the ask").click()
    expect(page.get_by_text("Your ask is on its way to the mentor.")).to_be_visible()
    expect(page.get_by_role("heading", name="You asked to move the time")).to_be_visible()
    audit(page)
    interview.refresh_from_db()
    assert interview.starts_at == second.starts_at  # as agreed until the mentor answers

    # The mentor sees the ask on the dashboard and picks the second time.
    sign_in(page, mentor.user)
    page.goto("/")
    asks = page.get_by_role("region", name="Asks to move a conversation")
    expect(asks).to_contain_text("Proposed times")
    audit(page)
    page.goto("/mentors/dashboard/")
    audit(page)
    asks.get_by_role("link", name="Open the conversation").click()
    expect(page.get_by_role("heading", name="The student asks to move the time")).to_be_visible()
    expect(page.get_by_text("My exam moved to that afternoon.")).to_be_visible()
    audit(page)
    new_start = datetime.datetime.combine(local_day(8), datetime.time(10), NEW_YORK)
    denver = new_start.astimezone(zoneinfo.ZoneInfo("America/Denver"))
    pick = page.get_by_role("region", name="Move to a time the student proposed")
    pick.get_by_role("radio", name=re.compile(f"{denver:%B} {denver.day},")).check()
    pick.get_by_role("button", name="Move to this time").click()
    expect(page.get_by_text("Moved. An updated calendar invite")).to_be_visible()
    when = page.get_by_role("region", name="When and how")
    expect(when).to_contain_text(f"{denver:%B} {denver.day}, {denver.year}, 8:00 AM M")
    audit(page)

    # The student sees the new time, in New York time.
    sign_in(page, student)
    page.goto(f"/interviews/{interview.pk}/")
    when = page.get_by_role("region", name="When and how")
    expect(when).to_contain_text(f"{new_start:%B} {new_start.day}, {new_start.year}, 10:00 AM E")
    expect(page.get_by_role("heading", name="You asked to move the time")).to_have_count(0)
    audit(page)
    interview.refresh_from_db()
    assert interview.starts_at == new_start
    assert interview.sequence == 1


def test_bad_input_is_explained_next_to_the_field_and_every_page_passes_the_audit(
    transactional_db, page, audit, sign_in
):
    student = StudentProfileFactory(user__time_zone="America/New_York").user
    mentor = MentorProfileFactory(monthly_cap=5, meeting_formats=["video"])

    sign_in(page, student)
    page.goto(f"/interviews/request/{mentor.pk}/")
    page.get_by_label("What do you hope to learn?").fill("What is a normal week like?")
    page.get_by_label("What have you already found out").fill("Your team's blog.")
    page.get_by_role("checkbox", name="Video").check()
    first = page.get_by_role("group", name="Time 1")
    first.get_by_label("Date").fill(local_day(3).isoformat())
    first.get_by_label("From").fill("15:00")
    first.get_by_label("To").fill("14:00")
    page.get_by_role("checkbox", name="I am asking for information and advice").check()
    page.get_by_role("button", name="Preview your message").click()

    end = first.get_by_label("To")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_have_value("14:00")
    expect(end).to_have_accessible_description(re.compile("Each time must end after it starts."))
    expect(page.get_by_role("alert")).to_be_focused()  # the summary of what to fix
    expect(page.get_by_label("What do you hope to learn?")).to_have_value(
        "What is a normal week like?"
    )
    audit(page)

    # Fixed, previewed and sent; then the printable letter.
    end.fill("16:00")
    page.get_by_role("button", name="Preview your message").click()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_role("link", name="See your request as a printable letter").click()
    expect(page.get_by_role("article", name="Your request as a letter")).to_be_visible()
    audit(page)

    # The mentor opens the request itself: the answer forms are on its page too.
    interview = Interview.objects.get()
    proposal = interview.proposals.get()
    # Meanwhile another conversation takes the mentor's time.
    InterviewFactory(
        mentor=mentor,
        scheduled=True,
        starts_at=proposal.starts_at,
        ends_at=proposal.starts_at + datetime.timedelta(minutes=30),
    )
    sign_in(page, mentor.user)
    page.goto(f"/interviews/{interview.pk}/")
    expect(page.get_by_role("region", name="Decline kindly")).to_be_visible()
    audit(page)

    accept = page.get_by_role("region", name="Accept")
    accept.get_by_role("radio").first.check()
    accept.get_by_role("radio", name="Video").check()
    accept.get_by_label("Meeting details").fill("https://video.example.com/room/9")
    accept.get_by_role("button", name="Accept the request").click()
    # The overlap is with the mentor's own calendar: said so, not "someone was quicker".
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "That time overlaps another of your conversations"
    )
    expect(page.get_by_text("You already have a conversation with")).to_be_visible()
    audit(page)
    page.get_by_role("link", name="Back to the interview").click()
    expect(page.get_by_text("Status: Requested")).to_be_visible()

    # On the dashboard the mentor proposes other times; one overlaps that conversation,
    # and the form says so next to it before the student could ever pick it.
    page.goto("/mentors/dashboard/")
    accept = open_action(page, "Accept")
    accept.get_by_text("Or propose up to three other times").click()
    busy_day = proposal.starts_at.astimezone(NEW_YORK).date().isoformat()
    first = accept.get_by_role("group", name="Time 1")
    first.get_by_label("Date").fill(busy_day)
    first.get_by_label("From").fill(f"{proposal.starts_at.astimezone(NEW_YORK):%H:%M}")
    first.get_by_label("To").fill("23:30")
    accept.get_by_role("radio", name="Video").check()
    accept.get_by_label("Meeting details").fill("https://video.example.com/room/9")
    accept.get_by_role("button", name="Accept the request").click()
    accept = page.get_by_role("region", name="Accept")
    start = accept.get_by_role("group", name="Time 1").get_by_label("From")
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(start).to_have_accessible_description(re.compile("You already have a conversation with"))
    audit(page)
    accept.get_by_role("group", name="Time 1").get_by_label("Date").fill(local_day(9).isoformat())
    accept.get_by_role("group", name="Time 1").get_by_label("From").fill("10:00")
    accept.get_by_role("group", name="Time 1").get_by_label("To").fill("11:00")
    accept.get_by_role("button", name="Accept the request").click()
    expect(page.get_by_text("Accepted. The student has been told.")).to_be_visible()

    # The student picks the mentor's time: it is free, so it is fixed.
    sign_in(page, student)
    page.goto(f"/interviews/{interview.pk}/")
    expect(page).to_have_title(re.compile(r"^Conversation with .+ · Accepted – choosing a time"))
    expect(page.get_by_role("region", name="Cancel the conversation")).to_have_count(0)
    choose = page.get_by_role("region", name="Choose a time")
    choose.get_by_role("radio").first.check()
    choose.get_by_role("button", name="Choose this time").click()
    expect(page.get_by_text("Status: Scheduled")).to_be_visible()
    audit(page)


def test_after_the_conversation_a_no_show_takes_a_ticked_box_and_ends_with_the_thank_you(
    transactional_db, page, audit, sign_in
):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=3)
    interview = InterviewFactory(
        status=Interview.Status.COMPLETED,
        format="video",
        meeting_details="https://video.example.com/room/3",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )
    sign_in(page, interview.student)
    page.goto(f"/interviews/{interview.pk}/")
    next_step = page.get_by_role("region", name="What happens next")
    expect(next_step).to_contain_text("Send a thank-you letter today")

    # One click does not close it: the box must be ticked, and the page says so.
    missed = open_action(page, "It did not take place")
    missed.get_by_role("button", name="Report that it did not take place").click()
    missed = page.get_by_role("region", name="It did not take place")
    box = missed.get_by_role("checkbox", name="Yes, the conversation did not take place.")
    expect(box).to_have_attribute("aria-invalid", "true")
    error = missed.get_by_text("Tick the box to confirm that it did not take place.", exact=True)
    expect(error).to_be_visible()
    audit(page)

    # The thank-you says it took place: the report is gone, the next step moves on.
    thanks = open_action(page, "Your thank-you")
    thanks.get_by_role("radio", name="Email").check()
    thanks.get_by_role("button", name="Mark the thank-you as sent").click()
    expect(page.get_by_text("Well done.")).to_be_visible()
    expect(page.get_by_role("region", name="It did not take place")).to_have_count(0)
    next_step = page.get_by_role("region", name="What happens next")
    expect(next_step).not_to_contain_text("Send a thank-you letter today")
    expect(next_step).to_contain_text("your thank-you is sent")
    audit(page)

    # The mentor has said nothing yet, so they can still report it, once ticked.
    sign_in(page, interview.mentor.user)
    page.goto(f"/interviews/{interview.pk}/")
    missed = open_action(page, "It did not take place")
    missed.get_by_role("checkbox", name="Yes, the conversation did not take place.").check()
    missed.get_by_role("button", name="Report that it did not take place").click()
    expect(page.get_by_text("Recorded as not having taken place.")).to_be_visible()
    expect(page.get_by_text("Status: Did not take place")).to_be_visible()


def test_a_time_picked_before_the_details_then_the_conversation_under_way(
    transactional_db, page, audit, sign_in
):
    student = StudentProfileFactory(user__time_zone="America/New_York").user
    interview = InterviewFactory(formats=["video"], student=student)
    mentor = interview.mentor
    start = datetime.datetime.combine(local_day(1), datetime.time(15), NEW_YORK)
    interview = interview_accept(
        interview=interview,
        by=mentor.user,
        format="video",
        windows=[Window(starts_at=start, ends_at=start + datetime.timedelta(hours=2))],
    )

    # The student picks the mentor's time although the mentor has not said how to meet.
    sign_in(page, interview.student)
    page.goto(f"/interviews/{interview.pk}/")
    choose = page.get_by_role("region", name="Choose a time")
    choose.get_by_role("radio", name=re.compile(f"{start:%B} {start.day},")).check()
    choose.get_by_role("button", name="Choose this time").click()
    expect(page.get_by_text("Scheduled. The calendar invite is on its way")).to_be_visible()
    when = page.get_by_role("region", name="When and how")
    expect(when).to_contain_text("Waiting for the mentor's meeting details.")
    audit(page)
    # Under two days ahead, the dashboard asks for the confirmation, not for a brainstorm.
    page.goto("/")
    next_step = page.get_by_role("region", name=re.compile("Your next step"))
    expect(next_step).to_contain_text(f"Confirm your conversation with {mentor.display_name}")
    audit(page)

    # The mentor is asked for the details, on the dashboard, and adds them.
    sign_in(page, mentor.user)
    page.goto("/")
    next_step = page.get_by_role("region", name=re.compile("Your next step"))
    expect(next_step).to_contain_text("Say how to meet")
    audit(page)
    next_step.get_by_role("link", name="Add the meeting details").click()
    when = page.get_by_role("region", name="When and how")
    expect(when).to_contain_text("Add the meeting details below")
    details = page.get_by_role("region", name="Meeting details")
    details.get_by_label("Meeting details").fill("https://video.example.com/room/7")
    details.get_by_role("button", name="Save meeting details").click()
    expect(page.get_by_text("Meeting details saved.")).to_be_visible()
    audit(page)
    interview.refresh_from_db()
    told = rendered(Notification.objects.get(kind="interview.details_added"))
    assert told.to_email == interview.student.email
    assert "https://video.example.com/room/7" in told.body_text
    sign_out(page)


def test_a_conversation_under_way_shows_as_such_and_a_stale_confirm_link_says_why(
    transactional_db, page, audit, sign_in
):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=10)
    under_way = InterviewFactory(scheduled=True, starts_at=start)
    sign_in(page, under_way.student)
    page.goto("/")
    next_step = page.get_by_role("region", name=re.compile("Your next step"))
    expect(next_step).to_contain_text("is under way")
    expect(page.get_by_role("region", name="Upcoming interviews")).to_contain_text(
        "In progress now"
    )
    expect(page.get_by_text("Prepare your questions")).to_have_count(0)
    audit(page)
    page.goto(f"/interviews/{under_way.pk}/")
    expect(page.get_by_text("Status: In progress")).to_be_visible()
    expect(page.get_by_role("region", name="What happens next")).to_contain_text(
        "The conversation is in progress, until"
    )
    audit(page)
    sign_out(page)

    # A confirm link from an email, for a conversation since cancelled.
    later = InterviewFactory(scheduled=True)
    link = confirm_url(later)
    interview_cancel(interview=later, by=later.mentor.user, reason="I am ill.")
    page.goto("/" + link.split("/", 3)[3])  # the path of the emailed link
    expect(page.get_by_role("alert")).to_have_text(
        "This conversation was cancelled, so there is nothing to confirm."
    )
    expect(page.get_by_role("button", name="Yes, I will be there")).to_have_count(0)
    audit(page)
