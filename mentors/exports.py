"""The mentors app's part of "Download my data" and of deleting an account."""

from __future__ import annotations

from typing import Any

from core.exports import record_data

from .models import MentorProfile

# Copies kept for the directory's search (the generated search_vector is left out by
# rule); the career fields themselves are exported by name.
_MENTOR_SEARCH_COLUMNS = ("fields_text",)


def mentor_data_export(*, user) -> dict[str, Any]:
    """The Career Mentor profile: every column but the search ones, and the career
    fields, so a column added to the profile is exported too."""
    profile = MentorProfile.objects.filter(user=user).prefetch_related("career_fields").first()
    if profile is None:
        return {"mentor_profile": None}
    skip = [
        field.name
        for field in MentorProfile._meta.concrete_fields
        if getattr(field, "generated", False) or field.name in _MENTOR_SEARCH_COLUMNS
    ]
    return {
        "mentor_profile": {
            **record_data(profile, skip=skip),
            "career_fields": [f.name for f in profile.career_fields.all()],
        }
    }


def mentor_display_name_for(*, user) -> str:
    """The name this person shows as a mentor, if they have a profile."""
    name = MentorProfile.objects.filter(user=user).values_list("display_name", flat=True).first()
    return name or ""


def mentor_subject_keys_for(*, user) -> list[str]:
    """The outbox keys of emails about this person's mentor profile."""
    return [
        f"mentor:{pk}"
        for pk in MentorProfile.objects.filter(user=user).values_list("pk", flat=True)
    ]
