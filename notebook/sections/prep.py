"""The Prepare part on the interview page: for the student, how far the notebook is and
a link to it; for the mentor, the questions the student chose to share. Nobody else sees
anything. At most two queries."""

from __future__ import annotations

from interviews.models import Interview
from interviews.sections import Section
from users.models import User

from ..models import Notebook
from ..selectors.prep import (
    CHECKLIST_SIZE,
    my_questions,
    notebooks_with_counts,
    prep_checklist,
)


def prep_sections(interview: Interview, user: User) -> list[Section]:
    if user.pk == interview.student_id:
        return [_student_section(interview)]
    if user.pk == interview.mentor.user_id:
        notebook = Notebook.objects.filter(pk=interview.pk, questions_shared=True).first()
        if notebook is None:
            return []
        questions = my_questions(notebook)
        if not questions:
            return []
        return [Section("notebook/sections/prep_mentor.html", {"questions": questions})]
    return []


def _student_section(interview: Interview) -> Section:
    notebook = notebooks_with_counts([interview]).get(interview.pk)
    count = notebook.question_count if notebook is not None else 0  # type: ignore[attr-defined]
    checklist = prep_checklist(
        interview, notebook or Notebook(interview=interview), question_count=count
    )
    return Section(
        "notebook/sections/prep_student.html",
        {
            "question_count": count,
            "checklist_done": sum(item.done for item in checklist),
            "checklist_size": CHECKLIST_SIZE,
            "shared": notebook is not None and notebook.questions_shared,
        },
    )
