"""The calendar feed's services, who its token opens, and what the feed lists: the
invites' own events (same UID and SEQUENCE), cancelled ones marked cancelled, nothing
of anyone else's and nothing the person could not already see."""

import datetime

import pytest
import time_machine
from django.http import Http404
from django.utils import timezone
from icalendar import Calendar

from interviews import services
from interviews.access import access_calendar_feed
from interviews.ics import PUBLISH, calendar_feed_ics, interview_ics
from interviews.models import CalendarFeed, Interview
from interviews.selectors import calendar_feed_interviews
from tests.db_text import database_mentions
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

Status = Interview.Status
pytestmark = pytest.mark.django_db


def events(ics: str) -> dict[str, object]:
    """The feed's events by UID."""
    return {str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}


def feed_for(user) -> dict[str, object]:
    return events(calendar_feed_ics(calendar_feed_interviews(user=user), name="Conversations"))


def uid(interview) -> str:
    return str(Calendar.from_ical(interview_ics(interview)).walk("VEVENT")[0]["UID"])


# The token: only its fingerprint is kept, and only the current one opens the feed ------


def test_turning_on_stores_only_a_fingerprint_of_the_token():
    student = StudentProfileFactory().user

    token = services.calendar_feed_new_address(user=student)

    assert len(token) >= 40
    assert database_mentions([token]) == []
    assert CalendarFeed.objects.get(user=student).token_hash == CalendarFeed.fingerprint(token)
    assert access_calendar_feed(token=token).user == student


def test_a_new_address_stops_the_old_one_at_once_and_turning_off_stops_both():
    student = StudentProfileFactory().user
    old = services.calendar_feed_new_address(user=student)

    new = services.calendar_feed_new_address(user=student)

    assert new != old
    assert CalendarFeed.objects.filter(user=student).count() == 1
    with pytest.raises(Http404):
        access_calendar_feed(token=old)
    assert access_calendar_feed(token=new).user == student

    assert services.calendar_feed_turn_off(user=student) is True
    with pytest.raises(Http404):
        access_calendar_feed(token=new)
    assert services.calendar_feed_turn_off(user=student) is False  # already off: no error


@pytest.mark.parametrize("token", ["", "x", "A" * 43, "../../etc/passwd", "é" * 500])
def test_a_forged_token_opens_nothing(token):
    services.calendar_feed_new_address(user=StudentProfileFactory().user)
    with pytest.raises(Http404):
        access_calendar_feed(token=token)


def test_a_deactivated_account_s_feed_opens_nothing():
    student = StudentProfileFactory().user
    token = services.calendar_feed_new_address(user=student)
    student.is_active = False
    student.save(update_fields=["is_active"])
    with pytest.raises(Http404):
        access_calendar_feed(token=token)


# What the feed lists ------------------------------------------------------------------


def test_the_feed_has_the_invites_events_moved_and_cancelled_ones_included():
    student = StudentProfileFactory().user
    upcoming = InterviewFactory(student=student, scheduled=True)
    moved = InterviewFactory(
        student=student, scheduled=True, starts_at=upcoming.starts_at + datetime.timedelta(days=1)
    )
    cancelled = InterviewFactory(
        student=student, scheduled=True, starts_at=upcoming.starts_at + datetime.timedelta(days=2)
    )
    before_move = feed_for(student)[uid(moved)]

    services.interview_reschedule(
        interview=moved,
        by=moved.mentor.user,
        starts_at=moved.starts_at + datetime.timedelta(days=7),
        reason="A conference that week",
    )
    services.interview_cancel(interview=cancelled, by=student, reason="Exam moved")
    for interview in (moved, cancelled):
        interview.refresh_from_db()

    feed = feed_for(student)
    assert set(feed) == {uid(upcoming), uid(moved), uid(cancelled)}
    assert feed[uid(upcoming)]["STATUS"] == "CONFIRMED"
    assert feed[uid(upcoming)].decoded("DTSTART") == upcoming.starts_at
    assert feed[uid(moved)]["SEQUENCE"] == moved.sequence > before_move["SEQUENCE"]
    assert feed[uid(moved)].decoded("DTSTART") == moved.starts_at
    assert feed[uid(moved)].decoded("DTSTART") == before_move.decoded(
        "DTSTART"
    ) + datetime.timedelta(days=7)
    assert feed[uid(cancelled)]["STATUS"] == "CANCELLED"
    assert feed[uid(cancelled)]["SEQUENCE"] == cancelled.sequence
    # The emailed invite for the same conversation carries the same UID and SEQUENCE.
    invite = Calendar.from_ical(interview_ics(moved, method=PUBLISH)).walk("VEVENT")[0]
    assert (invite["UID"], invite["SEQUENCE"]) == (
        feed[uid(moved)]["UID"],
        feed[uid(moved)]["SEQUENCE"],
    )


