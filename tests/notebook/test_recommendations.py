"""Who to talk to next: each reason, each exclusion, and the order, on crafted data."""

import pytest
from django.utils import timezone

from interviews.models import Interview
from mentors.services import first_of_month, mentor_load_add
from notebook.models import Notebook, Referral
from notebook.selectors.recommendations import mentors_to_meet_next
from notebook.services.insights import insight_record
from tests.factories import (
    ContactFactory,
    InterviewFactory,
    MentorProfileFactory,
    StudentUserFactory,
)

from .conftest import career_field, held

pytestmark = pytest.mark.django_db


def names(recommendations):
    return [r.mentor.employer for r in recommendations]


def mentor(employer, *fields, **kwargs):
    return MentorProfileFactory(employer=employer, career_fields=list(fields), **kwargs)


def test_a_student_with_nothing_to_go_on_gets_no_suggestion_in_few_queries(
    django_assert_num_queries,
):
    student = StudentUserFactory()  # no profile, no conversation, no referral
    mentor("Anyone", career_field("law"))
    with django_assert_num_queries(5):
        assert mentors_to_meet_next(student=student) == []


def test_a_field_of_interest_nobody_spoke_to_yet(student, software):
    mentor("Acme", software)
    mentor("Elsewhere", career_field("law"))
    [suggestion] = mentors_to_meet_next(student=student)
    assert suggestion.mentor.employer == "Acme"
    assert suggestion.score == 60
    assert suggestion.reasons == [
        "Works in Software Engineering, a field you follow where you have not spoken with anyone yet."
    ]


def test_fewer_than_three_people_heard_says_how_many(student, software):
    held(student, career_fields=[software])
    held(student, career_fields=[software])
    mentor("Third", software)
    [suggestion] = mentors_to_meet_next(student=student)
    assert suggestion.score == 40
    assert suggestion.reasons == [
        "Works in Software Engineering, where you have spoken with 2 people so far: "
        "3 or more give a fairer picture."
    ]


def test_a_referral_from_someone_they_spoke_with_comes_first(student, software):
    accounting = career_field("accounting")
    conversation = held(student, career_fields=[software])
    referred = mentor("Referred", accounting)
    mentor("In the field", software)
    Referral.objects.create(
        notebook=Notebook.objects.create(interview=conversation),
        name="Sam Rivera",
        mentor=referred,
    )
    suggestions = mentors_to_meet_next(student=student)
    assert names(suggestions) == ["Referred", "In the field"]
    assert suggestions[0].score == 100
    assert suggestions[0].reasons == [
        f"{conversation.mentor.display_name} suggested you talk to them."
    ]


def test_a_referral_on_the_networking_list_counts_too(student):
    referred = mentor("From a friend", career_field("accounting"))
    ContactFactory(student=student, origin="referral", referred_by_name="Aunt Jo", mentor=referred)
    [suggestion] = mentors_to_meet_next(student=student)
    assert suggestion.reasons == ["Aunt Jo suggested you talk to them."]


def test_a_topic_gap_in_a_field_with_enough_people(student, software):
    law = career_field("law")
    for _ in range(3):
        conversation = held(student, career_fields=[law])
    insight_record(
        interview=conversation, text="Long hours early on", topic="lifestyle",
        career_field=law, stance="agree",
    )  # fmt: skip
    mentor("Law firm", law)
    suggestions = {r.mentor.employer: r for r in mentors_to_meet_next(student=student)}
    assert suggestions["Law firm"].score == 20
    [reason] = suggestions["Law firm"].reasons
    assert reason.startswith("Works in Law, where nobody has spoken to you yet about: ")
    assert "what the work is like" in reason and "lifestyle" not in reason


def test_reasons_add_up_and_the_order_is_score_then_room_then_id(student, software):
    data = career_field("data-science-analytics")
    student.student_profile.fields_of_interest.add(data)
    both = mentor("Both fields", software, data)  # 60, plus nothing more for a second field
    roomy = mentor("Roomy", software, monthly_cap=5)
    first_tie = mentor("Tie A", software)
    second_tie = mentor("Tie B", software)
    mentor_load_add(mentor=roomy, month_of=timezone.now(), delta=1)  # 4 left
    suggestions = mentors_to_meet_next(student=student)
    assert [r.mentor.pk for r in suggestions] == [roomy.pk, both.pk, first_tie.pk, second_tie.pk]
    assert {r.score for r in suggestions} == {60}
    assert len(suggestions[1].reasons) == 2


def test_at_most_five(student, software):
    for i in range(7):
        mentor(f"M{i}", software)
    assert len(mentors_to_meet_next(student=student)) == 5
    assert len(mentors_to_meet_next(student=student, limit=2)) == 2


def test_never_unlisted_full_formatless_or_already_asked(student, software):
    mentor("Pending", software, status="pending")
    mentor(
        "Paused", software, status="paused", paused_until=timezone.localdate().replace(year=2999)
    )
    mentor("Retired", software, status="retired")
    full = mentor("Full", software, monthly_cap=1)
    mentor_load_add(mentor=full, month_of=first_of_month(timezone.now()), delta=1)
    mentor("No format", software, meeting_formats=[])
    for status in (Interview.Status.REQUESTED, Interview.Status.DECLINED, Interview.Status.EXPIRED):
        InterviewFactory(student=student, mentor=mentor(f"Asked {status}", software), status=status)
    held(student, mentor("Spoke with", software))
    mentor("Listed", software)
    assert names(mentors_to_meet_next(student=student)) == ["Listed"]


def test_the_query_count_is_the_same_for_few_and_many_mentors_and_conversations(
    student, software, django_assert_max_num_queries
):
    law = career_field("law")
    held(student, career_fields=[software, law])
    MentorProfileFactory.create_batch(3, career_fields=[software])
    with django_assert_max_num_queries(8) as few:
        assert len(mentors_to_meet_next(student=student)) == 3
    held(student, career_fields=[law])
    MentorProfileFactory.create_batch(30, career_fields=[software, law])
    with django_assert_max_num_queries(8) as many:
        assert len(mentors_to_meet_next(student=student)) == 5
    assert len(few) == len(many)
