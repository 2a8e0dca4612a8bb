"""Preparing for a conversation: research notes, my questions, the checklist, sharing.

Every change locks the notebook first (``notebook_lock``), so two tabs or a double click
never give two questions the same place in the list. A refused change raises
``ApplicationError`` naming the field it is about.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from interviews.models import Interview

from ..data.question_bank import QUESTION_BANK
from ..data.question_bank_es import QUESTION_BANK_ES
from ..models import QUESTION_MAX_CHARS, RESEARCH_MAX_CHARS, BankQuestion, MyQuestion, Notebook
from ._common import notebook_lock

# Enough for any conversation of an hour at most; more is a list nobody can get through.
MAX_QUESTIONS = 40
# The checklist items only the student can tick (the others are derived).
CHECKLIST_FIELDS = (
    "research_done",
    "resume_copies",
    "attire_ready",
    "arrival_planned",
    "time_noted",
)
RESEARCH_FIELDS = ("research_field", "research_organization", "research_person")


def _same_text(text: str) -> str:
    """A question as compared for duplicates: any case, spaces collapsed."""
    return " ".join(text.split()).casefold()


def _clean_question(text: str, *, field: str = "text") -> str:
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write your question first."), field=field)
    if len(text) > QUESTION_MAX_CHARS:
        raise ApplicationError(
            _("Keep a question to %(max)d characters; this one has %(count)d.")
            % {"max": QUESTION_MAX_CHARS, "count": len(text)},
            field=field,
        )
    return text


def _room_left(notebook: Notebook, *, adding: int, field: str) -> None:
    if notebook.questions.count() + adding > MAX_QUESTIONS:
        raise ApplicationError(
            _(
                "A list holds at most %(max)d questions. Remove some you can do without "
                "before adding more."
            )
            % {"max": MAX_QUESTIONS},
            field=field,
        )


def _next_position(notebook: Notebook) -> int:
    last = notebook.questions.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


@transaction.atomic
def notebook_research_update(
    *, interview: Interview, research_field: str, research_organization: str, research_person: str
) -> Notebook:
    """Save what the student has found out about the field, the organization and the
    person."""
    notebook = notebook_lock(interview)
    values = {
        "research_field": research_field,
        "research_organization": research_organization,
        "research_person": research_person,
    }
    for name, value in values.items():
        value = value.strip()
        if len(value) > RESEARCH_MAX_CHARS:
            raise ApplicationError(
                _("Keep these notes to %(max)d characters; they have %(count)d.")
                % {"max": RESEARCH_MAX_CHARS, "count": len(value)},
                field=name,
            )
        setattr(notebook, name, value)
    notebook.save(update_fields=[*RESEARCH_FIELDS, "updated_at"])
    return notebook


@transaction.atomic
def notebook_checklist_update(*, interview: Interview, **ticks: bool) -> Notebook:
    """Tick or untick the checklist items the student ticks themselves (those named in
    ``CHECKLIST_FIELDS``; "questions ready" and "confirmed" follow the facts)."""
    unknown = set(ticks) - set(CHECKLIST_FIELDS)
    if unknown:
        raise TypeError(f"Not checklist items: {sorted(unknown)}")
    notebook = notebook_lock(interview)
    for name, value in ticks.items():
        setattr(notebook, name, bool(value))
    notebook.save(update_fields=[*ticks, "updated_at"])
    return notebook


@transaction.atomic
def notebook_questions_share(*, interview: Interview, shared: bool) -> Notebook:
    """Let the mentor see the question list on the conversation's page, or stop it."""
    notebook = notebook_lock(interview)
    notebook.questions_shared = shared
    notebook.save(update_fields=["questions_shared", "updated_at"])
    return notebook


@transaction.atomic
def my_question_add(*, interview: Interview, text: str) -> MyQuestion:
    """Add a question of the student's own at the end of the list."""
    notebook = notebook_lock(interview)
    text = _clean_question(text)
    _room_left(notebook, adding=1, field="text")
    return MyQuestion.objects.create(
        notebook=notebook, text=text, position=_next_position(notebook)
    )


@transaction.atomic
def my_questions_add_from_bank(
    *, interview: Interview, bank_question_ids: Iterable[int]
) -> list[MyQuestion]:
    """Add the chosen bank questions at the end of the list, in the bank's order. A
    question already in the list is not added again; a retired one is no longer offered."""
    notebook = notebook_lock(interview)
    chosen = list(BankQuestion.objects.filter(pk__in=list(bank_question_ids), retired=False))
    if not chosen:
        raise ApplicationError(_("Tick at least one question to add."), field="bank_questions")
    present = {_same_text(text) for text in notebook.questions.values_list("text", flat=True)}
    present_ids = set(
        notebook.questions.exclude(bank_question=None).values_list("bank_question_id", flat=True)
    )
    new = [q for q in chosen if q.pk not in present_ids and _same_text(q.text) not in present]
    _room_left(notebook, adding=len(new), field="bank_questions")
    position = _next_position(notebook)
    return MyQuestion.objects.bulk_create(
        MyQuestion(
            notebook=notebook,
            text=bank.text,
            topic=bank.topic,
            bank_question=bank,
            position=position + offset,
        )
        for offset, bank in enumerate(new)
    )


