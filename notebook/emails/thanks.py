"""The student's thank-you, emailed to the mentor through the site.

It goes from the site's address (the outbox's sender) with Reply-To set to the
student's address as it is when the email is sent, so the mentor's answer reaches the
student directly. The text is the saved letter, read when the email is sent.
"""

from __future__ import annotations

from django.conf import settings

from interviews.models import Interview
from notifications.models import Notification
from notifications.services import RenderedEmail, email_render, notification_enqueue

from ..models import ThankYouLetter

THANK_YOU = "notebook.thank_you"


def thank_you_queue(interview: Interview) -> None:
    """One thank-you email per conversation: the key holds it to one row."""
    mentor = interview.mentor.user
    notification_enqueue(
        to_email=mentor.email,
        kind=THANK_YOU,
        dedupe_key=f"{THANK_YOU}:{interview.pk}",
        recipient_id=mentor.pk,
        subject_key=interview.subject_key,
    )


def render_thank_you(row: Notification) -> RenderedEmail | None:
    """The saved letter, to the mentor; None when the letter, the mentor's part in the
    conversation or the student's account is gone."""
    letter = (
        ThankYouLetter.objects.select_related(
            "notebook__interview__student", "notebook__interview__mentor"
        )
        .filter(
            notebook_id=Interview.pk_from_subject_key(row.subject_key), emailed_at__isnull=False
        )
        .first()
    )
    if letter is None:
        return None
    interview = letter.notebook.interview
    student = interview.student
    if student.is_erased or interview.mentor.user_id != row.recipient_id:
        return None
    email = email_render(
        template="emails/notebook_thank_you",
        context={
            "letter": letter,
            "student_name": student.get_full_name() or student.email,
            "site_name": settings.SITE_NAME,
        },
    )
    email.reply_to = [student.email]
    return email
