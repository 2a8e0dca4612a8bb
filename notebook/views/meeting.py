"""Step 2 of the notebook: notes from the conversation and referrals, on one page.

The page opens at any time; writing opens when the conversation starts
(``services.meeting.notes_refusal``). A form with errors comes back with what was typed
and the message next to the field."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from interviews.display import mentor_name
from interviews.models import Interview

from ..access import notebook_interview
from ..forms.meeting import NoteForm, ReferralForm
from ..models import ConversationNote, Referral
from ..selectors.meeting import notes_for, referral_mentor_choices, referrals_for
from ..services.meeting import (
    note_add,
    note_remove,
    note_update,
    notes_refusal,
    referral_add,
    referral_remove,
    referral_update,
)


def _referral_form(interview: Interview, data=None, **kwargs) -> ReferralForm:
    return ReferralForm(
        data,
        mentors=referral_mentor_choices(interview),
        referrer=mentor_name(interview.mentor),
        prefix="referral",
        **kwargs,
    )


def _render(request, interview: Interview, *, note_form=None, referral_form=None, status=200):
    refusal = notes_refusal(interview)
    return render(
        request,
        "notebook/notes.html",
        {
            "interview": interview,
            "notebook_step": "notes",
            "mentor_name": mentor_name(interview.mentor),
            "refusal": refusal,
            "notes": list(notes_for(interview)),
            "referrals": list(referrals_for(interview)),
            "note_form": note_form or NoteForm(prefix="note"),
            "referral_form": (
                referral_form or (_referral_form(interview) if refusal is None else None)
            ),
        },
        status=status,
    )


def _refused(request, interview: Interview, error: ApplicationError, form, **forms):
    """A refusal about a field goes next to it; any other is a message on the page."""
    if error.field:
        form.add_service_error(error)
    else:
        messages.error(request, error.message)
    return _render(request, interview, status=400, **forms)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notes_view(request, interview_id: int):
    """The page; a POST adds a note."""
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    if request.method != "POST":
        return _render(request, interview)
    form = NoteForm(request.POST, prefix="note")
    if not form.is_valid():
        return _render(request, interview, note_form=form, status=400)
    try:
        note_add(interview=interview, by=request.user, **form.service_kwargs())
    except ApplicationError as error:
        return _refused(request, interview, error, form, note_form=form)
    messages.success(request, _("Note added."))
    return redirect("notebook:notes", interview.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def note_edit_view(request, interview_id: int, note_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    note = get_object_or_404(ConversationNote, pk=note_id, notebook_id=interview.pk)
    initial = {"kind": note.kind, "text": note.text}
    form = NoteForm(request.POST or None, initial=initial, prefix="edit")
    if form.is_valid():
        try:
            note_update(note=note, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Note saved."))
            return redirect("notebook:notes", interview.pk)
    return render(
        request,
        "notebook/note_edit.html",
        {"interview": interview, "notebook_step": "notes", "form": form, "note": note},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def note_remove_view(request, interview_id: int, note_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    note = get_object_or_404(ConversationNote, pk=note_id, notebook_id=interview.pk)
    try:
        note_remove(note=note, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Note removed."))
    return redirect("notebook:notes", interview.pk)


@require_POST
@login_required
def referral_add_view(request, interview_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    form = _referral_form(interview, request.POST)
    if not form.is_valid():
        return _render(request, interview, referral_form=form, status=400)
    try:
        referral = referral_add(interview=interview, by=request.user, **form.service_kwargs())
    except ApplicationError as error:
        return _refused(request, interview, error, form, referral_form=form)
    messages.success(
        request,
        _("%(name)s is on your networking list, to contact.") % {"name": referral},
    )
    return redirect("notebook:notes", interview.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def referral_edit_view(request, interview_id: int, referral_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    referral = get_object_or_404(Referral, pk=referral_id, notebook_id=interview.pk)
    form = _referral_form(
        interview, request.POST or None, initial=ReferralForm.initial_for(referral)
    )
    if form.is_valid():
        try:
            referral_update(referral=referral, by=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Referral saved."))
            return redirect("notebook:notes", interview.pk)
    return render(
        request,
        "notebook/referral_edit.html",
        {"interview": interview, "notebook_step": "notes", "form": form, "referral": referral},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def referral_remove_view(request, interview_id: int, referral_id: int):
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    referral = get_object_or_404(Referral, pk=referral_id, notebook_id=interview.pk)
    name = str(referral)
    try:
        kept = referral_remove(referral=referral, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("notebook:notes", interview.pk)
    if kept is not None:
        messages.success(
            request,
            _("Referral removed. %(name)s stays on your networking list: you have been in touch.")
            % {"name": kept.name},
        )
    else:
        messages.success(
            request,
            _("Referral removed, and %(name)s with it from your networking list.") % {"name": name},
        )
    return redirect("notebook:notes", interview.pk)
