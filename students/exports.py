"""The students app's part of "Download my data"."""

from __future__ import annotations

from typing import Any

from core.exports import iso

from .selectors import contact_list_for_student, student_profile_for_user


def student_data_export(*, user) -> dict[str, Any]:
    """Everything the students app stores about this person, for "Download my data"."""
    profile = student_profile_for_user(user=user)
    profile_data = None
    if profile is not None:
        profile_data = {
            "class_year": profile.class_year,
            "majors": profile.majors,
            "minors": profile.minors,
            "career_stage": profile.career_stage,
            "fields_of_interest": [f.name for f in profile.fields_of_interest.all()],
            "goals": profile.goals,
            "linkedin_url": profile.linkedin_url,
            "resume": (
                {"file_name": profile.resume_name, "uploaded_at": iso(profile.resume_uploaded_at)}
                if profile.resume
                else None
            ),
            "completed_at": iso(profile.completed_at),
            "created_at": iso(profile.created_at),
            "updated_at": iso(profile.updated_at),
        }
    contacts = [
        {
            "id": c.pk,
            "name": c.name,
            "relationship": c.relationship,
            "organization": c.organization,
            "role": c.role,
            "career_field": c.career_field.name if c.career_field else None,
            "email": c.email,
            "phone": c.phone,
            "connection": c.connection,
            "status": c.status,
            "notes": c.notes,
            "origin": c.origin,
            "referred_by": c.referrer_display,
            "referred_by_contact_id": c.referred_by_id,
            "created_at": iso(c.created_at),
            "updated_at": iso(c.updated_at),
        }
        for c in contact_list_for_student(student=user)
    ]
    return {"student_profile": profile_data, "contacts": contacts}
