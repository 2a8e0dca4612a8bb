"""Insights: recording what a conversation said, and the picture of each field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError

from ..access import notebook_interview
from ..forms.insights import SUGGESTIONS_ID, InsightForm
from ..selectors.insights import (
    ENOUGH_PEOPLE,
    claim_texts_for_student,
    insight_conversations_for_student,
    insight_field_choices,
    insight_list_for_interview,
    insight_overview_for_student,
)
from ..services.insights import insight_record, insight_remove, insights_refusal


@login_required
def overview(request):
    """``/insights/``: the student's picture of each field (students only)."""
    if not request.user.is_student:
        raise Http404
    return render(
        request,
        "notebook/insights/overview.html",
        {
            "fields": insight_overview_for_student(student=request.user),
            "conversations": insight_conversations_for_student(student=request.user),
            "enough": ENOUGH_PEOPLE,
        },
    )


@login_required
def record(request, interview_id: int):
    """Record insights from one conversation, once it has started."""
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    refusal = insights_refusal(interview)
    fields, initial_field = insight_field_choices(interview=interview, student=request.user)
    form = InsightForm(request.POST or None, fields=fields, initial_field=initial_field)
    status = 200
    if form.is_bound and refusal:
        # Kept on the page, so nothing typed is lost; nothing is saved.
        form.add_error(None, refusal)
        status = 409
    elif form.is_valid():
        try:
            recorded = insight_record(interview=interview, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _recorded_message(recorded))
            return redirect("notebook:insights_record", interview.pk)
    if form.is_bound and status == 200:
        status = 400
    return render(
        request,
        "notebook/insights/record.html",
        {
            "interview": interview,
            "form": form,
            "refusal": refusal,
            "fields": fields,
            "insights": insight_list_for_interview(interview=interview),
            "suggestions": claim_texts_for_student(student=request.user),
            "suggestions_id": SUGGESTIONS_ID,
        },
        status=status,
    )


def _recorded_message(recorded) -> str:
    claim = recorded.perspective.claim
    if recorded.replaced:
        return _("Updated: what this person said about “%(claim)s”.") % {"claim": claim.text}
    if recorded.reused_claim:
        return _("Recorded, together with what you heard before: “%(claim)s” (%(topic)s).") % {
            "claim": claim.text,
            "topic": claim.get_topic_display(),
        }
    return _("Recorded: “%(claim)s”.") % {"claim": claim.text}


@login_required
@require_POST
def remove(request, interview_id: int, perspective_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    try:
        insight_remove(interview=interview, perspective_id=perspective_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed."))
    return redirect("notebook:insights_record", interview.pk)
