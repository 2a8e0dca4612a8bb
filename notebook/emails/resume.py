"""To the student: the mentor left feedback on their résumé (the text as it is when the
email is sent)."""

from __future__ import annotations

from django.conf import settings

from interviews.display import mentor_name
from interviews.models import Interview
from notifications.models import Notification
from notifications.services import (
    RenderedEmail,
    absolute_url,
    email_render,
    notification_enqueue,
)

from ..models import ResumeFeedback

RESUME_FEEDBACK = "notebook.resume_feedback"


def resume_feedback_queue(interview: Interview) -> None:
    student = interview.student
    if student.is_erased:
        return
    notification_enqueue(
        to_email=student.email,
        kind=RESUME_FEEDBACK,
        dedupe_key=f"{RESUME_FEEDBACK}:{interview.pk}",
        recipient_id=student.pk,
        subject_key=interview.subject_key,
    )


def render_resume_feedback(row: Notification) -> RenderedEmail | None:
    """None when the feedback or the student's part in the conversation is gone."""
    pk = Interview.pk_from_subject_key(row.subject_key)
    if pk is None:
        return None
    feedback = (
        ResumeFeedback.objects.select_related("interview__student", "interview__mentor")
        .filter(interview_id=pk)
        .first()
    )
    if feedback is None or feedback.interview.student_id != row.recipient_id:
        return None
    interview = feedback.interview
    return email_render(
        template="emails/notebook_resume_feedback",
        context={
            "feedback": feedback,
            "reader": interview.student,
            "mentor_name": mentor_name(interview.mentor),
            "interview_url": absolute_url(interview.get_absolute_url()),
            "site_name": settings.SITE_NAME,
        },
    )
