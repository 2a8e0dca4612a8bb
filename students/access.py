"""Who may see or change a student's things. Anything not theirs is a 404, never a 403,
so ids reveal nothing."""

from django.http import Http404

from .models import Contact, StudentProfile


def access_contact(*, user, contact_id: int) -> Contact:
    """A contact on the signed-in student's own networking list."""
    if not user.is_authenticated:
        raise Http404
    contact = (
        Contact.objects.select_related("career_field", "referred_by", "student")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404
    if contact.student_id != user.pk:
        raise Http404
    return contact


def access_student_profile(*, user, profile_id: int, for_resume: bool = False) -> StudentProfile:
    """A profile its owner may always see; staff need the view permission
    (and ``students.view_resume`` for the résumé file)."""
    if not user.is_authenticated:
        raise Http404
    profile = StudentProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    if profile.user_id == user.pk:
        return profile
    if not user.is_staff:
        raise Http404
    if for_resume and not user.has_perm("students.view_resume"):
        raise Http404
    if not for_resume and not user.has_perm("students.view_studentprofile"):
        raise Http404
    return profile
