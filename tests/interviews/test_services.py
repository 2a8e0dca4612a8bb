import datetime
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from interviews import policy, services
from interviews.models import Interview, TimeProposal
from interviews.services import ActionNotAllowed, SlotTaken, Window
from mentors.models import MentorMonthlyLoad
from notifications.models import Notification
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    StudentProfileFactory,
    StudentUserFactory,
    TimeProposalFactory,
)
from tests.outbox import rendered

from .conftest import at, window

pytestmark = pytest.mark.django_db
Status = Interview.Status


def body_of(kind: str, to: str) -> str:
    return rendered(Notification.objects.get(kind=kind, to_email=to)).body_text


def kinds_to(email: str) -> list[str]:
    return list(
        Notification.objects.filter(to_email=email).order_by("id").values_list("kind", flat=True)
    )


# The request ------------------------------------------------------------------------


def test_a_request_stores_the_windows_and_tells_both_sides(student, mentor, request_kwargs):
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        referrer_name="Jane Doe",
        referrer_relation="We worked together at Acme",
        **request_kwargs(),
    )
    assert interview.status == Status.REQUESTED
    assert interview.proposals.count() == 3
    assert kinds_to(mentor.user.email) == ["interview.request_new", "reminder.stale_request"]
    assert kinds_to(student.email) == ["interview.request_sent"]
    to_mentor = body_of("interview.request_new", mentor.user.email)
    assert "Jane Doe suggested I contact you." in to_mentor
    assert "not for a job" in to_mentor
    assert "Learn what product managers do all day." in to_mentor


def test_at_the_mentors_convenience_needs_no_windows(student, mentor, request_kwargs):
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        **request_kwargs(windows=[], at_mentor_convenience=True),
    )
    assert interview.at_mentor_convenience
    assert interview.proposals.count() == 0


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        ([Window(at(-1), at(-1) + datetime.timedelta(hours=1))], "future"),
        ([Window(at(3, 15), at(3, 14))], "end after it starts"),
        ([Window(at(3, 15), at(3, 15) + datetime.timedelta(minutes=20))], "at least as long"),
        ([window(3, 15, 2), window(3, 16, 2)], "overlap"),
        ([window(3), window(4), window(5), window(6)], "at most three"),
        ([], "Propose up to three times"),
    ],
)
def test_bad_windows_are_refused_on_the_windows_field(
    student, mentor, request_kwargs, windows, message
):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(windows=windows)
        )
    assert message in refused.value.message
    assert refused.value.field == "windows"
    assert not Interview.objects.exists()


def test_a_forged_two_hour_length_is_refused_by_the_service_and_the_database(
    student, mentor, request_kwargs
):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(duration_minutes=120)
        )
    assert refused.value.field == "duration_minutes"
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewFactory(duration_minutes=120)


def test_the_student_must_confirm_it_is_not_a_job_request(student, mentor, request_kwargs):
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(not_a_job_request=False)
        )
    assert refused.value.field == "not_a_job_request"


def test_an_incomplete_profile_cannot_request(mentor, request_kwargs):
    student = StudentProfileFactory(completed_at=None).user
    with pytest.raises(ActionNotAllowed, match="Complete your student profile"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


def test_nobody_can_request_themselves(request_kwargs):
    student = StudentProfileFactory().user
    mentor = MentorProfileFactory(user=student)
    with pytest.raises(ActionNotAllowed, match="yourself"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


@pytest.mark.parametrize("status", ["paused", "pending", "retired", "rejected"])
def test_unlisted_mentors_cannot_be_requested(student, request_kwargs, status):
    mentor = MentorProfileFactory(
        status=status, paused_until=timezone.localdate() + datetime.timedelta(days=30)
    )
    with pytest.raises(ActionNotAllowed, match="not taking requests"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


def test_a_mentor_at_the_monthly_cap_cannot_be_requested(student, request_kwargs):
    mentor = MentorProfileFactory(monthly_cap=1)
    MentorMonthlyLoad.objects.create(
        mentor=mentor, month=timezone.localdate().replace(day=1), count=1
    )
    with pytest.raises(ActionNotAllowed, match="reached the number of conversations"):
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())


def test_one_open_request_per_mentor_and_at_most_three_waiting(student, request_kwargs, settings):
    mentors = [MentorProfileFactory() for _ in range(4)]
    services.interview_request_create(student=student, mentor_id=mentors[0].pk, **request_kwargs())
    with pytest.raises(ActionNotAllowed, match="already have an open request"):
        services.interview_request_create(
            student=student, mentor_id=mentors[0].pk, **request_kwargs()
        )
    for mentor in mentors[1:3]:
        services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())
    with pytest.raises(ActionNotAllowed, match="3 requests waiting"):
        services.interview_request_create(
            student=student, mentor_id=mentors[3].pk, **request_kwargs()
        )
    assert Interview.objects.filter(student=student).count() == settings.MAX_PENDING_REQUESTS


def test_the_formats_must_meet_the_mentors(student, request_kwargs):
    mentor = MentorProfileFactory(meeting_formats=["in_person"])
    with pytest.raises(ActionNotAllowed) as refused:
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(formats=["video"])
        )
    assert refused.value.field == "formats"


