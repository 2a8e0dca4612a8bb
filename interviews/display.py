"""How the people in an interview are named, on pages and in emails.

A person who deleted their account keeps an anonymised row, so their interviews still
have someone to point to; the other side reads "a former student" or "a former mentor"
rather than a placeholder address or an empty name.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from mentors.models import MentorProfile
from users.models import User

from .models import Interview


def student_name(student: User) -> str:
    return _("a former student") if student.is_erased else str(student)


def mentor_name(mentor: MentorProfile) -> str:
    # Account deletion retires the profile and clears its name (mentors.services).
    if not mentor.display_name and mentor.status == MentorProfile.Status.RETIRED:
        return _("a former mentor")
    return mentor.display_name


def other_party_name(interview: Interview, user: User) -> str:
    """Whom ``user`` talks with here; anyone else (staff) reads the student's name."""
    if interview.student_id == user.pk:
        return mentor_name(interview.mentor)
    return student_name(interview.student)


def thank_you_url(interview: Interview) -> str:
    """Where the student writes their thank-you: the notebook's letter composer, named by
    its URL (the notebook sits above this app, which does not import it)."""
    return reverse("notebook:thanks", args=[interview.pk])
