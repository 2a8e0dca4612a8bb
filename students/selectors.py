"""Reads about students: profiles, completeness, the networking list, a data export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.localized import Localized
from mentors.models import CareerField

from .models import Contact, StudentProfile

# What onboarding asks for; a profile with all of these is complete.
REQUIRED_PROFILE_ITEMS = [
    ("class_year", _("your class year")),
    ("majors", _("your major")),
    ("career_stage", _("where you are in your career thinking")),
    ("fields_of_interest", _("career fields you are curious about")),
    ("goals", _("your goals, in your own words")),
]
# Worth adding; they do not block anything.
OPTIONAL_PROFILE_ITEMS = [
    ("linkedin_url", _("your LinkedIn profile")),
    ("resume", _("a résumé (PDF)")),
]


@dataclass(frozen=True)
class Completeness:
    percent: int
    complete: bool
    missing_required: list[str] = field(default_factory=list)
    missing_optional: list[str] = field(default_factory=list)


def student_profile_for_user(*, user) -> StudentProfile | None:
    return (
        StudentProfile.objects.filter(user=user)
        .select_related("user")
        .prefetch_related("fields_of_interest")
        .first()
    )


def student_profile_is_complete(*, user) -> bool:
    return StudentProfile.objects.filter(user=user, completed_at__isnull=False).exists()


def _has(profile: StudentProfile, name: str) -> bool:
    if name == "fields_of_interest":
        return bool(profile.pk) and len(profile.fields_of_interest.all()) > 0
    return bool(getattr(profile, name))


def profile_missing_required(*, profile: StudentProfile) -> list[str]:
    return [str(label) for name, label in REQUIRED_PROFILE_ITEMS if not _has(profile, name)]


def student_profile_completeness(*, profile: StudentProfile | None) -> Completeness:
    """How much of the profile is filled in; required items weigh as much as optional ones."""
    if profile is None:
        return Completeness(
            percent=0,
            complete=False,
            missing_required=[str(label) for _name, label in REQUIRED_PROFILE_ITEMS],
            missing_optional=[str(label) for _name, label in OPTIONAL_PROFILE_ITEMS],
        )
    missing_required = profile_missing_required(profile=profile)
    missing_optional = [
        str(label) for name, label in OPTIONAL_PROFILE_ITEMS if not _has(profile, name)
    ]
    total = len(REQUIRED_PROFILE_ITEMS) + len(OPTIONAL_PROFILE_ITEMS)
    done = total - len(missing_required) - len(missing_optional)
    return Completeness(
        percent=round(100 * done / total),
        complete=profile.is_complete,
        missing_required=missing_required,
        missing_optional=missing_optional,
    )


def student_profile_summary(*, user) -> dict[str, Any] | None:
    """What a mentor sees of a student who asked them for a conversation (no contacts)."""
    profile = student_profile_for_user(user=user)
    if profile is None:
        return None
    return {
        "name": str(user),
        "class_year": profile.class_year,
        "majors": profile.majors,
        "minors": profile.minors,
        "career_stage": profile.get_career_stage_display(),
        "fields_of_interest": [f.name for f in profile.fields_of_interest.all()],
        "goals": profile.goals,
        "linkedin_url": profile.linkedin_url,
        "has_resume": bool(profile.resume),
    }


def contact_list_for_student(
    *,
    student,
    status: str = "",
    career_field: CareerField | None = None,
    origin: str = "",
) -> QuerySet[Contact]:
    """The student's networking list, filtered; one query whatever its length."""
    contacts = Contact.objects.filter(student=student).select_related("career_field", "referred_by")
    if status:
        contacts = contacts.filter(status=status)
    if career_field is not None:
        contacts = contacts.filter(career_field=career_field)
    if origin:
        contacts = contacts.filter(origin=origin)
    return contacts.order_by("name", "id")


def contact_citation_for(*, student, mentor_id: int) -> Contact | None:
    """The newest referral on the student's list to this Career Mentor whose referrer
    they may cite, or None: a request to the mentor starts from its citation."""
    return (
        Contact.objects.filter(
            student=student,
            mentor_id=mentor_id,
            origin=Contact.Origin.REFERRAL,
            may_cite_referrer=True,
        )
        .select_related("referred_by")
        .order_by("-created_at", "-id")
        .first()
    )


# A student's first few names are a start; the practice suggests brainstorming widely.
CONTACTS_TO_START = 3


def contact_counts_for_student(*, student) -> dict[str, int]:
    """Totals by status and origin in one query."""
    counts = Contact.objects.filter(student=student).aggregate(
        total=Count("id"),
        to_contact=Count("id", filter=Q(status=Contact.Status.TO_CONTACT)),
        contacted=Count("id", filter=Q(status=Contact.Status.CONTACTED)),
        interviewed=Count("id", filter=Q(status=Contact.Status.INTERVIEWED)),
        referred=Count("id", filter=Q(origin=Contact.Origin.REFERRAL)),
    )
    return {key: value or 0 for key, value in counts.items()}


def career_fields_for_choice() -> QuerySet[CareerField]:
    """By cluster and name, in the reader's language."""
    return CareerField.objects.order_by(Localized("cluster"), Localized("name"))