# Answers ------------------------------------------------------------------------------


@pytest.fixture
def requested(student, mentor, request_kwargs):
    return services.interview_request_create(
        student=student, mentor_id=mentor.pk, **request_kwargs()
    )


def student_proposal(interview) -> TimeProposal:
    return interview.proposals.filter(proposed_by="student").order_by("starts_at").first()


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


def test_declining_with_a_suggestion_tells_the_student(requested, mentor, student):
    other = MentorProfileFactory()
    services.interview_decline(
        interview=requested,
        by=mentor.user,
        reason="My month is full.",
        suggested_mentor_id=other.pk,
    )
    requested.refresh_from_db()
    assert requested.status == Status.DECLINED
    assert requested.suggested_mentor == other
    body = body_of("interview.declined", student.email)
    assert "My month is full." in body
    assert other.display_name in body


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


# Every action from every state, for every role -----------------------------------------

ACTIONS = {
    "accept": lambda i, by: services.interview_accept(
        interview=i, by=by, format="video", meeting_details="link", windows=[window(10, 15, 1)]
    ),
    "decline": lambda i, by: services.interview_decline(interview=i, by=by, reason="Busy"),
    "withdraw": lambda i, by: services.interview_withdraw(interview=i, by=by),
    "choose_time": lambda i, by: services.interview_choose_time(
        interview=i, by=by, proposal_id=i.proposals.filter(proposed_by="mentor").first().pk
    ),
    "reschedule": lambda i, by: services.interview_reschedule(
        interview=i, by=by, starts_at=at(12, 16), reason="Conflict"
    ),
    "ask_reschedule": lambda i, by: services.interview_reschedule_ask(
        interview=i, by=by, reason="An exam moved", windows=[window(12, 16, 2)]
    ),
    "cancel": lambda i, by: services.interview_cancel(interview=i, by=by, reason="Sick"),
    "confirm": lambda i, by: services.interview_confirm(interview=i, by=by),
}
# (action, state) -> who may do it; every other combination is refused.
ALLOWED = {
    ("accept", "requested"): {"mentor"},
    ("decline", "requested"): {"mentor"},
    ("withdraw", "requested"): {"student"},
    ("withdraw", "accepted"): {"student"},
    ("choose_time", "accepted"): {"student"},
    # The mentor moves the time; the student asks to move it.
    ("reschedule", "scheduled"): {"mentor"},
    ("ask_reschedule", "scheduled"): {"student"},
    # The student withdraws a request that has no time yet; only the mentor cancels it.
    ("cancel", "accepted"): {"mentor"},
    ("cancel", "scheduled"): {"student", "mentor"},
    ("confirm", "scheduled"): {"student"},
}
STATES = [s.value for s in Status]


def interview_in(state: str) -> Interview:
    interview = InterviewFactory(meeting_details="https://video.example.com/x", format="video")
    if state in {"scheduled", "completed", "no_show", "cancelled"}:
        interview.starts_at = at(6, 15)
        interview.ends_at = interview.starts_at + datetime.timedelta(minutes=30)
    interview.status = state
    interview.save()
    TimeProposalFactory(interview=interview, proposed_by="mentor")
    return interview


