"""One interview's page, and every action posted from it. Views parse with a form,
call a service, and redirect or render; a refused or stale action is a message, a lost
race a 409 page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import access_interview
from ..display import other_party_name
from ..models import Interview, TimeProposal
from ..policy import available_actions, moves_used_up, open_ask, refusal, role_refusal
from ..sections import sections_for
from ..services import ActionNotAllowed, SlotTaken
from .actions import ACTIONS, mentor_suggestions

Status = Interview.Status


def open_proposals(interview: Interview) -> list[TimeProposal]:
    """The times offered while the request was answered (not those of an ask to move)."""
    return list(interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at"))


def _render_detail(request, interview: Interview, *, bound=None, status: int = 200):
    interview.open_proposals = open_proposals(interview)
    names = available_actions(interview, request.user)
    suggestions = mentor_suggestions(interview.mentor) if "decline" in names else []
    # One form is open: the one with errors to fix, else the next step; the others open
    # from their heading.
    opened = (
        bound[0] if bound else next((n for n in names if ACTIONS[n].next_step(interview)), None)
    )
    actions = []
    for name in names:
        spec = ACTIONS[name]
        if bound is not None and bound[0] == name:
            form = bound[1]
        else:
            form = spec.form(None, interview, request, suggestions=suggestions)
        actions.append({"name": name, "spec": spec, "form": form, "open": name == opened})
    is_student = interview.student_id == request.user.pk
    return render(
        request,
        "interviews/detail.html",
        {
            "interview": interview,
            "other_name": other_party_name(interview, request.user),
            "started": interview.has_started(),
            "ended": interview.has_ended(),
            "actions": actions,
            "is_student": is_student,
            "is_mentor": interview.mentor.user_id == request.user.pk,
            "show_contact": is_student
            and interview.status in (Status.ACCEPTED, Status.SCHEDULED, Status.COMPLETED),
            "student_proposals": [
                p for p in interview.open_proposals if p.proposed_by == TimeProposal.By.STUDENT
            ],
            "mentor_proposals": [
                p for p in interview.open_proposals if p.proposed_by == TimeProposal.By.MENTOR
            ],
            "profile": getattr(interview.student, "student_profile", None),
            # What higher apps (the notebook) show on this page to this person.
            "sections": sections_for(interview, request.user),
            "open_ask": open_ask(interview),
            # What this person said afterwards, shown back to them (never to the other side).
            "my_feedback": (
                interview.feedback.filter(author=request.user).first()
                if interview.status == Status.COMPLETED
                else None
            ),
            "max_reschedules": settings.MAX_RESCHEDULES,
            # Scheduled and upcoming (it can be cancelled) but moved as often as allowed.
            "reschedule_refusal": (
                moves_used_up(interview)
                if "cancel" in names and interview.status == Status.SCHEDULED
                else None
            ),
        },
        status=status,
    )


@login_required
def interview_detail(request, interview_id: int):
    interview = access_interview(user=request.user, interview_id=interview_id)
    return _render_detail(request, interview)


def _after_action(request, interview: Interview):
    if request.POST.get("next") == reverse("mentor_dashboard"):
        return redirect("mentor_dashboard")
    return redirect(interview)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interview_act(request, interview_id: int, action: str):
    """Every action on an interview, each a small POST form on its page.

    A GET (the address left in the bar after a form error, a reload, a new tab) goes to
    the interview's page, where the form is."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    interview = access_interview(user=request.user, interview_id=interview_id)
    if request.method != "POST":
        return redirect(interview)
    if refused := role_refusal(action, interview, request.user):
        messages.error(request, refused)
        return redirect(interview)
    suggestions = mentor_suggestions(interview.mentor) if action == "decline" else []
    form = spec.form(request.POST, interview, request, suggestions=suggestions)
    still_possible = refusal(action, interview, request.user) is None
    if form.is_valid():
        try:
            spec.service(interview=interview, by=request.user, **form.service_kwargs())
        except SlotTaken as error:
            return render(
                request,
                "interviews/slot_taken.html",
                {"interview": interview, "title": error.title, "message": error.message},
                status=409,
            )
        except ActionNotAllowed as error:
            if not (error.field and still_possible):
                messages.error(request, error.message)
                return redirect(interview)
            form.add_service_error(error)
        else:
            messages.success(request, spec.success)
            return _after_action(request, interview)
    if not still_possible:
        messages.error(request, _("This can no longer be done: the interview has changed."))
        return redirect(interview)
    messages.error(request, _("Please fix the marked fields below."))
    return _render_detail(request, interview, bound=(action, form), status=400)
