"""The Prepare page (research notes, my questions, the checklist) and the printable sheet.

Only the student whose conversation it is opens these pages (``notebook_interview``:
404 for anyone else). Each part of the page is a small POST form with a view of its own;
it redirects back on success, and on a mistake shows the whole page again with that
form as it was typed and the message next to the field. Everything works without
JavaScript: moving a question is a button, and after the move the browser lands on the
moved question's button (``autofocus``), so a keyboard user can move it again at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.timefmt import day as day_text
from interviews.display import mentor_name
from interviews.models import Interview

from ..access import notebook_interview
from ..forms.prep import (
    AskedForm,
    BankPickForm,
    ChecklistForm,
    CopyForm,
    MoveForm,
    QuestionForm,
    ResearchForm,
    ShareForm,
    TopicForm,
)
from ..models import Notebook, Topic
from ..selectors.prep import (
    CHECKLIST_SIZE,
    bank_questions_for,
    my_question_get,
    my_questions,
    other_conversations_with_questions,
    prep_checklist,
)
from ..services._common import notebook_ensure
from ..services.prep import (
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


def _prepare_url(interview: Interview, *, anchor: str = "", **query: object) -> str:
    url = reverse("notebook:prepare", args=[interview.pk])
    if query:
        url += "?" + urlencode(query)
    return url + (f"#{anchor}" if anchor else "")


def _conversation_label(interview: Interview) -> str:
    name = mentor_name(interview.mentor)
    if interview.starts_at:
        return _("With %(name)s, %(date)s") % {
            "name": name,
            "date": day_text(interview.starts_at),
        }
    return _("With %(name)s (%(status)s)") % {
        "name": name,
        "status": interview.get_status_display(),
    }


def _copy_form(interview: Interview, data=None) -> CopyForm:
    others = other_conversations_with_questions(interview)
    return CopyForm(data, choices=[(i.pk, _conversation_label(i)) for i in others])


def _render_prepare(request, interview: Interview, *, status: int = 200, **bound) -> HttpResponse:
    """The Prepare page; ``bound`` holds the form that was just posted with a mistake."""
    notebook = notebook_ensure(interview)
    questions = my_questions(notebook)
    topic_form = TopicForm(request.GET or None)
    topic = bound.pop("topic", None) or topic_form.topic_value
    bank = bank_questions_for(topic)
    in_list = {q.bank_question_id for q in questions if q.bank_question_id}
    offered = [q for q in bank if q.pk not in in_list]
    forms = {
        "research_form": ResearchForm.for_notebook(notebook),
        "checklist_form": ChecklistForm(interview=interview, notebook=notebook),
        "question_form": QuestionForm(),
        "bank_form": BankPickForm(topic=topic, questions=offered),
        "copy_form": _copy_form(interview),
        "share_form": ShareForm(initial={"questions_shared": notebook.questions_shared}),
        **bound,
    }
    checklist = prep_checklist(interview, notebook, question_count=len(questions))
    checklist_form = forms["checklist_form"]
    moved = request.GET.get("moved", "")
    return render(
        request,
        "notebook/prepare.html",
        {
            "interview": interview,
            "notebook": notebook,
            "notebook_step": "prepare",
            "mentor_name": mentor_name(interview.mentor),
            "questions": questions,
            "topic": topic,
            "topic_label": Topic(topic).label,
            "topic_form": TopicForm(initial={"topic": topic}),
            "bank": bank,
            "in_list": in_list,
            "checklist": checklist,
            # Each item with its checkbox, or None for the items that follow the facts.
            "checklist_rows": [
                (item, checklist_form[item.name] if item.name in checklist_form.fields else None)
                for item in checklist
            ],
            "checklist_done": sum(item.done for item in checklist),
            "checklist_size": CHECKLIST_SIZE,
            "started": interview.has_started(),
            "moved_id": int(moved) if moved.isdigit() else None,
            "moved_direction": request.GET.get("dir", ""),
            **forms,
        },
        status=status,
    )


def _fix_below(request, interview: Interview, **bound) -> HttpResponse:
    messages.error(request, _("Please fix the marked field below."))
    return _render_prepare(request, interview, status=400, **bound)


PrepView = Callable[..., HttpResponse]


def notebook_post(view: PrepView) -> PrepView:
    """A POST from the Prepare page, by the conversation's student. A GET (a reload of
    the address a form posted to) goes back to the page, where the forms are."""

    @require_http_methods(["GET", "HEAD", "POST"])
    @login_required
    @wraps(view)
    def wrapper(request, interview_id: int, **kwargs) -> HttpResponse:
        interview = notebook_interview(user=request.user, interview_id=interview_id)
        if request.method != "POST":
            return redirect(_prepare_url(interview))
        return view(request, interview, **kwargs)

    return wrapper


@login_required
def prepare_view(request, interview_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    return _render_prepare(request, interview)


@notebook_post
def research_save(request, interview: Interview):
    notebook = notebook_ensure(interview)
    form = ResearchForm.for_notebook(notebook, request.POST)
    if form.is_valid():
        try:
            notebook_research_update(interview=interview, **form.cleaned_data)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Research notes saved."))
            return redirect(_prepare_url(interview, anchor="research"))
    return _fix_below(request, interview, research_form=form)


@notebook_post
def checklist_save(request, interview: Interview):
    notebook = notebook_ensure(interview)
    form = ChecklistForm(request.POST, interview=interview, notebook=notebook)
    form.is_valid()  # booleans: every input is valid
    notebook_checklist_update(interview=interview, **form.cleaned_data)
    messages.success(request, _("Checklist saved."))
    return redirect(_prepare_url(interview, anchor="checklist"))


@notebook_post
def question_add(request, interview: Interview):
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            my_question_add(interview=interview, text=form.cleaned_data["text"])
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Question added at the end of your list."))
            return redirect(_prepare_url(interview, anchor="my-questions"))
    return _fix_below(request, interview, question_form=form)


@notebook_post
def questions_add_from_bank(request, interview: Interview):
    topic = request.POST.get("bank-topic", "")
    topic = topic if topic in Topic.values else Topic.values[0]
    notebook = notebook_ensure(interview)
    in_list = set(notebook.questions.values_list("bank_question_id", flat=True))
    offered = [q for q in bank_questions_for(topic) if q.pk not in in_list]
    form = BankPickForm(request.POST, topic=topic, questions=offered)
    if form.is_valid():
        try:
            added = my_questions_add_from_bank(
                interview=interview, bank_question_ids=form.cleaned_data["bank_questions"]
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            if added:
                messages.success(
                    request,
                    _("Added %(count)d questions to your list.") % {"count": len(added)}
                    if len(added) != 1
                    else _("Added 1 question to your list."),
                )
            else:
                messages.info(request, _("Those questions are already in your list."))
            return redirect(_prepare_url(interview, anchor="bank", topic=topic))
    return _fix_below(request, interview, bank_form=form, topic=topic)


@notebook_post
def questions_copy(request, interview: Interview):
    form = _copy_form(interview, request.POST)
    if form.is_valid():
        source = Interview.objects.get(pk=form.cleaned_data["source"])
        try:
            copied = my_questions_copy(interview=interview, source=source)
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Copied %(count)d questions to the end of your list.") % {"count": len(copied)}
                if len(copied) != 1
                else _("Copied 1 question to the end of your list."),
            )
            return redirect(_prepare_url(interview, anchor="my-questions"))
    return _fix_below(request, interview, copy_form=form)


@notebook_post
def questions_share(request, interview: Interview):
    form = ShareForm(request.POST)
    form.is_valid()  # a single box: every input is valid
    shared = form.cleaned_data["questions_shared"]
    notebook_questions_share(interview=interview, shared=shared)
    messages.success(
        request,
        _("Your questions are shared with the mentor.")
        if shared
        else _("Your questions are no longer shared with the mentor."),
    )
    return redirect(_prepare_url(interview, anchor="share"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def question_edit(request, interview_id: int, question_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    question = my_question_get(interview=interview, question_id=question_id)
    form = QuestionForm(request.POST or None, initial={"text": question.text}, prefix="edit")
    if form.is_valid():
        try:
            my_question_update(question=question, text=form.cleaned_data["text"])
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Question saved."))
            return redirect(_prepare_url(interview, anchor=f"question-{question.pk}"))
    if form.errors:
        messages.error(request, _("Please fix the marked field below."))
    return render(
        request,
        "notebook/question_edit.html",
        {
            "interview": interview,
            "question": question,
            "form": form,
            "notebook_step": "prepare",
            "mentor_name": mentor_name(interview.mentor),
        },
        status=400 if form.errors else 200,
    )


@notebook_post
def question_remove(request, interview: Interview, question_id: int):
    question = my_question_get(interview=interview, question_id=question_id)
    my_question_remove(question=question)
    messages.success(request, _("Removed “%(text)s”.") % {"text": question.text})
    return redirect(_prepare_url(interview, anchor="my-questions"))


@notebook_post
def question_move(request, interview: Interview, question_id: int):
    question = my_question_get(interview=interview, question_id=question_id)
    form = MoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else ""
    try:
        my_question_move(question=question, direction=direction)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        moved = _("Moved up: “%(text)s”.") if direction == "up" else _("Moved down: “%(text)s”.")
        messages.success(request, moved % {"text": question.text})
    # Back on the moved question's button (autofocus), ready to move it again.
    return redirect(_prepare_url(interview, moved=question.pk, dir=direction or "up"))


@notebook_post
def question_asked(request, interview: Interview, question_id: int):
    question = my_question_get(interview=interview, question_id=question_id)
    form = AskedForm(request.POST)
    form.is_valid()  # a single box: every input is valid
    try:
        my_question_mark_asked(question=question, asked=form.cleaned_data["asked"])
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(_prepare_url(interview, anchor=f"question-{question.pk}"))


@login_required
def sheet_view(request, interview_id: int):
    """The one-page sheet to print and take along."""
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    notebook: Notebook = notebook_ensure(interview)
    return render(
        request,
        "notebook/sheet.html",
        {
            "interview": interview,
            "notebook": notebook,
            "questions": my_questions(notebook),
            "mentor_name": mentor_name(interview.mentor),
        },
    )
