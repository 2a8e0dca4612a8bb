"""The one-click confirmation link from the reminder email (signed; no sign-in needed)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..models import Interview
from ..policy import ActionNotAllowed, confirm_link_refusal
from ..reminders import confirm_token_check
from ..services import interview_confirm_by_token


@require_http_methods(["GET", "POST"])
def confirm_link(request, interview_id: int, token: str):
    """GET shows what is being confirmed (mail scanners follow links); POST confirms."""
    found = confirm_token_check(token, max_age=Interview.CONFIRM_LINK_MAX_AGE)
    interview = (
        Interview.objects.select_related("mentor", "student").filter(pk=interview_id).first()
        if found and found[0] == interview_id
        else None
    )
    context = {"interview": interview, "error": "", "done": False}
    if interview is None:
        context["error"] = _(
            "This confirmation link is not valid. Open the interview page instead."
        )
        return render(request, "interviews/confirm_link.html", context, status=404)
    if request.method == "GET":
        # Say what happened (cancelled, moved, already held) rather than offer a button.
        assert found is not None  # the interview was found through it
        context["error"] = confirm_link_refusal(interview, sequence=found[1]) or ""
        context["done"] = not context["error"] and interview.confirmed_at is not None
        return render(request, "interviews/confirm_link.html", context)
    try:
        interview = interview_confirm_by_token(token=token)
    except ActionNotAllowed as refused:
        context["error"] = refused.message
        return render(request, "interviews/confirm_link.html", context, status=409)
    context.update(interview=interview, done=True)
    return render(request, "interviews/confirm_link.html", context)
