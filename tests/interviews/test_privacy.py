import json

import pytest

from home.privacy import account_data_export, account_delete
from interviews.models import Feedback, Interview, RescheduleAsk
from mentors.models import MentorProfile
from notifications.models import Notification
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    StudentProfileFactory,
    TimeProposalFactory,
)

pytestmark = pytest.mark.django_db


def test_the_data_export_includes_interviews_on_both_sides():
    interview = InterviewFactory(goal="Understand how hospitals plan staffing.")
    for person, role in ((interview.student, "student"), (interview.mentor.user, "mentor")):
        data = json.loads(json.dumps(account_data_export(user=person)))
        assert data["interviews"][0]["role"] == role
        assert data["interviews"][0]["goal"] == "Understand how hospitals plan staffing."


def test_a_student_leaving_cancels_their_interview_and_the_mentor_is_told():
    interview = InterviewFactory(scheduled=True)
    mentor_email = interview.mentor.user.email
    account_delete(user=interview.student)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CANCELLED
    assert Notification.objects.filter(kind="interview.cancelled", to_email=mentor_email).exists()
    assert interview.student.email.startswith("deleted-")
    assert not interview.student.is_active


def test_a_mentor_leaving_declines_requests_and_retires_their_profile():
    interview = InterviewFactory()
    mentor = interview.mentor
    account_delete(user=mentor.user)
    interview.refresh_from_db()
    mentor.refresh_from_db()
    assert interview.status == Interview.Status.DECLINED
    assert mentor.status == "retired"
    assert mentor.phone == ""
    assert mentor.display_name == ""
    assert Notification.objects.filter(
        kind="interview.declined", to_email=interview.student.email
    ).exists()


def _export(person) -> dict:
    return json.loads(json.dumps(account_data_export(user=person)))


def test_every_interview_column_is_exported_with_the_times_asks_and_own_feedback():
    interview = InterviewFactory(
        scheduled=True,
        referrer_name="Jane Doe",
        referrer_relation="we worked together",
        format="video",
        meeting_details="https://video.example.com/r/1",
        cancel_reason="",
    )
    TimeProposalFactory(interview=interview, proposed_by="student")
    ask = RescheduleAsk.objects.create(interview=interview, reason="An exam moved.", late=True)
    TimeProposalFactory(interview=interview, proposed_by="student", ask=ask)
    Feedback.objects.create(interview=interview, author=interview.student, rating=4, comment="Mine")
    Feedback.objects.create(
        interview=interview, author=interview.mentor.user, rating=2, comment="THEIRS-PRIVATE"
    )
    for person in (interview.student, interview.mentor.user):
        data = _export(person)
        [row] = data["interviews"]
        for field in Interview._meta.concrete_fields:
            assert field.name in row, field.name
        assert row["uid"] == str(interview.uid)
        assert row["starts_at"] == interview.starts_at.isoformat()
        assert row["referrer_name"] == "Jane Doe"
        assert row["meeting_details"] == "https://video.example.com/r/1"
        assert len(row["time_proposals"]) == 2
        assert {p["ask"] for p in row["time_proposals"]} == {None, ask.pk}
        assert row["reschedule_asks"][0]["reason"] == "An exam moved."
        assert row["reschedule_asks"][0]["late"] is True
        text = json.dumps(data)
        mine, theirs = (
            ("Mine", "THEIRS-PRIVATE")
            if person == interview.student
            else ("THEIRS-PRIVATE", "Mine")
        )
        assert [f["comment"] for f in row["my_feedback"]] == [mine]
        assert theirs not in text


def test_the_export_never_carries_the_other_persons_email_or_phone():
    interview = InterviewFactory(scheduled=True, mentor__phone="+1 617 555 0199")
    text = json.dumps(_export(interview.student))
    assert interview.mentor.user.email not in text
    assert "555 0199" not in text
    assert interview.student.email not in json.dumps(_export(interview.mentor.user))


def test_a_mentor_gets_their_whole_profile_without_the_search_columns():
    mentor = MentorProfileFactory(phone="+1 617 555 0100", bio="Twenty years in nursing.")
    data = _export(mentor.user)["mentor_profile"]
    for field in MentorProfile._meta.concrete_fields:
        if field.name in ("search_vector", "fields_text"):
            assert field.name not in data
        else:
            assert field.name in data, field.name
    assert data["phone"] == "+1 617 555 0100"
    assert data["bio"] == "Twenty years in nursing."
    assert data["career_fields"] == [f.name for f in mentor.career_fields.all()]
    assert _export(StudentProfileFactory().user)["mentor_profile"] is None
