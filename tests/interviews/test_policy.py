"""The policy on its own: for each action, status, person and moment, allowed or why not."""

import datetime

import pytest

from interviews import policy
from interviews.models import Feedback, Interview, RescheduleAsk
from tests.factories import InterviewFactory, StudentUserFactory, TimeProposalFactory

Status = Interview.Status
START = datetime.datetime(2026, 6, 10, 15, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(minutes=30)
# Moments relative to the conversation's time.
BEFORE = START - datetime.timedelta(days=1)
DURING = START + datetime.timedelta(minutes=10)
AFTER = END + datetime.timedelta(hours=1)
WEEKS_AFTER = END + datetime.timedelta(days=30)

ONLY_MENTOR_ACCEPTS = "Only the mentor can accept a request."
STARTED = "This conversation has already started."
NO_ASK = "There is no open ask to move this conversation."


def _is(status: str, action: str) -> str:
    return f"This interview is {status}, so it can no longer be {action}."


# action, status, who acts, when, and None (allowed) or the refusal they are told.
CASES = [
    ("accept", Status.REQUESTED, "mentor", BEFORE, None),
    ("accept", Status.REQUESTED, "student", BEFORE, ONLY_MENTOR_ACCEPTS),
    ("accept", Status.REQUESTED, "stranger", BEFORE, ONLY_MENTOR_ACCEPTS),
    ("accept", Status.ACCEPTED, "mentor", BEFORE, _is("accepted – choosing a time", "accepted")),
    ("accept", Status.WITHDRAWN, "mentor", BEFORE, _is("withdrawn", "accepted")),
    ("decline", Status.REQUESTED, "mentor", BEFORE, None),
    ("decline", Status.REQUESTED, "student", BEFORE, "Only the mentor can decline a request."),
    ("decline", Status.EXPIRED, "mentor", BEFORE, _is("expired", "declined")),
    ("choose_time", Status.ACCEPTED, "student", BEFORE, None),
    (
        "choose_time",
        Status.ACCEPTED,
        "mentor",
        BEFORE,
        "Only the student can choose one of the mentor's times.",
    ),
    ("choose_time", Status.SCHEDULED, "student", BEFORE, _is("scheduled", "scheduled")),
    ("confirm", Status.SCHEDULED, "student", BEFORE, None),
    ("confirm", Status.SCHEDULED, "student", DURING, STARTED),
    (
        "confirm",
        Status.SCHEDULED,
        "mentor",
        BEFORE,
        "Only the student can confirm the conversation.",
    ),
    ("confirm", Status.ACCEPTED, "student", BEFORE, _is("accepted – choosing a time", "confirmed")),
    ("update_details", Status.ACCEPTED, "mentor", BEFORE, None),
    ("update_details", Status.SCHEDULED, "mentor", BEFORE, None),
    ("update_details", Status.SCHEDULED, "mentor", DURING, STARTED),
    ("update_details", Status.REQUESTED, "mentor", BEFORE, _is("requested", "changed")),
    (
        "update_details",
        Status.SCHEDULED,
        "student",
        BEFORE,
        "Only the mentor can change the meeting details.",
    ),
    ("reschedule", Status.SCHEDULED, "mentor", BEFORE, None),
    ("reschedule", Status.SCHEDULED, "mentor", DURING, STARTED),
    (
        "reschedule",
        Status.ACCEPTED,
        "mentor",
        BEFORE,
        _is("accepted – choosing a time", "rescheduled"),
    ),
    (
        "reschedule",
        Status.SCHEDULED,
        "student",
        BEFORE,
        "Only the mentor can move the time. Ask them to move it, proposing other times.",
    ),
    ("ask_reschedule", Status.SCHEDULED, "student", BEFORE, None),
    ("ask_reschedule", Status.SCHEDULED, "student", DURING, STARTED),
    (
        "ask_reschedule",
        Status.SCHEDULED,
        "mentor",
        BEFORE,
        "Only the student can ask to move the time.",
    ),
    ("reschedule_pick", Status.SCHEDULED, "mentor", BEFORE, NO_ASK),
    ("reschedule_keep", Status.SCHEDULED, "mentor", BEFORE, NO_ASK),
    (
        "reschedule_keep",
        Status.SCHEDULED,
        "student",
        BEFORE,
        "Only the mentor can answer an ask to move the time.",
    ),
    ("withdraw", Status.REQUESTED, "student", BEFORE, None),
    ("withdraw", Status.ACCEPTED, "student", BEFORE, None),
    ("withdraw", Status.SCHEDULED, "student", BEFORE, _is("scheduled", "withdrawn")),
    ("withdraw", Status.REQUESTED, "mentor", BEFORE, "Only the student can withdraw the request."),
    ("cancel", Status.ACCEPTED, "mentor", BEFORE, None),
    (
        "cancel",
        Status.ACCEPTED,
        "student",
        BEFORE,
        "This request has no time yet: withdraw it instead.",
    ),
    ("cancel", Status.SCHEDULED, "student", BEFORE, None),
    ("cancel", Status.SCHEDULED, "mentor", BEFORE, None),
    ("cancel", Status.SCHEDULED, "mentor", DURING, STARTED),
    ("cancel", Status.REQUESTED, "mentor", BEFORE, _is("requested", "cancelled")),
    (
        "cancel",
        Status.SCHEDULED,
        "stranger",
        BEFORE,
        "Only the student or the mentor can cancel the conversation.",
    ),
    (
        "thank_you",
        Status.SCHEDULED,
        "student",
        BEFORE,
        "Send your thank-you after the conversation.",
    ),
    ("thank_you", Status.SCHEDULED, "student", DURING, None),
    ("thank_you", Status.COMPLETED, "student", AFTER, None),
    ("thank_you", Status.NO_SHOW, "student", AFTER, _is("did not take place", "thanked for")),
    (
        "thank_you",
        Status.COMPLETED,
        "mentor",
        AFTER,
        "Only the student can mark the thank-you as sent.",
    ),
    ("feedback", Status.COMPLETED, "student", AFTER, None),
    ("feedback", Status.COMPLETED, "mentor", AFTER, None),
    ("feedback", Status.SCHEDULED, "mentor", DURING, _is("scheduled", "given feedback")),
    (
        "feedback",
        Status.COMPLETED,
        "stranger",
        AFTER,
        "Only the student or the mentor can share feedback here.",
    ),
    (
        "no_show",
        Status.SCHEDULED,
        "student",
        BEFORE,
        "You can report a missed conversation only after its start.",
    ),
    ("no_show", Status.SCHEDULED, "mentor", DURING, None),
    ("no_show", Status.COMPLETED, "student", AFTER, None),
    (
        "no_show",
        Status.COMPLETED,
        "mentor",
        WEEKS_AFTER,
        "It is too late to report this conversation as missed.",
    ),
    ("no_show", Status.CANCELLED, "mentor", AFTER, _is("cancelled", "marked as missed")),
]


@pytest.fixture
def people(db):
    interview = InterviewFactory()
    return interview, {
        "student": interview.student,
        "mentor": interview.mentor.user,
        "stranger": StudentUserFactory(),
    }


def _as(interview: Interview, status: str) -> Interview:
    """The interview in ``status``, with a time once one was fixed (held in memory)."""
    interview.status = status
    has_time = status in (Status.SCHEDULED, Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED)
    interview.starts_at, interview.ends_at = (START, END) if has_time else (None, None)
    return interview


@pytest.mark.parametrize(("action", "status", "who", "when", "expected"), CASES)
def test_each_action_is_allowed_or_refused_with_a_reason(
    people, action, status, who, when, expected
):
    interview, users = people
    interview = _as(interview, status)
    assert policy.refusal(action, interview, users[who], now=when) == expected


def test_require_raises_the_refusal_and_passes_silently_when_allowed(people):
    interview, users = people
    with pytest.raises(policy.ActionNotAllowed) as refused:
        policy.require("accept", interview, users["student"], now=BEFORE)
    assert refused.value.message == ONLY_MENTOR_ACCEPTS
    assert policy.require("accept", interview, users["mentor"], now=BEFORE) is None


def test_every_action_has_one_refusal_and_a_role():
    assert set(policy.ORDER) == set(policy.ROLES) == set(policy.REFUSALS)


def test_the_page_lists_in_order_exactly_the_actions_without_a_refusal(people):
    interview, users = people
    interview = _as(interview, Status.SCHEDULED)
    interview.open_ask = RescheduleAsk(interview=interview, reason="Exam")
    assert policy.available_actions(interview, users["mentor"], now=BEFORE) == [
        "update_details",
        "reschedule_pick",
        "reschedule_keep",
        "reschedule",
        "cancel",
    ]
    assert policy.available_actions(interview, users["student"], now=BEFORE) == [
        "confirm",
        "ask_reschedule",
        "cancel",
    ]
    assert policy.available_actions(interview, users["student"], now=DURING) == [
        "thank_you",
        "no_show",
    ]
    assert policy.available_actions(interview, users["stranger"], now=BEFORE) == []


def test_moves_used_up_leave_keeping_the_time_and_cancelling(people, settings):
    settings.MAX_RESCHEDULES = 2
    interview, users = people
    interview = _as(interview, Status.SCHEDULED)
    interview.reschedule_count = 2
    interview.open_ask = RescheduleAsk(interview=interview, reason="Exam")
    refusal = policy.refusal("reschedule", interview, users["mentor"], now=BEFORE)
    assert refusal is not None and "cancel it and ask again" in refusal
    assert policy.refusal("reschedule_pick", interview, users["mentor"], now=BEFORE) == refusal
    assert policy.available_actions(interview, users["mentor"], now=BEFORE) == [
        "update_details",
        "reschedule_keep",
        "cancel",
    ]


def test_an_open_ask_in_the_database_lets_the_mentor_answer_it(people):
    interview, users = people
    interview.status = Status.SCHEDULED
    interview.starts_at, interview.ends_at = START, END
    interview.format, interview.meeting_details = "video", "https://video.example.com/1"
    interview.save()
    ask = RescheduleAsk.objects.create(interview=interview, reason="Exam")
    TimeProposalFactory(interview=interview, ask=ask, starts_at=START + datetime.timedelta(days=1))
    fresh = Interview.objects.select_related("mentor").get(pk=interview.pk)
    assert policy.refusal("reschedule_pick", fresh, users["mentor"], now=BEFORE) is None
    assert policy.refusal("reschedule_keep", fresh, users["mentor"], now=BEFORE) is None


def test_what_a_person_already_did_is_not_offered_again(people):
    interview, users = people
    student, mentor = users["student"], users["mentor"]
    interview = _as(interview, Status.SCHEDULED)
    interview.confirmed_at = BEFORE
    assert policy.refusal("confirm", interview, student, now=BEFORE) == (
        "You already confirmed this conversation."
    )
    # ...but confirming again is a harmless repeat, which the service lets pass.
    assert policy.confirm_is_repeat(interview, student, now=BEFORE)
    assert not policy.confirm_is_repeat(interview, mentor, now=BEFORE)
    interview = _as(interview, Status.COMPLETED)
    interview.thank_you_sent_at = AFTER
    assert policy.refusal("thank_you", interview, student, now=AFTER) == (
        "You already marked your thank-you as sent."
    )
    assert policy.refusal("no_show", interview, student, now=AFTER) == (
        "You marked your thank-you as sent, so the conversation took place."
    )
    Feedback.objects.create(interview=interview, author=mentor, rating=3)
    assert policy.refusal("feedback", interview, mentor, now=AFTER) == (
        "You already shared your feedback. Thank you!"
    )
    assert policy.refusal("no_show", interview, mentor, now=AFTER) == (
        "You shared feedback on this conversation, so it took place."
    )


@pytest.mark.parametrize(
    ("status", "sequence", "when", "expected"),
    [
        (Status.SCHEDULED, 0, BEFORE, None),
        (Status.SCHEDULED, 1, BEFORE, "The time of this conversation changed"),
        (Status.SCHEDULED, 0, DURING, STARTED),
        (Status.CANCELLED, 1, BEFORE, "was cancelled, so there is nothing to confirm"),
        (Status.COMPLETED, 0, AFTER, "already taken place"),
        (Status.DECLINED, 0, BEFORE, "no longer scheduled"),
    ],
)
def test_a_confirmation_link_says_what_happened(people, status, sequence, when, expected):
    interview, _users = people
    interview = _as(interview, status)
    refusal = policy.confirm_link_refusal(interview, sequence=sequence, now=when)
    assert refusal == expected if expected is None else expected in (refusal or "")
