"""Emails sent to both sides speak to each reader: their own action is "you"."""

import datetime

import pytest

from interviews import services
from notifications.models import Notification
from tests.factories import MentorProfileFactory, StudentProfileFactory
from tests.outbox import rendered

from .conftest import at, window

pytestmark = pytest.mark.django_db

MENTOR = "Morgan Okafor"
STUDENT = "Sam Lee"


@pytest.fixture
def student(db):
    return StudentProfileFactory(user__first_name="Sam", user__last_name="Lee").user


@pytest.fixture
def mentor(db):
    return MentorProfileFactory(monthly_cap=5, user__first_name="Morgan", user__last_name="Okafor")


@pytest.fixture
def scheduled(student, mentor, request_kwargs):
    requested = services.interview_request_create(
        student=student, mentor_id=mentor.pk, **request_kwargs()
    )
    return services.interview_accept(
        interview=requested,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/abc",
        proposal_id=requested.proposals.order_by("starts_at").first().pk,
    )


def body_of(kind: str, person) -> str:
    return rendered(Notification.objects.get(kind=kind, to_email=person.email)).body_text


def test_a_mentor_move_is_told_to_the_mentor_as_theirs(scheduled, student, mentor):
    services.interview_reschedule(
        interview=scheduled, by=mentor.user, starts_at=at(40, 16), reason="A board meeting moved."
    )
    to_mentor = body_of("interview.rescheduled", mentor.user)
    assert "Dear Morgan," in to_mentor
    assert "You changed the conversation. The updated calendar invite is attached." in to_mentor
    assert "A board meeting moved." in to_mentor
    assert f"{MENTOR} changed" not in to_mentor
    to_student = body_of("interview.rescheduled", student)
    assert "Dear Sam," in to_student
    assert f"{MENTOR} changed the conversation." in to_student
    assert "A board meeting moved." in to_student
    assert "You changed" not in to_student
    # A time the mentor chose is not presented as one the student asked for.
    assert "asked for" not in to_mentor + to_student


def test_a_move_to_an_asked_time_is_told_to_each_side_in_their_own_words(
    scheduled, student, mentor
):
    made = services.interview_reschedule_ask(
        interview=scheduled, by=student, reason="My exam moved.", windows=[window(8, 15)]
    )
    chosen = made.proposals.get()
    services.interview_reschedule_ask_pick(
        interview=scheduled,
        by=mentor.user,
        proposal_id=chosen.pk,
        start_at=chosen.starts_at + datetime.timedelta(minutes=30),
    )
    to_mentor = body_of("interview.rescheduled", mentor.user)
    assert "You changed the conversation." in to_mentor
    assert f"You moved it to one of the times {STUDENT} asked for." in to_mentor
    assert MENTOR not in to_mentor
    to_student = body_of("interview.rescheduled", student)
    assert f"{MENTOR} changed the conversation." in to_student
    assert f"{MENTOR} moved it to one of the times you asked for." in to_student
    assert STUDENT not in to_student


def test_a_change_of_meeting_details_is_told_to_the_mentor_as_theirs(scheduled, student, mentor):
    services.interview_update_details(
        interview=scheduled,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/new",
    )
    to_mentor = body_of("interview.rescheduled", mentor.user)
    assert "You changed the conversation." in to_mentor
    assert MENTOR not in to_mentor
    assert f"{MENTOR} changed the conversation." in body_of("interview.rescheduled", student)


@pytest.mark.parametrize("by_mentor", [True, False], ids=["mentor", "student"])
def test_a_cancellation_is_told_to_whoever_cancelled_as_theirs(
    scheduled, student, mentor, by_mentor
):
    canceller, other = (mentor.user, student) if by_mentor else (student, mentor.user)
    name = MENTOR if by_mentor else STUDENT
    services.interview_cancel(interview=scheduled, by=canceller, reason="Something came up.")
    own = body_of("interview.cancelled", canceller)
    assert "You cancelled the conversation." in own
    assert f"{name} cancelled" not in own
    theirs = body_of("interview.cancelled", other)
    assert f"{name} cancelled the conversation." in theirs
    assert "You cancelled" not in theirs
    assert "Something came up." in own
    assert "Something came up." in theirs


