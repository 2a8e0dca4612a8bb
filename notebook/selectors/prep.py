"""What the Prepare page, the printable sheet, the interview page and the dashboard read:
the question list, the bank by topic, the checklist and how far it is done.

The checklist has seven items. Five are ticked by the student; two follow the facts:
"questions ready" at ``QUESTIONS_READY`` questions or more, and "confirmed" once the
interview's ``confirmed_at`` is set (the confirmation link sets it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from interviews.models import Interview
from interviews.preparation import Progress

from ..models import BankQuestion, MyQuestion, Notebook

QUESTIONS_READY = 5
CHECKLIST_SIZE = 7

Format = Interview.Format


@dataclass(frozen=True)
class ChecklistItem:
    name: str
    label: str
    done: bool
    # Ticked by itself from the facts, not by the student.
    automatic: bool = False
    hint: str = ""


def arrival_label(interview: Interview) -> str:
    """The arrival item in the words of the conversation's format."""
    if interview.format == Format.IN_PERSON:
        return _("Arrive 15–20 minutes early")
    if interview.format == Format.VIDEO:
        return _("Test the video link, your camera and microphone beforehand")
    if interview.format == Format.PHONE:
        return _("Test the phone number and find a quiet place to call from")
    return _("Arrive 15–20 minutes early (in person), or test the link or number (video, phone)")


def attire_label(interview: Interview) -> str:
    if interview.format == Format.IN_PERSON:
        return _("Decide what to wear: dress as you would for work in that field")
    if interview.format == Format.VIDEO:
        return _("Decide what to wear on camera: dress as you would for work in that field")
    return _("Decide what to wear, as you would for work in that field")


def time_label(interview: Interview) -> str:
    return _("Plan to stay within the %(minutes)d minutes you asked for") % {
        "minutes": interview.duration_minutes
    }


def prep_checklist(
    interview: Interview, notebook: Notebook, *, question_count: int
) -> list[ChecklistItem]:
    """The seven items, in the order of the practice."""
    return [
        ChecklistItem("research_done", _("Research done"), notebook.research_done),
        ChecklistItem(
            "questions_ready",
            _("Questions ready"),
            question_count >= QUESTIONS_READY,
            automatic=True,
            hint=_("Ticked by itself at %(ready)d questions or more (you have %(count)d).")
            % {"ready": QUESTIONS_READY, "count": question_count},
        ),
        ChecklistItem("resume_copies", _("Résumé copies ready"), notebook.resume_copies),
        ChecklistItem(
            "confirmed",
            _("Confirmed about 48 hours before"),
            interview.confirmed_at is not None,
            automatic=True,
            hint=_("Ticked by itself when you confirm with the link we email you."),
        ),
        ChecklistItem("attire_ready", attire_label(interview), notebook.attire_ready),
        ChecklistItem("arrival_planned", arrival_label(interview), notebook.arrival_planned),
        ChecklistItem("time_noted", time_label(interview), notebook.time_noted),
    ]


def _done_count(interview: Interview, notebook: Notebook | None, question_count: int) -> int:
    if notebook is None:
        notebook = Notebook(interview=interview)
    items = prep_checklist(interview, notebook, question_count=question_count)
    return sum(item.done for item in items)


def notebooks_with_counts(interviews: list[Interview]) -> dict[int, Notebook]:
    """The notebooks these interviews have (not all have one yet), each with
    ``question_count``; one query."""
    return {
        n.pk: n
        for n in Notebook.objects.filter(pk__in=[i.pk for i in interviews]).annotate(
            question_count=Count("questions")
        )
    }


def prep_progress_for(interviews: list[Interview]) -> dict[int, Progress]:
    """How far each interview's checklist is done (the dashboard's "Prepare" task)."""
    notebooks = notebooks_with_counts(interviews)
    progress = {}
    for interview in interviews:
        notebook = notebooks.get(interview.pk)
        count = notebook.question_count if notebook is not None else 0  # type: ignore[attr-defined]
        progress[interview.pk] = Progress(_done_count(interview, notebook, count), CHECKLIST_SIZE)
    return progress


def prep_email_lines(interview: Interview) -> list[str]:
    """The student's questions for the day-before email, as they are when it is sent."""
    texts = list(
        MyQuestion.objects.filter(notebook_id=interview.pk)
        .order_by("position", "id")
        .values_list("text", flat=True)
    )
    if not texts:
        return [
            _(
                "Your question list is still empty. Add at least %(ready)d open-ended "
                "questions, from the question bank or your own, most important first."
            )
            % {"ready": QUESTIONS_READY}
        ]
    numbered = "\n".join(f"{n}. {text}" for n, text in enumerate(texts, start=1))
    return [_("Your questions, in your order:") + "\n" + numbered]


def my_questions(notebook: Notebook) -> list[MyQuestion]:
    return list(notebook.questions.order_by("position", "id"))


def my_question_get(*, interview: Interview, question_id: int) -> MyQuestion:
    """One question of this interview's notebook (the interview already checked to be the
    student's own), or 404."""
    question = get_object_or_404(
        MyQuestion.objects.select_related("notebook"), pk=question_id, notebook_id=interview.pk
    )
    question.notebook.interview = interview
    return question


def bank_questions_for(topic: str) -> list[BankQuestion]:
    """The questions still offered in one topic, in staff's order."""
    return list(BankQuestion.objects.filter(topic=topic, retired=False).order_by("position", "id"))


def other_conversations_with_questions(interview: Interview) -> list[Interview]:
    """The student's other conversations whose notebook has questions, newest first."""
    has_questions = Exists(MyQuestion.objects.filter(notebook_id=OuterRef("pk")))
    return list(
        Interview.objects.filter(student_id=interview.student_id)
        .exclude(pk=interview.pk)
        .filter(has_questions)
        .select_related("mentor")
        .order_by("-requested_at", "-id")
    )