@pytest.mark.parametrize("role", ["student", "mentor", "stranger"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_transition_matrix(state, action, role):
    interview = interview_in(state)
    person = {
        "student": interview.student,
        "mentor": interview.mentor.user,
        "stranger": StudentUserFactory(),
    }[role]
    if role in ALLOWED.get((action, state), set()):
        ACTIONS[action](interview, person)
        interview.refresh_from_db()
        assert interview.status != state or action in {"reschedule", "ask_reschedule", "confirm"}
        assert interview.updated_at > interview.requested_at
    else:
        with pytest.raises(ActionNotAllowed):
            ACTIONS[action](interview, person)
        interview.refresh_from_db()
        assert interview.status == state


# Scheduled life ----------------------------------------------------------------------


@pytest.fixture
def scheduled(requested, mentor):
    return services.interview_accept(
        interview=requested,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/abc",
        proposal_id=student_proposal(requested).pk,
    )


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


# Moving the time: the mentor moves it; the student asks -----------------------------


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


def test_cancel_sends_a_cancel_invite_and_records_late_cancellations(scheduled, mentor):
    with time_machine.travel(scheduled.starts_at - datetime.timedelta(hours=3)):
        services.interview_cancel(interview=scheduled, by=mentor.user, reason="Flight delayed")
    scheduled.refresh_from_db()
    assert scheduled.status == Status.CANCELLED
    assert scheduled.late_cancellation is True
    cancel = rendered(Notification.objects.filter(kind="interview.cancelled").first())
    assert "METHOD:CANCEL" in cancel.attachments[0]["content"]
    assert MentorMonthlyLoad.objects.get(mentor=mentor).count == 0


def test_confirm_tells_the_mentor_once(scheduled, student, mentor):
    services.interview_confirm(interview=scheduled, by=student)
    services.interview_confirm(interview=scheduled, by=student)
    assert kinds_to(mentor.user.email).count("interview.confirmed") == 1


def test_finished_interviews_complete_by_themselves(scheduled):
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(minutes=1)):
        assert services.interviews_complete_due(now=timezone.now()) == 1
    scheduled.refresh_from_db()
    assert scheduled.status == Status.COMPLETED


def test_no_show_only_after_the_start(scheduled, student):
    with pytest.raises(ActionNotAllowed):
        services.interview_mark_no_show(interview=scheduled, by=student)
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(hours=1)):
        services.interview_mark_no_show(interview=scheduled, by=student)
    scheduled.refresh_from_db()
    assert scheduled.status == Status.NO_SHOW


def test_unanswered_requests_expire_after_the_configured_days(requested, settings, student):
    with time_machine.travel(
        timezone.now() + datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS - 1)
    ):
        assert services.interviews_expire_due(now=timezone.now()) == 0
    with time_machine.travel(
        timezone.now() + datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS + 1)
    ):
        assert services.interviews_expire_due(now=timezone.now()) == 1
    requested.refresh_from_db()
    assert requested.status == Status.EXPIRED
    assert "interview.expired" in kinds_to(student.email)


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


def test_feedback_once_per_person_after_the_conversation(scheduled, student, mentor):
    with pytest.raises(ActionNotAllowed):
        services.interview_feedback_give(interview=scheduled, by=student, rating=4)
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(hours=1)):
        services.interviews_complete_due(now=timezone.now())
        scheduled.refresh_from_db()
        services.interview_feedback_give(interview=scheduled, by=student, rating=4, comment="Great")
        services.interview_feedback_give(interview=scheduled, by=mentor.user, rating=3)
        with pytest.raises(ActionNotAllowed, match="already shared"):
            services.interview_feedback_give(interview=scheduled, by=student, rating=1)
        with pytest.raises(ActionNotAllowed):
            services.interview_feedback_give(interview=scheduled, by=StudentUserFactory(), rating=2)
    assert scheduled.feedback.count() == 2
    pending_for_student = Notification.objects.filter(
        kind="reminder.feedback", to_email=student.email, status="pending"
    )
    assert not pending_for_student.exists()
    assert Notification.objects.filter(
        kind="reminder.feedback", to_email=mentor.user.email, status="void"
    ).exists()


def test_the_new_request_email_lists_the_windows_in_the_mentors_zone(student, request_kwargs):
    mentor = MentorProfileFactory()
    mentor.user.time_zone = "America/Denver"
    mentor.user.save()
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        referrer_name="Jane Doe",
        referrer_relation="We worked together at Acme",
        **request_kwargs(),
    )
    body = body_of("interview.request_new", mentor.user.email)
    assert "Jane Doe suggested I contact you." in body
    assert "How they know you: We worked together at Acme." in body
    first = interview.proposals.order_by("starts_at").first()
    local = timezone.localtime(first.starts_at, zoneinfo.ZoneInfo("America/Denver"))
    assert local.strftime("%B %-d, %Y") in body
    assert "MST" in body


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
    assert subjects[interview.student.email].endswith("Tuesday, December 1")
    assert subjects[interview.mentor.user.email].endswith("Wednesday, December 2")


# Proposals against the proposer's own calendar, and a refused time explained ----------


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


def test_a_student_cannot_propose_a_time_over_their_own_conversation(
    scheduled, student, request_kwargs
):
    overlapping = Window(starts_at=scheduled.starts_at, ends_at=scheduled.ends_at)
    with pytest.raises(ActionNotAllowed, match="You already have a conversation with") as refused:
        services.interview_request_create(
            student=student,
            mentor_id=MentorProfileFactory().pk,
            **request_kwargs(windows=[overlapping]),
        )
    assert refused.value.field == "windows"


