"""What the notebook's follow-up adds to the interview page (``interviews.sections``).

To the student: the way to their notes, referrals and thank-you letter once the
conversation has started, and the mentor's feedback on their résumé. To the mentor: the
thank-you letter the student emailed through the site, and the résumé feedback form
once the conversation has ended. At most two queries, whatever the notebook holds.
"""

from __future__ import annotations

from interviews.models import Interview
from interviews.sections import Section
from users.models import User

from ..models import ResumeFeedback, ThankYouLetter
from ..services.meeting import WRITABLE_STATES
from ..services.resume import resume_feedback_refusal


def _feedback(interview: Interview) -> ResumeFeedback | None:
    if not interview.resume_attached:
        return None
    return ResumeFeedback.objects.filter(interview=interview).first()


def follow_up_sections(interview: Interview, user: User) -> list[Section]:
    if user.pk == interview.student_id:
        return [
            Section(
                "notebook/sections/followup_student.html",
                {
                    "interview": interview,
                    "open": interview.status in WRITABLE_STATES and interview.has_started(),
                    "resume_feedback": _feedback(interview),
                },
            )
        ]
    if user.pk == interview.mentor.user_id:
        letter = ThankYouLetter.objects.filter(
            notebook_id=interview.pk, emailed_at__isnull=False
        ).first()
        feedback = _feedback(interview)
        can_give = interview.resume_attached and resume_feedback_refusal(interview, user) is None
        if letter is None and feedback is None and not can_give:
            return []
        return [
            Section(
                "notebook/sections/followup_mentor.html",
                {
                    "interview": interview,
                    "letter": letter,
                    "resume_feedback": feedback,
                    "can_give_feedback": can_give,
                },
            )
        ]
    return []
