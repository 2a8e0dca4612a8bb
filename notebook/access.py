"""Who may open a notebook: the student whose conversation it is. Nobody else.

The mentor sees only what the student sends them (the thank-you letter, the questions
when the student shares them); staff read notebooks only in admin and only with the
``notebook.read_notebook`` permission, which the Career staff group does not have.
Everyone else gets 404, as for a page that does not exist.
"""

from django.http import Http404

from interviews.models import Interview
from users.models import User


def notebook_interview(*, user: User, interview_id: int) -> Interview:
    """The interview ``interview_id`` when ``user`` is its student; else Http404."""
    interview = (
        Interview.objects.select_related("student", "mentor", "mentor__user")
        .filter(pk=interview_id, student_id=user.pk)
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def resume_feedback_interview(*, user: User, interview_id: int) -> Interview:
    """The interview ``interview_id`` when ``user`` is its mentor; else Http404. Whether
    feedback can be given now is ``services.resume.resume_feedback_refusal``."""
    interview = (
        Interview.objects.select_related("student", "mentor", "mentor__user")
        .filter(pk=interview_id, mentor__user_id=user.pk)
        .first()
    )
    if interview is None:
        raise Http404
    return interview