def test_a_time_after_the_horizon_is_refused(student, mentor, request_kwargs, settings):
    settings.REQUEST_HORIZON_DAYS = 90
    with pytest.raises(ActionNotAllowed, match="within the next 90 days"):
        services.interview_request_create(
            student=student, mentor_id=mentor.pk, **request_kwargs(windows=[window(91, 15)])
        )
    with pytest.raises(ActionNotAllowed, match="within the next 90 days"):
        services.validate_windows([window(91, 15)], duration_minutes=30)
    assert services.validate_windows([window(89, 15)], duration_minutes=30)


def test_a_reschedule_after_the_horizon_is_refused(scheduled, mentor):
    with pytest.raises(ActionNotAllowed, match="within the next 90 days") as refused:
        services.interview_reschedule(
            interview=scheduled, by=mentor.user, starts_at=at(400, 15), reason="Travel"
        )
    assert refused.value.field == "starts_at"


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


# Saying it did not take place, after saying it did ------------------------------------


@pytest.fixture
def completed(scheduled):
    with time_machine.travel(scheduled.ends_at + datetime.timedelta(minutes=5)):
        services.interviews_complete_due(now=timezone.now())
    scheduled.refresh_from_db()
    return scheduled


def test_no_show_is_refused_once_the_student_sent_the_thank_you(completed, student, mentor):
    with time_machine.travel(completed.ends_at + datetime.timedelta(hours=1)):
        completed = services.interview_thank_you_mark_sent(
            interview=completed, by=student, method="email"
        )
        assert policy.took_place_refusal(completed, by=student)
        with pytest.raises(ActionNotAllowed, match="thank-you as sent"):
            services.interview_mark_no_show(interview=completed, by=student)
        # The mentor's own word is theirs to give.
        assert policy.took_place_refusal(completed, by=mentor.user) is None
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_no_show_is_refused_once_that_side_gave_feedback(completed, student, mentor):
    with time_machine.travel(completed.ends_at + datetime.timedelta(hours=1)):
        services.interview_feedback_give(interview=completed, by=mentor.user, rating=3)
        with pytest.raises(ActionNotAllowed, match="shared feedback"):
            services.interview_mark_no_show(interview=completed, by=mentor.user)
        assert policy.took_place_refusal(completed, by=student) is None
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


# A party who deleted their account ----------------------------------------------------


def test_no_email_goes_to_a_deleted_account_and_names_read_former(completed, mentor):
    from home.privacy import account_delete

    student = completed.student
    account_delete(user=student)
    completed.refresh_from_db()
    assert completed.student.is_erased
    with time_machine.travel(completed.ends_at + datetime.timedelta(hours=1)):
        services.interview_mark_no_show(interview=completed, by=mentor.user)
    assert not Notification.objects.filter(
        kind="interview.no_show", to_email=completed.student.email
    ).exists()

    from interviews.display import mentor_name, other_party_name, student_name

    assert student_name(completed.student) == "a former student"
    assert other_party_name(completed, mentor.user) == "a former student"
    assert mentor_name(completed.mentor) == mentor.display_name


def test_a_mentor_who_left_reads_as_a_former_mentor(completed, student, mentor):
    from home.privacy import account_delete
    from interviews.display import other_party_name

    account_delete(user=mentor.user)
    completed.refresh_from_db()
    assert other_party_name(completed, student) == "a former mentor"


def test_the_services_refuse_what_the_page_no_longer_offers(scheduled, student, mentor):
    # A form left open in another tab: once the conversation started, it can no longer be
    # cancelled or given new meeting details, and a thank-you is marked sent only once.
    with time_machine.travel(scheduled.starts_at + datetime.timedelta(minutes=5)):
        with pytest.raises(ActionNotAllowed, match="already started"):
            services.interview_cancel(interview=scheduled, by=mentor.user, reason="Ill")
        with pytest.raises(ActionNotAllowed, match="already started"):
            services.interview_update_details(
                interview=scheduled, by=mentor.user, format="phone", meeting_details="555-0100"
            )
        services.interview_thank_you_mark_sent(interview=scheduled, by=student, method="email")
        with pytest.raises(ActionNotAllowed, match="already marked your thank-you"):
            services.interview_thank_you_mark_sent(interview=scheduled, by=student, method="card")
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.format, scheduled.thank_you_method) == (
        Interview.Status.SCHEDULED,
        "video",
        "email",
    )


def test_a_departing_account_closes_a_conversation_under_way_too(scheduled, student, mentor):
    with time_machine.travel(scheduled.starts_at + datetime.timedelta(minutes=5)):
        assert services.interviews_close_for_departing_user(user=student) == 1
    scheduled.refresh_from_db()
    assert scheduled.status == Interview.Status.CANCELLED
    assert "interview.cancelled" in kinds_to(mentor.user.email)
