"""Demo notebooks for the demo student: a conversation being prepared and one to
follow up, so a first tour shows every step of the notebook with something in it."""

from __future__ import annotations

from django.db.models import Q

from interviews.models import Interview
from mentors.models import MentorProfile
from users.models import User

from .insights_models import Perspective
from .models import BankQuestion, Notebook, Topic
from .services.insights import insight_record
from .services.meeting import note_add, referral_add
from .services.prep import (
    my_question_add,
    my_questions_add_from_bank,
    notebook_checklist_update,
    notebook_research_update,
)


def _prepare(interview: Interview) -> None:
    notebook_research_update(
        interview=interview,
        research_field=interview.research,
        research_organization="Read the organization's last annual report and its careers page.",
        research_person="Their profile in the directory: career path and the fields they list.",
    )
    # Four questions: one short of "questions ready", so the checklist has a step left.
    picks = [
        BankQuestion.objects.filter(topic=topic, retired=False).order_by("position", "pk").first()
        for topic in (Topic.WORK, Topic.SKILLS, Topic.DEVELOPMENT)
    ]
    my_questions_add_from_bank(interview=interview, bank_question_ids=[q.pk for q in picks if q])
    my_question_add(
        interview=interview,
        text="Which part of your first year surprised you most, and how did you adapt?",
    )
    notebook_checklist_update(interview=interview, research_done=True)


def _follow_up(interview: Interview, *, exclude: list[int]) -> None:
    student = interview.student
    for kind, text in (
        ("advice", "Build one small project end to end and show it; it says more than grades."),
        ("term", "Look up: design review, on-call rotation."),
        ("point", "Their team hires interns each spring; applications open in January."),
    ):
        note_add(interview=interview, by=student, kind=kind, text=text)
    # A colleague in the directory the mentor suggested: the next request cites them.
    field_ids = list(interview.mentor.career_fields.values_list("pk", flat=True))
    not_asked = (
        MentorProfile.objects.listed()
        .exclude(Q(pk__in=exclude) | Q(interviews__student=student))
        .order_by("pk")
    )
    # Someone in the same field if the directory has one, else anyone listed.
    colleague = not_asked.filter(career_fields__in=field_ids).first() or not_asked.first()
    if colleague is not None:
        referral_add(
            interview=interview,
            by=student,
            may_cite=True,
            mentor_id=colleague.pk,
            relation="They worked together on a project last year.",
        )
    field = interview.mentor.career_fields.order_by("pk").first()
    if field is not None:
        insight_record(
            interview=interview,
            text="Internships matter more than grades for a first job",
            topic=Topic.SKILLS,
            career_field=field,
            stance=Perspective.Stance.AGREE,
        )


def seed_notebooks(*, demo_student: User) -> str:
    """Fill the notebooks of the demo student's scheduled and last completed conversation;
    nothing when they already have one (idempotent like the rest of the demo)."""
    if Notebook.objects.filter(interview__student=demo_student).exists():
        return "Notebooks already seeded."
    interviews = Interview.objects.filter(student=demo_student).select_related("mentor")
    scheduled = interviews.filter(status=Interview.Status.SCHEDULED).order_by("starts_at").first()
    held = interviews.filter(status=Interview.Status.COMPLETED).order_by("-starts_at").first()
    if scheduled is not None:
        _prepare(scheduled)
    if held is not None:
        _follow_up(held, exclude=[i.mentor_id for i in interviews])
    return "2 demo notebooks." if scheduled and held else ""
