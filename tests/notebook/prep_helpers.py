"""Helpers for the Prepare tests: the question bank as loaded, and a list of questions."""

from __future__ import annotations

from notebook.models import BankQuestion, MyQuestion
from notebook.services.prep import bank_questions_ensure, my_question_add


def bank(topic: str) -> list[BankQuestion]:
    """The bank's questions in one topic, loaded again if a transactional test emptied it."""
    bank_questions_ensure()
    return list(BankQuestion.objects.filter(topic=topic, retired=False))


def add_questions(interview, count: int, *, prefix: str = "Question") -> list[MyQuestion]:
    return [
        my_question_add(interview=interview, text=f"{prefix} {n}: how did that come about?")
        for n in range(1, count + 1)
    ]


def texts(interview) -> list[str]:
    return list(
        MyQuestion.objects.filter(notebook_id=interview.pk)
        .order_by("position")
        .values_list("text", flat=True)
    )
