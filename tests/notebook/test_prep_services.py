"""Preparing a conversation: the services behind research notes, my questions, the
checklist and sharing."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from core.errors import ApplicationError
from notebook.models import BankQuestion, MyQuestion, Notebook
from notebook.services._common import notebook_ensure
from notebook.services.prep import (
    MAX_QUESTIONS,
    my_question_add,
    my_question_mark_asked,
    my_question_move,
    my_question_remove,
    my_question_update,
    my_questions_add_from_bank,
    my_questions_copy,
    notebook_checklist_update,
    notebook_questions_share,
    notebook_research_update,
)
from tests.factories import InterviewFactory

from .prep_helpers import add_questions, bank, texts

pytestmark = pytest.mark.django_db


def test_research_notes_start_from_the_request_and_are_saved_trimmed():
    interview = InterviewFactory(scheduled=True, research="I read their annual report.")
    assert notebook_ensure(interview).research_field == "I read their annual report."

    notebook_research_update(
        interview=interview,
        research_field=" Growing fast. ",
        research_organization="Two offices.",
        research_person="",
    )

    notebook = Notebook.objects.get(pk=interview.pk)
    assert (notebook.research_field, notebook.research_organization) == (
        "Growing fast.",
        "Two offices.",
    )


def test_over_long_research_notes_are_refused_at_their_field_and_nothing_is_saved():
    interview = InterviewFactory(scheduled=True)
    notebook_ensure(interview)
    with pytest.raises(ApplicationError) as refused:
        notebook_research_update(
            interview=interview,
            research_field="ok",
            research_organization="x" * 3001,
            research_person="",
        )
    assert refused.value.field == "research_organization"
    assert Notebook.objects.get(pk=interview.pk).research_field == interview.research


def test_questions_are_added_at_the_end_and_refused_when_empty_or_too_long():
    interview = InterviewFactory(scheduled=True)
    add_questions(interview, 2)
    my_question_add(interview=interview, text="  What surprised you most?  ")
    assert texts(interview)[-1] == "What surprised you most?"

    for text, message in (("   ", "Write your question first."), ("x" * 501, "500 characters")):
        with pytest.raises(ApplicationError, match=message) as refused:
            my_question_add(interview=interview, text=text)
        assert refused.value.field == "text"
    assert len(texts(interview)) == 3


def test_a_list_holds_a_bounded_number_of_questions():
    interview = InterviewFactory(scheduled=True)
    add_questions(interview, MAX_QUESTIONS)
    with pytest.raises(ApplicationError, match=f"at most {MAX_QUESTIONS}"):
        my_question_add(interview=interview, text="One more?")


def test_bank_questions_are_added_in_the_banks_order_once_and_retired_ones_are_not():
    interview = InterviewFactory(scheduled=True)
    work = bank("work")
    first, second, third = work[0], work[1], work[2]
    third.retired = True
    third.save()

    added = my_questions_add_from_bank(
        interview=interview, bank_question_ids=[second.pk, first.pk, third.pk]
    )
    again = my_questions_add_from_bank(interview=interview, bank_question_ids=[first.pk])

    assert [q.bank_question_id for q in added] == [first.pk, second.pk]
    assert again == []
    assert texts(interview) == [first.text, second.text]
    assert MyQuestion.objects.filter(notebook_id=interview.pk).first().topic == "work"
    with pytest.raises(ApplicationError, match="Tick at least one") as refused:
        my_questions_add_from_bank(interview=interview, bank_question_ids=[third.pk])
    assert refused.value.field == "bank_questions"


def test_retiring_or_rewording_a_bank_question_leaves_the_students_copy_alone():
    interview = InterviewFactory(scheduled=True)
    chosen = bank("skills")[0]
    original = chosen.text
    my_questions_add_from_bank(interview=interview, bank_question_ids=[chosen.pk])

    BankQuestion.objects.filter(pk=chosen.pk).update(retired=True, text="Reworded by staff")

    assert texts(interview) == [original]


def test_moving_swaps_with_the_neighbour_and_refuses_past_either_end():
    interview = InterviewFactory(scheduled=True)
    a, b, c = add_questions(interview, 3)

    my_question_move(question=c, direction="up")
    assert texts(interview) == [a.text, c.text, b.text]
    my_question_move(question=a, direction="down")
    assert texts(interview) == [c.text, a.text, b.text]

    c.refresh_from_db()
    with pytest.raises(ApplicationError, match="already first"):
        my_question_move(question=c, direction="up")
    b.refresh_from_db()
    with pytest.raises(ApplicationError, match="already last"):
        my_question_move(question=b, direction="down")
    assert texts(interview) == [c.text, a.text, b.text]


def test_moving_after_a_removal_skips_the_gap():
    interview = InterviewFactory(scheduled=True)
    a, b, c = add_questions(interview, 3)
    my_question_remove(question=b)
    my_question_move(question=c, direction="up")
    assert texts(interview) == [c.text, a.text]


def test_a_question_is_reworded():
    interview = InterviewFactory(scheduled=True)
    [question] = add_questions(interview, 1)
    my_question_update(question=question, text="How do you measure success?")
    assert texts(interview) == ["How do you measure success?"]
    with pytest.raises(ApplicationError):
        my_question_update(question=question, text="")


def test_questions_are_ticked_as_asked_only_from_the_start():
    interview = InterviewFactory(scheduled=True)
    [question] = add_questions(interview, 1)
    with pytest.raises(ApplicationError, match="once the conversation has started"):
        my_question_mark_asked(question=question, asked=True)

    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=5), tick=False):
        my_question_mark_asked(question=question, asked=True)
        question.refresh_from_db()
        assert question.asked_at == timezone.now()
        my_question_mark_asked(question=question, asked=False)
    question.refresh_from_db()
    assert question.asked_at is None


def test_copying_from_an_earlier_conversation_adds_each_question_once():
    earlier = InterviewFactory(status="completed")
    interview = InterviewFactory(scheduled=True, student=earlier.student)
    add_questions(earlier, 3, prefix="Earlier")
    my_question_add(interview=interview, text="earlier 2:   how did THAT come about?")

    copied = my_questions_copy(interview=interview, source=earlier)

    assert [q.text for q in copied] == [
        "Earlier 1: how did that come about?",
        "Earlier 3: how did that come about?",
    ]
    assert len(texts(interview)) == 3
    with pytest.raises(ApplicationError, match="already in this list"):
        my_questions_copy(interview=interview, source=earlier)
    assert len(texts(interview)) == 3


def test_copying_from_another_students_conversation_is_refused():
    theirs = InterviewFactory(status="completed")
    add_questions(theirs, 2)
    mine = InterviewFactory(scheduled=True)
    with pytest.raises(ApplicationError) as refused:
        my_questions_copy(interview=mine, source=theirs)
    assert refused.value.field == "source"
    assert texts(mine) == []


def test_checklist_ticks_and_sharing_are_saved():
    interview = InterviewFactory(scheduled=True)
    notebook_checklist_update(interview=interview, research_done=True, resume_copies=False)
    notebook_questions_share(interview=interview, shared=True)
    notebook = Notebook.objects.get(pk=interview.pk)
    assert (notebook.research_done, notebook.resume_copies, notebook.questions_shared) == (
        True,
        False,
        True,
    )
    with pytest.raises(TypeError):
        notebook_checklist_update(interview=interview, questions_shared=True)


def test_everything_written_is_kept_when_the_conversation_is_cancelled_or_moved():
    from interviews.services import interview_cancel

    interview = InterviewFactory(scheduled=True)
    add_questions(interview, 2)
    notebook_research_update(
        interview=interview,
        research_field="Field notes",
        research_organization="",
        research_person="",
    )
    interview_cancel(interview=interview, by=interview.student, reason="Exam moved.")

    assert len(texts(interview)) == 2
    assert Notebook.objects.get(pk=interview.pk).research_field == "Field notes"
