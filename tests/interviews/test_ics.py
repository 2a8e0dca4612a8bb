import datetime

import pytest
from icalendar import Calendar

from interviews import services
from interviews.ics import CANCEL, interview_ics
from tests.factories import InterviewFactory, TimeProposalFactory

pytestmark = pytest.mark.django_db


def parse(text: str):
    calendar = Calendar.from_ical(text)
    return calendar, next(iter(calendar.walk("VEVENT")))


@pytest.fixture
def scheduled():
    interview = InterviewFactory()
    interview.mentor.user.time_zone = "America/Denver"
    interview.mentor.user.save()
    proposal = TimeProposalFactory(interview=interview)
    return services.interview_accept(
        interview=interview,
        by=interview.mentor.user,
        format="video",
        meeting_details="https://video.example.com/room",
        proposal_id=proposal.pk,
    )


def test_the_invite_is_a_request_with_organizer_attendees_and_time_zone(scheduled):
    calendar, event = parse(interview_ics(scheduled))
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]).startswith(str(scheduled.uid))
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == scheduled.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(minutes=30)
    assert event["DTSTART"].params["TZID"] == "America/Denver"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Denver"]
    assert str(event["ORGANIZER"]) == f"mailto:{scheduled.mentor.user.email}"
    attendees = {str(a) for a in event["ATTENDEE"]}
    assert f"mailto:{scheduled.student.email}" in attendees


def test_reschedule_keeps_the_uid_and_raises_the_sequence(scheduled):
    _, before = parse(interview_ics(scheduled))
    services.interview_reschedule(
        interview=scheduled,
        by=scheduled.mentor.user,
        starts_at=scheduled.starts_at + datetime.timedelta(days=2),
        reason="Exam",
    )
    scheduled.refresh_from_db()
    _, after = parse(interview_ics(scheduled))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + datetime.timedelta(days=2)


def test_cancel_uses_method_cancel_with_a_higher_sequence(scheduled):
    _, before = parse(interview_ics(scheduled))
    services.interview_cancel(interview=scheduled, by=scheduled.student, reason="Ill")
    scheduled.refresh_from_db()
    calendar, after = parse(interview_ics(scheduled, method=CANCEL))
    assert calendar["METHOD"] == "CANCEL"
    assert after["STATUS"] == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_an_interview_across_the_dst_change_keeps_its_absolute_time():
    interview = InterviewFactory(
        scheduled=True,
        starts_at=datetime.datetime(2026, 11, 1, 15, 0, tzinfo=datetime.UTC),  # 8:00 MST
    )
    interview.mentor.user.time_zone = "America/Denver"
    interview.mentor.user.save()
    _, event = parse(interview_ics(interview))
    start = event.decoded("DTSTART")
    assert start == interview.starts_at
    assert start.utcoffset() == datetime.timedelta(hours=-7)
