"""The picture of a field: "k of n people", agreement and disagreement apart, single
voices, topics not heard yet; and staff's counts per field."""

import pytest

from notebook.selectors.insights import field_perspective_counts, insight_overview_for_student
from notebook.services.insights import insight_record
from tests.factories import MentorProfileFactory, StudentProfileFactory, StudentUserFactory

from .conftest import career_field, held

pytestmark = pytest.mark.django_db

DEGREE = "A master's degree is needed to advance"


def note(interview, text=DEGREE, stance="agree", topic="development", field=None):
    insight_record(
        interview=interview,
        text=text,
        topic=topic,
        career_field=field or interview.mentor.career_fields.first(),
        stance=stance,
    )


def test_k_of_n_people_with_agreement_and_disagreement_counted_apart(student, software):
    conversations = [held(student, career_fields=[software]) for _ in range(4)]
    note(conversations[0], stance="agree")
    note(conversations[1], "a master's degree is needed to advance.", stance="agree")
    note(conversations[2], stance="disagree")
    note(conversations[3], "Remote work is common", topic="environment", stance="nuance")

    [picture] = insight_overview_for_student(student=student)

    assert (picture.name, picture.people, picture.conversations) == ("Software Engineering", 4, 4)
    assert picture.enough
    [shared] = picture.shared
    assert (shared.text, shared.people) == (DEGREE, 3)
    assert (shared.agree, shared.disagree, shared.nuance) == (2, 1, 0)
    [single] = picture.single
    assert single.text == "Remote work is common" and single.single_voice and single.nuance == 1
    assert "Professional development" not in picture.topics_unheard
    assert "Work environment" not in picture.topics_unheard
    assert "What the work is like" in picture.topics_unheard
    assert len(picture.topics_unheard) == 6


def test_people_are_counted_once_however_many_conversations_with_them(student, software):
    mentor = MentorProfileFactory(career_fields=[software])
    note(held(student, mentor, days_ago=30))
    note(held(student, mentor, days_ago=2))
    [picture] = insight_overview_for_student(student=student)
    assert (picture.people, picture.conversations) == (1, 2)
    [claim] = picture.single
    assert claim.people == 1 and claim.agree == 2


def test_fields_of_interest_nobody_spoke_to_yet_come_after_the_fields_with_people(software):
    law = career_field("law")
    student = StudentProfileFactory(fields_of_interest=[software]).user
    held(student, career_fields=[law])
    pictures = insight_overview_for_student(student=student)
    assert [(p.name, p.people, p.interested) for p in pictures] == [
        ("Law", 1, False),
        ("Software Engineering", 0, True),
    ]
    assert len(pictures[1].topics_unheard) == 8


def test_another_students_insights_never_count(student, software):
    other = StudentProfileFactory(fields_of_interest=[software]).user
    note(held(other, career_fields=[software]))
    [picture] = insight_overview_for_student(student=student)
    assert picture.people == 0 and not picture.claims


def test_the_picture_takes_the_same_queries_for_one_and_for_many_conversations(
    student, software, django_assert_num_queries
):
    note(held(student, career_fields=[software]))
    with django_assert_num_queries(4):
        insight_overview_for_student(student=student)
    law = career_field("law")
    for i in range(6):
        note(held(student, career_fields=[software, law]), f"Point {i}", field=law)
    with django_assert_num_queries(4):
        pictures = insight_overview_for_student(student=student)
    assert [p.people for p in pictures] == [7, 6]


def test_staff_counts_students_below_three_people_per_field(software):
    law = career_field("law")
    fewer = StudentProfileFactory(fields_of_interest=[software]).user  # nobody yet
    held(fewer, career_fields=[software])
    enough = StudentProfileFactory(fields_of_interest=[software]).user
    for _ in range(3):
        held(enough, career_fields=[software])
    # A field only talked in, not chosen, counts too; an insight filed there counts.
    wanderer = StudentUserFactory()
    note(held(wanderer, career_fields=[law]), field=law)
    # A deleted account no longer counts.
    gone = StudentProfileFactory(fields_of_interest=[software]).user
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    rows = {row.name: row for row in field_perspective_counts()}

    assert (
        rows["Software Engineering"].students,
        rows["Software Engineering"].fewer_than_enough,
    ) == (2, 1)
    assert rows["Software Engineering"].enough == 1
    assert (rows["Law"].students, rows["Law"].fewer_than_enough) == (1, 1)
    assert set(rows) == {"Software Engineering", "Law"}
