"""Insights are the student's: in "Download my data", gone with "Delete my account"."""

import json

import pytest

from home.privacy import account_data_export, account_delete
from interviews.models import Interview
from notebook.models import Claim, Perspective
from notebook.services.insights import insight_record
from tests.db_text import database_mentions

from .conftest import held

pytestmark = pytest.mark.django_db

POINT = "Quarterly crunch weeks at Zephyrcorp"


def test_the_export_has_each_point_and_what_each_person_said(student, software):
    interview = held(student, career_fields=[software])
    insight_record(
        interview=interview, text=POINT, topic="lifestyle", career_field=software, stance="nuance"
    )
    data = json.loads(json.dumps(account_data_export(user=student)))
    [insight] = data["insights"]
    assert insight["text"] == POINT
    assert (insight["topic"], insight["career_field"]) == ("lifestyle", "Software Engineering")
    [said] = insight["perspectives"]
    assert said["interview_id"] == interview.pk
    assert said["mentor_name"] == interview.mentor.display_name
    assert said["stance"] == "nuance"
    # The mentor's export carries no student's insight.
    assert json.loads(json.dumps(account_data_export(user=interview.mentor.user)))["insights"] == []


def test_deleting_the_account_removes_the_insights_and_keeps_the_interview_for_the_mentor(
    student, software
):
    interview = held(student, career_fields=[software])
    insight_record(
        interview=interview, text=POINT, topic="lifestyle", career_field=software, stance="agree"
    )
    account_delete(user=student)
    assert not Claim.objects.exists() and not Perspective.objects.exists()
    assert Interview.objects.filter(pk=interview.pk).exists()
    assert database_mentions(["Zephyrcorp"]) == []


def test_a_mentor_leaving_keeps_the_students_insights(student, software):
    interview = held(student, career_fields=[software])
    insight_record(
        interview=interview, text=POINT, topic="lifestyle", career_field=software, stance="agree"
    )
    account_delete(user=interview.mentor.user)
    assert Perspective.objects.filter(interview=interview).exists()
