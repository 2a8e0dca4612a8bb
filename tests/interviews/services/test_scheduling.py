"""Accepting, choosing a time, and the calendar the database guards."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from interviews import services
from interviews.models import Interview
from interviews.services import ActionNotAllowed, SlotTaken, Window
from mentors.models import MentorMonthlyLoad
from notifications.models import Notification
from tests.factories import InterviewFactory, TimeProposalFactory
from tests.outbox import rendered

from ..conftest import at, window
from .conftest import body_of, kinds_to, student_proposal

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_accepting_a_proposed_time_schedules_it_and_sends_invites(requested, mentor, student):
    proposal = student_proposal(requested)
    start = proposal.starts_at + datetime.timedelta(minutes=30)
    interview = services.interview_accept(
        interview=requested,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/abc",
        proposal_id=proposal.pk,
        start_at=start,
    )
    assert interview.status == Status.SCHEDULED
    assert interview.starts_at == start
    assert interview.ends_at == start + datetime.timedelta(minutes=30)
    assert MentorMonthlyLoad.objects.get(mentor=mentor).count == 1
    assert "interview.scheduled" in kinds_to(student.email)
    assert "interview.scheduled" in kinds_to(mentor.user.email)
    invite = rendered(Notification.objects.get(kind="interview.scheduled", to_email=student.email))
    assert invite.attachments[0]["filename"] == "invite.ics"
    assert "METHOD:REQUEST" in invite.attachments[0]["content"]
    # The mentor organizes the event: their own copy is published, not a request to reply.
    own_copy = rendered(
        Notification.objects.get(kind="interview.scheduled", to_email=mentor.user.email)
    )
    assert "METHOD:PUBLISH" in own_copy.attachments[0]["content"]
    assert "ATTENDEE" not in own_copy.attachments[0]["content"]
    # One email tells the student they were accepted and when: no second "accepted" one.
    assert "interview.accepted" not in kinds_to(student.email)


def test_a_start_outside_the_window_is_refused(requested, mentor):
    proposal = student_proposal(requested)
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_accept(
            interview=requested,
            by=mentor.user,
            format="video",
            meeting_details="https://video.example.com/abc",
            proposal_id=proposal.pk,
            start_at=proposal.ends_at - datetime.timedelta(minutes=10),
        )
    assert refused.value.field == "start_at"


def test_meeting_details_are_required_to_schedule(requested, mentor):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_accept(
            interview=requested,
            by=mentor.user,
            format="video",
            proposal_id=student_proposal(requested).pk,
        )
    assert refused.value.field == "meeting_details"


def test_mentor_proposes_times_then_the_student_picks_one(requested, mentor, student):
    interview = services.interview_accept(
        interview=requested,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/abc",
        windows=[window(8, 14, 1), window(9, 14, 1)],
    )
    assert interview.status == Status.ACCEPTED
    assert not interview.proposals.filter(proposed_by="student", withdrawn=False).exists()
    mentor_window = interview.proposals.filter(proposed_by="mentor").first()
    interview = services.interview_choose_time(
        interview=interview, by=student, proposal_id=mentor_window.pk
    )
    assert interview.status == Status.SCHEDULED
    assert interview.starts_at == mentor_window.starts_at


def test_a_double_click_on_accept_is_a_clear_refusal_not_an_error(requested, mentor):
    details = {"format": "video", "meeting_details": "https://video.example.com/abc"}
    proposal_id = student_proposal(requested).pk
    services.interview_accept(
        interview=requested, by=mentor.user, proposal_id=proposal_id, **details
    )
    with pytest.raises(ActionNotAllowed, match="no longer be accepted"):
        services.interview_accept(
            interview=requested, by=mentor.user, proposal_id=proposal_id, **details
        )


def test_overlapping_times_for_one_mentor_are_refused_by_the_database(scheduled, mentor):
    other = InterviewFactory(mentor=mentor)
    proposal = TimeProposalFactory(
        interview=other,
        starts_at=scheduled.starts_at + datetime.timedelta(minutes=10),
        ends_at=scheduled.starts_at + datetime.timedelta(hours=2),
    )
    with pytest.raises(SlotTaken):
        services.interview_accept(
            interview=other,
            by=mentor.user,
            format="video",
            meeting_details="https://video.example.com/abc",
            proposal_id=proposal.pk,
        )
    other.refresh_from_db()
    assert other.status == Status.REQUESTED


def test_emails_state_both_zones_when_they_differ():
    interview = InterviewFactory()
    interview.student.time_zone = "America/New_York"
    interview.student.save()
    interview.mentor.user.time_zone = "America/Denver"
    interview.mentor.user.save()
    # 2026-11-02 16:00 UTC: after the change, 11:00 EST and 9:00 MST.
    proposal = TimeProposalFactory(
        interview=interview,
        starts_at=datetime.datetime(2026, 11, 2, 16, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 11, 2, 18, 0, tzinfo=datetime.UTC),
    )
    with time_machine.travel(datetime.datetime(2026, 10, 30, 12, 0, tzinfo=datetime.UTC)):
        services.interview_accept(
            interview=interview,
            by=interview.mentor.user,
            format="video",
            meeting_details="https://video.example.com/abc",
            proposal_id=proposal.pk,
        )
    to_student = body_of("interview.scheduled", interview.student.email)
    assert "11:00 AM EST" in to_student
    assert "9:00 AM MST" in to_student


def test_the_scheduled_subject_gives_the_date_in_each_readers_zone():
    interview = InterviewFactory()
    interview.student.time_zone = "America/New_York"
    interview.student.save()
    interview.mentor.user.time_zone = "Asia/Tokyo"
    interview.mentor.user.save()
    start = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.UTC)
    proposal = TimeProposalFactory(
        interview=interview, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)):
        services.interview_accept(
            interview=interview,
            by=interview.mentor.user,
            format="video",
            meeting_details="https://video.example.com/abc",
            proposal_id=proposal.pk,
        )
    subjects = {
        row.to_email: rendered(row).subject
        for row in Notification.objects.filter(kind="interview.scheduled")
    }
    assert subjects[interview.student.email].endswith("Tuesday, December 1, 2026")
    assert subjects[interview.mentor.user.email].endswith("Wednesday, December 2, 2026")


def test_a_mentor_cannot_propose_a_time_over_their_own_conversation(scheduled, mentor):
    other = InterviewFactory(mentor=mentor)
    overlapping = Window(
        starts_at=scheduled.starts_at - datetime.timedelta(minutes=30),
        ends_at=scheduled.starts_at + datetime.timedelta(minutes=45),
    )
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_accept(
            interview=other,
            by=mentor.user,
            format="video",
            meeting_details="https://video.example.com/abc",
            windows=[window(9, 14, 1), overlapping],
        )
    assert refused.value.field == "windows"
    assert f"You already have a conversation with {scheduled.student}" in refused.value.message
    other.refresh_from_db()
    assert other.status == Status.REQUESTED
    assert not other.proposals.filter(proposed_by="mentor").exists()


def _mentor_window_then(mentor, *, clash_first: bool):
    """A mentor's proposed window, and a conversation of the mentor's that overlaps it,
    fixed before the window was proposed or after."""
    start = at(6, 15)
    interview = InterviewFactory(
        mentor=mentor, status="accepted", format="video", meeting_details="https://x.example"
    )

    def clash():
        InterviewFactory(
            mentor=mentor,
            scheduled=True,
            starts_at=start,
            scheduled_at=timezone.now(),
        )

    if clash_first:
        clash()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=1 if clash_first else 0)):
        proposal = TimeProposalFactory(
            interview=interview,
            proposed_by="mentor",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
    if not clash_first:
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=1)):
            clash()
    return interview, proposal


@pytest.mark.parametrize(
    ("clash_first", "why"),
    [
        (True, "already had another conversation at that time when it was offered"),
        (False, "was fixed at that time after it was offered"),
    ],
)
def test_a_time_the_mentor_is_not_free_for_tells_the_student_why(mentor, clash_first, why):
    interview, proposal = _mentor_window_then(mentor, clash_first=clash_first)
    with pytest.raises(SlotTaken) as refused:
        services.interview_choose_time(
            interview=interview, by=interview.student, proposal_id=proposal.pk
        )
    assert not refused.value.own
    assert refused.value.title == f"{mentor.display_name} is not free at that time"
    assert why in refused.value.message
    interview.refresh_from_db()
    assert interview.status == Status.ACCEPTED


def test_a_time_over_the_mentors_own_conversation_names_it_to_the_mentor(mentor):
    mine = InterviewFactory(mentor=mentor, scheduled=True, starts_at=at(5, 15))
    interview = InterviewFactory(mentor=mentor)
    proposal = TimeProposalFactory(interview=interview, starts_at=at(5, 14))
    with pytest.raises(SlotTaken) as refused:
        services.interview_accept(
            interview=interview,
            by=mentor.user,
            format="video",
            meeting_details="https://video.example.com/abc",
            proposal_id=proposal.pk,
            start_at=at(5, 15),
        )
    assert refused.value.own
    assert refused.value.title == "That time overlaps another of your conversations"
    assert f"You already have a conversation with {mine.student}" in refused.value.message