def test_the_feed_leaves_out_untimed_requests_other_people_and_what_ended_over_a_year_ago():
    student = StudentProfileFactory().user
    mine = InterviewFactory(student=student, scheduled=True)
    InterviewFactory(student=student)  # requested: no time yet
    InterviewFactory(student=student, status=Status.DECLINED)
    InterviewFactory(scheduled=True)  # someone else's
    long_ago = timezone.now() - datetime.timedelta(days=400)
    InterviewFactory(
        student=student,
        status=Status.COMPLETED,
        starts_at=long_ago,
        ends_at=long_ago + datetime.timedelta(minutes=30),
    )
    recent = timezone.now() - datetime.timedelta(days=20)
    held = InterviewFactory(
        student=student,
        status=Status.COMPLETED,
        starts_at=recent,
        ends_at=recent + datetime.timedelta(minutes=30),
    )

    assert set(feed_for(student)) == {uid(mine), uid(held)}


def test_a_mentor_s_feed_names_the_student_as_the_invite_does_and_reveals_nothing_else():
    mentor = MentorProfileFactory()
    student = StudentProfileFactory(user__first_name="Odalys", user__last_name="Brennick").user
    interview = InterviewFactory(
        student=student,
        mentor=mentor,
        scheduled=True,
        goal="Private goal words: how did you switch careers?",
        research="Private research words: your 2019 talk.",
        resume_attached=True,
    )

    [event] = feed_for(mentor.user).values()
    invite = Calendar.from_ical(interview_ics(interview, method=PUBLISH)).walk("VEVENT")[0]

    assert event["SUMMARY"] == invite["SUMMARY"]
    assert "Odalys Brennick" in event["SUMMARY"]
    text = calendar_feed_ics(calendar_feed_interviews(user=mentor.user), name="Conversations")
    for private in (
        student.email,
        "Private goal words",
        "Private research words",
        "resume",
        "ATTENDEE",
    ):
        assert private not in text


def test_a_student_who_deleted_their_account_is_a_former_student_in_the_mentor_s_feed():
    mentor = MentorProfileFactory()
    past = timezone.now() - datetime.timedelta(days=3)
    interview = InterviewFactory(
        mentor=mentor,
        status=Status.COMPLETED,
        starts_at=past,
        ends_at=past + datetime.timedelta(minutes=30),
    )
    from users.services import user_account_erase

    user_account_erase(user=interview.student)

    [event] = feed_for(mentor.user).values()
    assert "a former student" in event["SUMMARY"]
    assert "invalid.example" not in event.to_ical().decode()


def test_the_feed_text_stays_the_same_until_something_changes():
    student = StudentProfileFactory().user
    interview = InterviewFactory(student=student, scheduled=True)

    def text():
        return calendar_feed_ics(calendar_feed_interviews(user=student), name="Conversations")

    first = text()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        assert text() == first  # DTSTAMP is the conversation's last change, not "now"
        services.interview_update_details(
            interview=interview,
            by=interview.mentor.user,
            format="phone",
            meeting_details="+1 555 0100",
        )
        assert text() != first
