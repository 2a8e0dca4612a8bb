"""Every action from every state, for every role."""

import datetime

import pytest

from interviews import services
from interviews.models import Interview
from interviews.services import ActionNotAllowed
from tests.factories import InterviewFactory, StudentUserFactory, TimeProposalFactory

from ..conftest import at, window

Status = Interview.Status
pytestmark = pytest.mark.django_db


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
