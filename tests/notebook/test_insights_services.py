"""Recording insights: the same point groups together, bad input is refused clearly."""

import datetime

import pytest
import time_machine

from core.errors import ApplicationError
from interviews.models import Interview
from notebook.models import Claim, Perspective
from notebook.services.insights import insight_record, insight_remove
from tests.factories import InterviewFactory, MentorProfileFactory

from .conftest import career_field, held

pytestmark = pytest.mark.django_db


def record(interview, text="A master's degree is needed to advance", **overrides):
    values = {
        "topic": "development",
        "career_field": interview.mentor.career_fields.first(),
        "stance": "agree",
    }
    return insight_record(interview=interview, text=text, **{**values, **overrides})


def test_the_same_point_in_other_words_and_case_is_one_claim_heard_twice(student, software):
    first = held(student, career_fields=[software])
    second = held(student, career_fields=[software])

    one = record(first, "A master's degree is needed to advance.")
    two = record(second, "  a MASTER'S degree is needed   to advance ", stance="disagree")

    assert not one.reused_claim and two.reused_claim
    [claim] = Claim.objects.filter(student=student)
    assert claim.text == "A master's degree is needed to advance."
    assert sorted(claim.perspectives.values_list("stance", flat=True)) == ["agree", "disagree"]


def test_the_same_words_in_another_field_are_another_claim(student, software):
    law = career_field("law")
    record(held(student, career_fields=[software]))
    record(held(student, career_fields=[law]))
    assert Claim.objects.filter(student=student).count() == 2


def test_recording_a_point_again_from_one_conversation_changes_its_stance(student, software):
    interview = held(student, career_fields=[software])
    record(interview, stance="agree")
    again = record(interview, stance="nuance")
    assert again.replaced
    assert list(Perspective.objects.values_list("stance", flat=True)) == ["nuance"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write what you heard"), (" .  ", "Write what you heard"), ("x" * 201, "201")],
)
def test_an_empty_or_too_long_claim_is_refused_at_the_claim(student, software, text, message):
    with pytest.raises(ApplicationError) as refused:
        record(held(student, career_fields=[software]), text)
    assert refused.value.field == "claim"
    assert message in refused.value.message
    assert not Claim.objects.exists()


def test_a_field_the_conversation_was_not_in_is_refused_at_the_field(student, software):
    interview = held(student, career_fields=[software])
    with pytest.raises(ApplicationError) as refused:
        record(interview, career_field=career_field("law"))
    assert refused.value.field == "career_field"
    assert not Claim.objects.exists()


def test_nothing_is_recorded_before_the_conversation_starts(student, software):
    interview = InterviewFactory(
        student=student, mentor=MentorProfileFactory(career_fields=[software]), scheduled=True
    )
    with pytest.raises(ApplicationError, match="once the conversation has started"):
        record(interview)
    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=5)):
        record(interview)
    assert Perspective.objects.filter(interview=interview).exists()


@pytest.mark.parametrize("status", [Interview.Status.CANCELLED, Interview.Status.NO_SHOW])
def test_a_conversation_that_did_not_take_place_has_no_insights(student, software, status):
    with pytest.raises(ApplicationError):
        record(held(student, status=status, career_fields=[software]))


def test_removing_the_last_perspective_removes_the_claim_from_the_list(student, software):
    first = held(student, career_fields=[software])
    second = held(student, career_fields=[software])
    a = record(first).perspective
    b = record(second).perspective

    insight_remove(interview=first, perspective_id=a.pk)
    assert Claim.objects.filter(pk=b.claim_id).exists()
    insight_remove(interview=second, perspective_id=b.pk)
    assert not Claim.objects.exists()


def test_a_perspective_of_another_conversation_cannot_be_removed_through_this_one(
    student, software
):
    mine = held(student, career_fields=[software])
    other = record(held(student, career_fields=[software])).perspective
    with pytest.raises(ApplicationError):
        insight_remove(interview=mine, perspective_id=other.pk)
    assert Perspective.objects.filter(pk=other.pk).exists()
