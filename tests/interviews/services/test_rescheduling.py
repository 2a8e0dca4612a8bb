"""Moving a conversation: the mentor's moves and the student's asks."""

import datetime

import pytest
import time_machine

from interviews import services
from interviews.models import Interview
from interviews.services import ActionNotAllowed, Window
from mentors.models import MentorMonthlyLoad
from notifications.models import Notification
from tests.factories import InterviewFactory, StudentUserFactory
from tests.outbox import rendered

from ..conftest import at, window
from .conftest import body_of, student_proposal

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_reschedule_keeps_the_uid_raises_the_sequence_and_moves_the_load(scheduled, mentor):
    uid, sequence = scheduled.uid, scheduled.sequence
    new_start = at(40, 16)
    services.interview_reschedule(
        interview=scheduled, by=mentor.user, starts_at=new_start, reason="Exam moved"
    )
    scheduled.refresh_from_db()
    assert scheduled.uid == uid
    assert scheduled.sequence == sequence + 1
    assert scheduled.starts_at == new_start
    loads = dict(MentorMonthlyLoad.objects.values_list("month", "count"))
    assert loads[new_start.date().replace(day=1)] >= 1
    assert sum(loads.values()) == 1


def pending_reminders(interview) -> dict[str, datetime.datetime]:
    rows = Notification.objects.filter(
        subject_key=interview.subject_key, kind__startswith="reminder.", status="pending"
    )
    return {f"{row.kind}:{row.to_email}": row.due_at for row in rows}


def ask(interview, student, *windows, reason="My exam moved to that morning."):
    return services.interview_reschedule_ask(
        interview=interview,
        by=student,
        reason=reason,
        windows=list(windows) or [window(8, 15), window(9, 17)],
    )


def test_a_students_ask_keeps_the_time_and_emails_the_mentor_the_proposed_times(
    scheduled, student, mentor
):
    agreed, sequence = scheduled.starts_at, scheduled.sequence
    reminders_before = pending_reminders(scheduled)
    made = ask(scheduled, student)
    scheduled.refresh_from_db()
    assert scheduled.status == Status.SCHEDULED
    assert (scheduled.starts_at, scheduled.sequence) == (agreed, sequence)
    assert scheduled.reschedule_count == 0
    assert [p.starts_at for p in made.proposals.all()] == [at(8, 15), at(9, 17)]
    assert pending_reminders(scheduled) == reminders_before
    body = body_of("interview.reschedule_asked", mentor.user.email)
    assert "My exam moved to that morning." in body
    assert "stays at the agreed time" in body
    assert not Notification.objects.filter(
        kind="interview.reschedule_asked", to_email=student.email
    ).exists()
    # The ask's times are not the request's: the request still shows what was offered then.
    assert made.proposals.count() == 2
    assert scheduled.proposals.filter(ask=None, withdrawn=False).count() == 3


def test_a_second_ask_replaces_the_open_one(scheduled, student):
    first = ask(scheduled, student)
    second = ask(scheduled, student, window(10, 15), reason="Sorry, the exam moved again.")
    first.refresh_from_db()
    assert first.status == "replaced"
    assert not first.proposals.filter(withdrawn=False).exists()
    assert list(scheduled.reschedule_asks.filter(status="open")) == [second]
    assert Notification.objects.filter(kind="interview.reschedule_asked").count() == 2


def test_the_mentor_picks_an_asked_time_and_both_get_the_updated_invite(scheduled, student, mentor):
    made = ask(scheduled, student)
    chosen = made.proposals.order_by("starts_at")[1]
    old_reminders = set(pending_reminders(scheduled).values())
    services.interview_reschedule_ask_pick(
        interview=scheduled,
        by=mentor.user,
        proposal_id=chosen.pk,
        start_at=chosen.starts_at + datetime.timedelta(minutes=30),
    )
    scheduled.refresh_from_db()
    made.refresh_from_db()
    assert scheduled.starts_at == chosen.starts_at + datetime.timedelta(minutes=30)
    assert (scheduled.sequence, scheduled.reschedule_count) == (1, 1)
    assert made.status == "moved"
    assert not made.proposals.filter(withdrawn=False).exists()
    for person in (student, mentor.user):
        moved = rendered(
            Notification.objects.get(kind="interview.rescheduled", to_email=person.email)
        )
        assert "SEQUENCE:1" in moved.attachments[0]["content"]
    assert "asked for" in body_of("interview.rescheduled", student.email)
    # The reminders are planned again for the new time.
    confirm = pending_reminders(scheduled)[f"reminder.confirm:{student.email}"]
    assert confirm == scheduled.starts_at - datetime.timedelta(hours=48)
    assert not old_reminders & set(pending_reminders(scheduled).values())


def test_the_mentor_can_pick_only_a_time_of_the_open_ask(scheduled, student, mentor):
    with pytest.raises(ActionNotAllowed, match="no open ask"):
        services.interview_reschedule_ask_keep(interview=scheduled, by=mentor.user)
    ask(scheduled, student)
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_reschedule_ask_pick(
            interview=scheduled, by=mentor.user, proposal_id=student_proposal(scheduled).pk
        )
    assert refused.value.field == "proposal"


