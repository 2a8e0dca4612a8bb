"""Demo rows for the student account: a complete profile and a few people to contact."""

import json
import random
from pathlib import Path

from mentors.models import CareerField

from .models import Contact, StudentProfile
from .services import contact_create, contact_create_referral, student_profile_update

# By their English names (``name_en``), whatever the language the demo is seeded in.
DEMO_FIELD_NAMES = {"Public Health", "Biotechnology & Pharmaceuticals"}
# The people the demo student already knows: data, not code (students/data/).
DEMO_CONTACTS: list[dict[str, str]] = json.loads(
    (Path(__file__).parent / "data" / "demo_contacts.json").read_text("utf-8")
)


def seed_students(*, rng: random.Random, demo_student) -> str:
    """Give the demo student a complete profile and a short networking list (idempotent)."""
    fields = list(CareerField.objects.order_by("pk"))
    if StudentProfile.objects.filter(user=demo_student, completed_at__isnull=False).exists():
        profile = StudentProfile.objects.get(user=demo_student)
    else:
        # The demo student's story is biology into public health; any two fields will do
        # if the taxonomy has been edited.
        chosen = [f for f in fields if f.name_en in DEMO_FIELD_NAMES] or rng.sample(
            fields, k=min(2, len(fields))
        )
        profile = student_profile_update(
            user=demo_student,
            class_year=2027,
            majors="Biology",
            minors="Statistics",
            career_stage=StudentProfile.CareerStage.EXPLORING,
            goals=(
                "I want to learn how people move from a biology degree into public health, "
                "and what a typical week looks like in the field."
            ),
            fields_of_interest=chosen,
        )
    interest = profile.fields_of_interest.filter(name_en="Public Health").first() or (
        profile.fields_of_interest.first()
    )
    existing = set(Contact.objects.filter(student=demo_student).values_list("name", flat=True))
    added = 0
    for values in DEMO_CONTACTS:
        if values["name"] in existing:
            continue
        contact_create(student=demo_student, career_field=interest, **values)
        added += 1
    if "Alex Moreno" not in existing:
        contact_create_referral(
            student=demo_student,
            name="Alex Moreno",
            referred_by_name="Priya Natarajan",
            referred_by=Contact.objects.filter(
                student=demo_student, name="Priya Natarajan"
            ).first(),
            organization="State Department of Health",
            role="Epidemiologist",
            career_field=interest,
        )
        added += 1
    total = Contact.objects.filter(student=demo_student).count()
    return f"Student profile for {demo_student.email} with {total} contacts ({added} new)."
