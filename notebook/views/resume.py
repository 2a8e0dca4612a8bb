"""The mentor's feedback on the résumé the student attached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from interviews.display import student_name

from ..access import resume_feedback_interview
from ..forms.resume import ResumeFeedbackForm
from ..models import ResumeFeedback
from ..services.resume import resume_feedback_refusal, resume_feedback_save


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def resume_feedback_view(request, interview_id: int):
    """Only the mentor of the interview (else 404); a refusal (no résumé, not ended yet)
    is said on the page, with nothing to fill in."""
    interview = resume_feedback_interview(user=request.user, interview_id=interview_id)
    existing = ResumeFeedback.objects.filter(interview=interview).first()
    refusal = resume_feedback_refusal(interview, request.user)
    initial = {"text": existing.text} if existing else None
    form = ResumeFeedbackForm(request.POST or None, initial=initial)
    if refusal is None and form.is_valid():
        try:
            _feedback, created = resume_feedback_save(
                interview=interview, by=request.user, text=form.cleaned_data["text"]
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Thank you. The student has been emailed your feedback.")
                if created
                else _("Feedback saved. The student sees the change on their page."),
            )
            return redirect(interview)
    status = 200
    if request.method == "POST":
        status = 403 if refusal else 400
    return render(
        request,
        "notebook/resume_feedback.html",
        {
            "interview": interview,
            "student_name": student_name(interview.student),
            "refusal": refusal,
            "form": form,
            "existing": existing,
        },
        status=status,
    )
