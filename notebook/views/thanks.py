"""Step 3 of the notebook: the thank-you letter, drafted from the notes, edited, printed
or emailed through the site, and marked sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from interviews.display import mentor_name
from interviews.models import Interview
from interviews.policy import refusal as interview_refusal
from interviews.services import interview_thank_you_mark_sent

from ..access import notebook_interview
from ..forms.thanks import LetterForm, MarkSentForm
from ..selectors.thanks import thank_you_letter_for
from ..services.thanks import compose_refusal, thank_you_save, thank_you_send


def _render(request, interview: Interview, *, letter_form=None, mark_form=None, status=200):
    letter, saved = thank_you_letter_for(interview)
    return render(
        request,
        "notebook/thanks.html",
        {
            "interview": interview,
            "notebook_step": "thanks",
            "mentor_name": mentor_name(interview.mentor),
            "letter": letter,
            "saved": saved,
            "compose_refusal": compose_refusal(interview),
            "send_refusal": interview_refusal("thank_you", interview, request.user),
            "letter_form": letter_form
            or LetterForm(initial={"subject": letter.subject, "body": letter.body}),
            "mark_form": mark_form or MarkSentForm(prefix="mark"),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def thanks_view(request, interview_id: int):
    """The composer; a POST saves the letter, or with ``send`` emails it."""
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    if request.method != "POST":
        return _render(request, interview)
    form = LetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please fix the marked fields below."))
        return _render(request, interview, letter_form=form, status=400)
    sending = "send" in request.POST
    service = thank_you_send if sending else thank_you_save
    try:
        service(interview=interview, by=request.user, **form.service_kwargs())
    except ApplicationError as error:
        if error.field:
            form.add_service_error(error)
        else:
            messages.error(request, error.message)
        return _render(request, interview, letter_form=form, status=400)
    if sending:
        messages.success(
            request,
            _("Your thank-you is on its way to %(name)s. Their reply will come to your email.")
            % {"name": mentor_name(interview.mentor)},
        )
    else:
        messages.success(request, _("Letter saved."))
    return redirect("notebook:thanks", interview.pk)


@require_POST
@login_required
def thanks_mark_sent_view(request, interview_id: int):
    """The student sent the letter themselves (email, letter or card)."""
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    form = MarkSentForm(request.POST, prefix="mark")
    if not form.is_valid():
        return _render(request, interview, mark_form=form, status=400)
    try:
        interview_thank_you_mark_sent(interview=interview, by=request.user, **form.service_kwargs())
    except ApplicationError as error:
        if error.field:
            form.add_service_error(error)
        else:
            messages.error(request, error.message)
        return _render(request, interview, mark_form=form, status=400)
    messages.success(request, _("Well done. Thanking people is how a network grows."))
    return redirect("notebook:thanks", interview.pk)


@login_required
def thanks_letter_view(request, interview_id: int):
    """The letter as it stands (the draft when none is saved yet), to print."""
    interview = notebook_interview(user=request.user, interview_id=interview_id)
    letter, _saved = thank_you_letter_for(interview)
    return render(
        request,
        "notebook/thanks_letter.html",
        {
            "interview": interview,
            "mentor": interview.mentor,
            "letter": letter,
            "letter_date": timezone.localdate(),
        },
    )
