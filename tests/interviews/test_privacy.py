import json

import pytest

from careercenter.privacy import account_data_export, account_delete
from interviews.models import Interview
from notifications.models import Notification
from tests.factories import InterviewFactory

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