@pytest.fixture
def accepted_without_details(student, mentor, request_kwargs):
    """The mentor accepted by proposing other times and left "how to meet" empty."""
    requested = services.interview_request_create(
        student=student, mentor_id=mentor.pk, **request_kwargs()
    )
    return services.interview_accept(
        interview=requested, by=mentor.user, format="video", windows=[window(6, 15, 2)]
    )


def test_a_time_picked_before_the_details_are_given_is_scheduled_and_the_mentor_asked(
    accepted_without_details, student, mentor
):
    proposal = accepted_without_details.proposals.get(proposed_by="mentor", withdrawn=False)
    interview = services.interview_choose_time(
        interview=accepted_without_details, by=student, proposal_id=proposal.pk
    )
    assert interview.status == "scheduled"
    to_mentor = rendered(
        Notification.objects.get(kind="interview.scheduled", to_email=mentor.user.email)
    )
    assert f"Please add the video link on the interview page, so {STUDENT} knows" in (
        to_mentor.body_text
    )
    assert "Add the meeting details" in to_mentor.body_text
    to_student = body_of("interview.scheduled", student)
    assert f"{MENTOR} has not said yet how to meet (the video link)" in to_student
    assert "Waiting for the mentor's meeting details." in to_student

    services.interview_update_details(
        interview=interview,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/xyz",
    )
    added = rendered(
        Notification.objects.get(kind="interview.details_added", to_email=student.email)
    )
    assert added.subject == f"{MENTOR} added how to meet"
    assert "https://video.example.com/xyz" in added.body_text
    assert "METHOD:REQUEST" in added.attachments[0]["content"]
    assert "https://video.example.com/xyz" in added.attachments[0]["content"]
    # Saving the same details again tells nobody anything new.
    before = Notification.objects.count()
    services.interview_update_details(
        interview=interview,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/xyz",
    )
    assert Notification.objects.count() == before
    assert not Notification.objects.filter(kind="interview.rescheduled").exists()


def test_details_added_before_a_time_is_picked_are_told_to_the_student(
    accepted_without_details, student, mentor
):
    services.interview_update_details(
        interview=accepted_without_details,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/early",
    )
    added = rendered(
        Notification.objects.get(kind="interview.details_added", to_email=student.email)
    )
    assert f"{MENTOR} added the meeting details (below)." in added.body_text
    assert "https://video.example.com/early" in added.body_text
    assert added.attachments == []  # no time yet, so no invite


def test_the_updated_email_gives_the_previous_time_in_each_readers_zone(scheduled, student, mentor):
    student.time_zone = "America/New_York"
    student.save(update_fields=["time_zone"])
    mentor.user.time_zone = "America/Denver"
    mentor.user.save(update_fields=["time_zone"])
    previous = scheduled.starts_at
    services.interview_reschedule(
        interview=scheduled, by=mentor.user, starts_at=at(40, 16), reason="A board meeting moved."
    )
    from core.timefmt import when

    to_student = body_of("interview.rescheduled", student)
    assert f"It was on {when(previous, student.tzinfo)}; the new time is below." in to_student
    to_mentor = body_of("interview.rescheduled", mentor.user)
    assert f"It was on {when(previous, mentor.user.tzinfo)}" in to_mentor


def test_the_students_own_request_email_speaks_to_them(student, mentor, request_kwargs):
    services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())
    to_student = rendered(Notification.objects.get(kind="interview.request_sent"))
    for part in (to_student.body_text, to_student.body_html):
        assert "What you hope to learn" in part
        assert "What you already found out" in part
        assert "What they" not in part