def test_the_mentor_keeps_the_agreed_time_and_the_student_is_told(scheduled, student, mentor):
    agreed = scheduled.starts_at
    made = ask(scheduled, student)
    services.interview_reschedule_ask_keep(
        interview=scheduled, by=mentor.user, note="I am travelling that week."
    )
    made.refresh_from_db()
    scheduled.refresh_from_db()
    assert made.status == "kept"
    assert scheduled.starts_at == agreed
    body = body_of("interview.reschedule_kept", student.email)
    assert "stays at the agreed time" in body
    assert "I am travelling that week." in body
    with pytest.raises(ActionNotAllowed, match="no open ask"):
        services.interview_reschedule_ask_pick(
            interview=scheduled, by=mentor.user, proposal_id=made.proposals.first().pk
        )


def test_only_the_mentor_answers_and_only_the_student_asks(scheduled, student, mentor):
    made = ask(scheduled, student)
    stranger = StudentUserFactory()
    for person in (student, stranger):
        with pytest.raises(ActionNotAllowed):
            services.interview_reschedule_ask_pick(
                interview=scheduled, by=person, proposal_id=made.proposals.first().pk
            )
        with pytest.raises(ActionNotAllowed):
            services.interview_reschedule_ask_keep(interview=scheduled, by=person)
    for person in (mentor.user, stranger):
        with pytest.raises(ActionNotAllowed, match="Only the student"):
            ask(scheduled, person)
    with pytest.raises(ActionNotAllowed, match="Only the mentor"):
        services.interview_reschedule(
            interview=scheduled, by=student, starts_at=at(20, 15), reason="Exam"
        )


def test_an_ask_needs_a_reason_and_times_free_in_the_students_calendar(scheduled, student):
    with pytest.raises(ActionNotAllowed) as refused:
        ask(scheduled, student, reason=" ")
    assert refused.value.field == "reason"
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_reschedule_ask(
            interview=scheduled, by=student, reason="Exam", windows=[]
        )
    assert refused.value.field == "windows"
    other = InterviewFactory(
        student=student, scheduled=True, starts_at=at(8, 16), status=Status.SCHEDULED
    )
    with pytest.raises(ActionNotAllowed, match="already have a conversation") as refused:
        ask(scheduled, student, window(8, 15, 2))
    assert refused.value.field == "windows"
    assert other.pk
    # A time overlapping the conversation being moved is fine: it is the one that moves.
    assert ask(scheduled, student, Window(scheduled.starts_at, scheduled.ends_at + HOUR))
    # ...but not a window that leaves only the time already agreed.
    with pytest.raises(ActionNotAllowed, match="time already agreed") as refused:
        ask(scheduled, student, Window(scheduled.starts_at, scheduled.ends_at))
    assert refused.value.field == "windows"


HOUR = datetime.timedelta(hours=1)


def test_moves_are_limited_then_cancel_and_ask_again(scheduled, student, mentor, settings):
    settings.MAX_RESCHEDULES = 2
    made = ask(scheduled, student)
    services.interview_reschedule_ask_pick(
        interview=scheduled, by=mentor.user, proposal_id=made.proposals.first().pk
    )
    services.interview_reschedule(
        interview=scheduled, by=mentor.user, starts_at=at(20, 15), reason="Travel"
    )
    scheduled.refresh_from_db()
    assert scheduled.reschedule_count == 2
    with pytest.raises(ActionNotAllowed, match="cancel it and ask again"):
        services.interview_reschedule(
            interview=scheduled, by=mentor.user, starts_at=at(21, 15), reason="Travel"
        )
    with pytest.raises(ActionNotAllowed, match="cancel it and ask again"):
        ask(scheduled, student)
    services.interview_cancel(interview=scheduled, by=student, reason="It does not work out.")


def test_a_mentors_direct_move_closes_an_open_ask(scheduled, student, mentor):
    made = ask(scheduled, student)
    services.interview_reschedule(
        interview=scheduled, by=mentor.user, starts_at=at(20, 15), reason="Travel"
    )
    made.refresh_from_db()
    assert made.status == "closed"
    assert not made.proposals.filter(withdrawn=False).exists()


def test_a_late_ask_or_move_is_recorded_like_a_late_cancellation(scheduled, student, mentor):
    made = ask(scheduled, student)
    scheduled.refresh_from_db()
    assert made.late is False and scheduled.late_reschedule is False
    services.interview_reschedule(
        interview=scheduled, by=mentor.user, starts_at=at(20, 15), reason="Travel"
    )
    scheduled.refresh_from_db()
    assert scheduled.late_reschedule is False
    with time_machine.travel(scheduled.starts_at - datetime.timedelta(hours=3)):
        late_ask = ask(scheduled, student, window(21, 15))
    scheduled.refresh_from_db()
    assert late_ask.late is True
    assert scheduled.late_reschedule is True


def test_a_late_move_by_the_mentor_is_recorded(scheduled, mentor):
    with time_machine.travel(scheduled.starts_at - datetime.timedelta(hours=5)):
        services.interview_reschedule(
            interview=scheduled, by=mentor.user, starts_at=at(20, 15), reason="Sick"
        )
    scheduled.refresh_from_db()
    assert scheduled.late_reschedule is True


def test_a_reschedule_after_the_horizon_is_refused(scheduled, mentor):
    with pytest.raises(ActionNotAllowed, match="within the next 90 days") as refused:
        services.interview_reschedule(
            interview=scheduled, by=mentor.user, starts_at=at(400, 15), reason="Travel"
        )
    assert refused.value.field == "starts_at"
