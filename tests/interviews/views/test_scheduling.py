"""Accepting, declining, choosing a time, meeting details and contact details."""

import datetime

import pytest
from icalendar import Calendar

from interviews.models import Interview
from tests.factories import InterviewFactory, MentorProfileFactory

from ..conftest import at
from .conftest import (
    NEW_YORK,
    _accept_post,
    _bad,
    _requested,
    errors_of,
    local_day,
    new_york_student,
    request_post,
)

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_the_mentor_accepts_one_time_and_both_see_it_scheduled(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    response = client.post(
        f"/interviews/{interview.pk}/accept/",
        {**_accept_post(interview, proposal), "next": "/mentors/dashboard/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/mentors/dashboard/"
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED
    assert interview.starts_at == proposal.starts_at

    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Scheduled" in page
    assert interview.mentor.user.email in page
    ics = client.get(f"/interviews/{interview.pk}/invite.ics")
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    # A download invites no reply: it is published, never a REQUEST (RFC 5546).
    assert calendar["METHOD"] == "PUBLISH"
    assert "method=PUBLISH" in ics["Content-Type"]
    assert b"ATTENDEE" not in ics.content


def test_the_mentor_picks_a_start_time_inside_the_window(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    local = proposal.starts_at.astimezone(NEW_YORK) + datetime.timedelta(minutes=45)
    client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(interview, proposal, start_time=local.strftime("%H:%M")),
    )
    interview.refresh_from_db()
    assert interview.starts_at == proposal.starts_at + datetime.timedelta(minutes=45)


def test_a_start_outside_the_window_is_a_field_error(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    local = proposal.ends_at.astimezone(NEW_YORK) - datetime.timedelta(minutes=10)
    page = client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(interview, proposal, start_time=local.strftime("%H:%M")),
    )
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "accept"]
    assert "inside the proposed window" in " ".join(action["form"].errors["start_time"])


def test_missing_meeting_details_are_asked_for_next_to_the_field(client):
    interview, proposal = _requested()
    client.force_login(interview.mentor.user)
    page = client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(interview, proposal, meeting_details=""),
    )
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "accept"]
    assert "video link" in " ".join(action["form"].errors["meeting_details"])
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_the_mentor_proposes_other_times_and_the_student_chooses_one(client):
    interview, _proposal = _requested()
    client.force_login(interview.mentor.user)
    day = local_day(6).isoformat()
    client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(
            interview,
            _proposal,
            proposal="",
            window_1_date=day,
            window_1_from="10:00",
            window_1_to="11:00",
        ),
    )
    interview.refresh_from_db()
    assert interview.status == Status.ACCEPTED
    mentor_time = interview.proposals.get(proposed_by="mentor", withdrawn=False)

    client.force_login(interview.student)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    start = mentor_time.starts_at.astimezone(NEW_YORK)
    label = f"{start:%A, %B} {start.day}, {start.year}, 10:00 AM {start.tzname()}"
    assert label in page
    response = client.post(
        f"/interviews/{interview.pk}/choose_time/",
        {f"choose-{interview.pk}-proposal": str(mentor_time.pk)},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED


def test_decline_with_a_kind_template_and_a_suggestion(client):
    interview, _proposal = _requested()
    colleague = MentorProfileFactory()
    client.force_login(interview.mentor.user)
    p = f"decline-{interview.pk}-"
    response = client.post(
        f"/interviews/{interview.pk}/decline/",
        {p + "reason_choice": "outside", p + "own_words": "", p + "suggested_mentor": colleague.pk},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.DECLINED
    assert "outside my area" in interview.decline_reason
    assert interview.suggested_mentor == colleague


def test_decline_in_own_words_needs_words(client):
    interview, _proposal = _requested()
    client.force_login(interview.mentor.user)
    p = f"decline-{interview.pk}-"
    page = client.post(
        f"/interviews/{interview.pk}/decline/", {p + "reason_choice": "own", p + "own_words": ""}
    )
    assert page.status_code == 400
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_the_mentor_updates_the_meeting_details(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.mentor.user)
    p = f"details-{interview.pk}-"
    client.post(
        f"/interviews/{interview.pk}/update_details/",
        {p + "format": "phone", p + "meeting_details": "+1 617 555 0100"},
    )
    interview.refresh_from_db()
    assert interview.format == "phone"
    assert interview.sequence == 1


def test_the_mentors_contact_details_appear_only_once_accepted(client):
    mentor = MentorProfileFactory(phone="+1 617 555 0199")
    interview = InterviewFactory(mentor=mentor)
    client.force_login(interview.student)
    requested = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert mentor.user.email not in requested
    assert "555 0199" not in requested

    Interview.objects.filter(pk=interview.pk).update(
        status=Status.SCHEDULED,
        format="video",
        starts_at=at(3, 15),
        ends_at=at(3, 15) + datetime.timedelta(minutes=30),
    )
    scheduled = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert mentor.user.email in scheduled
    assert "555 0199" in scheduled


def test_the_ics_is_not_offered_for_a_request_without_a_time(client):
    interview = InterviewFactory()
    client.force_login(interview.student)
    assert client.get(f"/interviews/{interview.pk}/invite.ics").status_code == 404


def test_the_mentor_is_told_next_to_the_window_that_it_overlaps_their_conversation(client):
    interview, proposal = _requested()
    mentor = interview.mentor
    busy = InterviewFactory(mentor=mentor, scheduled=True, starts_at=at(6, 15))
    client.force_login(mentor.user)
    day = busy.starts_at.astimezone(NEW_YORK).date().isoformat()
    page = client.post(
        f"/interviews/{interview.pk}/accept/",
        _accept_post(
            interview,
            proposal,
            proposal="",
            window_1_date=day,
            window_1_from="09:00",
            window_1_to="12:00",
        ),
    )
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "accept"]
    error = " ".join(action["form"].errors["window_1_from"])
    assert f"You already have a conversation with {busy.student}" in error
    assert action["form"]["window_1_date"].value() == day
    interview.refresh_from_db()
    assert interview.status == Status.REQUESTED


def test_the_student_is_told_next_to_the_window_that_it_overlaps_their_conversation(client, mentor):
    student = new_york_student()
    # request_post's first window is 14:00–16:00 New York on day 3 (New York's day 3, which
    # is not UTC's in the evening); the student is busy at its start.
    start = datetime.datetime.combine(local_day(3), datetime.time(14, 0), NEW_YORK)
    busy = InterviewFactory(student=student, scheduled=True, starts_at=start)
    client.force_login(student)
    page = client.post(f"/interviews/request/{mentor.pk}/", request_post())
    message = " ".join(errors_of(page, "window_1_from"))
    assert f"You already have a conversation with {busy.mentor.display_name}" in message
    assert not Interview.objects.filter(mentor=mentor).exists()


def test_a_window_beyond_the_horizon_is_refused_next_to_its_date(client, mentor, settings):
    settings.REQUEST_HORIZON_DAYS = 90
    client.force_login(new_york_student())
    message, _page = _bad(client, mentor, "window_1_date", window_1_date="2099-06-01")
    assert "within the next 90 days" in message
