"""Who may see which mentor profile."""

from django.http import Http404

from users.models import User

from .models import MentorProfile
from .selectors import mentor_get_for_profile_page


def access_mentor_profile(*, user: User, mentor_id: int) -> MentorProfile:
    """A listed mentor for any signed-in user; any mentor for staff or the mentor
    themselves. Everyone else gets 404, so unlisted volunteers cannot be discovered."""
    mentor = mentor_get_for_profile_page(mentor_id=mentor_id)
    if mentor is None:
        raise Http404
    if mentor.is_listed:  # type: ignore[attr-defined]
        return mentor
    if user.is_staff:
        return mentor
    if mentor.user_id == user.pk:
        return mentor
    raise Http404


def access_own_mentor_profile(*, user: User) -> MentorProfile:
    """The signed-in user's own mentor profile, or 404 when they have not volunteered."""
    try:
        return MentorProfile.objects.select_related("user").get(user=user)
    except MentorProfile.DoesNotExist:
        raise Http404 from None
