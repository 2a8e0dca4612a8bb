"""Who may see an interview: its student, its mentor, and staff. Everyone else gets 404.
A calendar feed is opened by its token alone."""

from django.http import Http404

from users.models import User

from .models import CalendarFeed, Interview


def access_interview(
    *, user: User, interview_id: int, as_mentor: bool = False, as_student: bool = False
) -> Interview:
    interview = (
        Interview.objects.select_related(
            "student", "student__student_profile", "mentor", "mentor__user", "suggested_mentor"
        )
        .filter(pk=interview_id)
        .first()
    )
    if interview is None:
        raise Http404
    is_student = interview.student_id == user.pk
    is_mentor = interview.mentor.user_id == user.pk
    if as_mentor and not is_mentor:
        raise Http404
    if as_student and not is_student:
        raise Http404
    if not (is_student or is_mentor or user.is_staff):
        raise Http404
    return interview


def access_calendar_feed(*, token: str) -> CalendarFeed:
    """The feed this token opens, with its user. A wrong token, a replaced one and a
    switched-off feed are all the same 404 after the same one query."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=CalendarFeed.fingerprint(token))
        .first()
    )
    if feed is None:
        raise Http404
    if not feed.user.is_active:
        raise Http404
    return feed
