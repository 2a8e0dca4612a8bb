"""Downloads: the calendar invite and the résumé attached to a request."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from students.services import resume_snapshot_response

from ..access import access_interview
from ..ics import PUBLISH, interview_ics
from ..models import Interview

Status = Interview.Status


@login_required
def interview_ics_view(request, interview_id: int):
    """The current event to add to a calendar (a cancelled one that had a time, marked
    cancelled). A download invites no reply, so it is published, never a REQUEST."""
    interview = access_interview(user=request.user, interview_id=interview_id)
    has_event = interview.status == Status.SCHEDULED or (
        interview.status == Status.CANCELLED and interview.starts_at is not None
    )
    if not has_event:
        raise Http404
    method = PUBLISH
    response = HttpResponse(
        interview_ics(interview, method=method),
        content_type=f"text/calendar; charset=utf-8; method={method}",
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def interview_resume(request, interview_id: int):
    """The résumé the student attached to this request, as it was then; only the parties
    may download it, and only while the conversation has not ended without taking place."""
    interview = access_interview(user=request.user, interview_id=interview_id)
    is_party = request.user.pk in (interview.student_id, interview.mentor.user_id)
    if not is_party or not interview.resume_shared:
        raise Http404
    return resume_snapshot_response(subject_key=interview.subject_key)