@transaction.atomic
def my_question_update(*, question: MyQuestion, text: str) -> MyQuestion:
    """Reword a question (a bank question becomes the student's own wording)."""
    notebook_lock(question.notebook.interview)
    question.text = _clean_question(text)
    question.save(update_fields=["text", "updated_at"])
    return question


@transaction.atomic
def my_question_remove(*, question: MyQuestion) -> None:
    notebook_lock(question.notebook.interview)
    MyQuestion.objects.filter(pk=question.pk).delete()


@transaction.atomic
def my_question_move(*, question: MyQuestion, direction: str) -> MyQuestion:
    """Swap the question with the one above (``"up"``) or below (``"down"``) it. The first
    cannot go up, nor the last down: that is refused with a message, not ignored."""
    if direction not in ("up", "down"):
        raise ApplicationError(_("Choose to move the question up or down."), field="direction")
    notebook = notebook_lock(question.notebook.interview)
    question = MyQuestion.objects.get(pk=question.pk, notebook=notebook)
    siblings = notebook.questions.all()
    if direction == "up":
        neighbour = siblings.filter(position__lt=question.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=question.position).order_by("position").first()
    if neighbour is None:
        raise ApplicationError(
            _("This question is already first; it cannot move further up.")
            if direction == "up"
            else _("This question is already last; it cannot move further down."),
            field="direction",
        )
    # The positions' uniqueness is checked at commit (deferred), so a swap is two updates.
    question.position, neighbour.position = neighbour.position, question.position
    MyQuestion.objects.filter(pk=question.pk).update(position=question.position)
    MyQuestion.objects.filter(pk=neighbour.pk).update(position=neighbour.position)
    return question


@transaction.atomic
def my_question_mark_asked(
    *, question: MyQuestion, asked: bool, now: datetime.datetime | None = None
) -> MyQuestion:
    """Tick (or untick) a question as asked; possible from the conversation's start on."""
    now = now or timezone.now()
    interview = question.notebook.interview
    if not interview.has_started(now):
        raise ApplicationError(
            _("You can tick the questions you asked once the conversation has started."),
            field="asked",
        )
    notebook_lock(interview)
    question.asked_at = now if asked else None
    question.save(update_fields=["asked_at", "updated_at"])
    return question


@transaction.atomic
def my_questions_copy(*, interview: Interview, source: Interview) -> list[MyQuestion]:
    """Copy the question list of another of the student's conversations to the end of this
    one, in its order. Questions already here are not copied again, so copying twice adds
    nothing; whether they were asked stays with the other conversation."""
    if source.student_id != interview.student_id or source.pk == interview.pk:
        raise ApplicationError(_("Choose another of your own conversations."), field="source")
    notebook = notebook_lock(interview)
    present = {_same_text(text) for text in notebook.questions.values_list("text", flat=True)}
    new: list[MyQuestion] = []
    for q in MyQuestion.objects.filter(notebook_id=source.pk).order_by("position", "id"):
        if _same_text(q.text) in present:
            continue
        present.add(_same_text(q.text))
        new.append(q)
    if not new:
        raise ApplicationError(
            _("Every question of that conversation is already in this list."), field="source"
        )
    _room_left(notebook, adding=len(new), field="source")
    position = _next_position(notebook)
    return MyQuestion.objects.bulk_create(
        MyQuestion(
            notebook=notebook,
            text=q.text,
            topic=q.topic,
            bank_question_id=q.bank_question_id,
            position=position + offset,
        )
        for offset, q in enumerate(new)
    )


def bank_questions_ensure() -> int:
    """Load the starter questions that are missing, in English and Spanish (as the data
    migrations do); returns how many were added. Staff edit the bank in admin afterwards."""
    # By the English column: ``text`` would read the active language's.
    existing = set(BankQuestion.objects.values_list("topic", "text_en"))
    missing = [
        BankQuestion(
            topic=topic,
            text_en=text,
            text_es=QUESTION_BANK_ES[text],
            position=position * 10,
        )
        for topic, texts in QUESTION_BANK.items()
        for position, text in enumerate(texts, start=1)
        if (topic, text) not in existing
    ]
    BankQuestion.objects.bulk_create(missing)
    return len(missing)
