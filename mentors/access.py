"""Who may see which mentor profile."""

from django.http import Http404
from django.utils import timezone

from users.models import User

from .models import MentorProfile
from .selectors import mentor_get_for_profile_page


def mentor_is_listed_now(mentor: MentorProfile) -> bool:
    """The profile page's rule for whether students may see ``mentor`` (loaded by
    ``mentor_get_for_profile_page``, which adds ``email_verified``)."""
    return (
        mentor.is_listed_on(timezone.localdate())
        and mentor.user.is_active
        and mentor.email_verified  # type: ignore[attr-defined]
    )


def access_mentor_profile(*, user: User, mentor_id: int) -> MentorProfile:
    """A listed mentor for any signed-in user; any mentor for staff or the mentor
    themselves. Everyone else gets 404, so unlisted volunteers cannot be discovered."""
    mentor = mentor_get_for_profile_page(mentor_id=mentor_id)
    if mentor is None:
        raise Http404
    if mentor_is_listed_now(mentor):
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
