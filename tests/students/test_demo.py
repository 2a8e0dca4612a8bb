import random

import pytest

from students.demo import seed_students
from students.models import Contact
from tests.factories import StudentUserFactory

pytestmark = pytest.mark.django_db


def test_seed_students_is_idempotent():
    student = StudentUserFactory(email="student@example.edu")

    first = seed_students(rng=random.Random(1), demo_student=student)
    second = seed_students(rng=random.Random(1), demo_student=student)

    assert student.student_profile.is_complete
    assert student.student_profile.fields_of_interest.count() == 2
    assert Contact.objects.filter(student=student).count() == 4
    assert Contact.objects.filter(student=student, origin="referral").count() == 1
    assert "4 contacts" in first
    assert "(0 new)" in second


def test_demo_contacts_come_from_the_data_file():
    import json
    from pathlib import Path

    import students

    data = json.loads((Path(students.__file__).parent / "data" / "demo_contacts.json").read_text())
    student = StudentUserFactory(email="student@example.edu")

    seed_students(rng=random.Random(1), demo_student=student)

    stored = Contact.objects.filter(student=student, origin="first_degree")
    assert {(c.name, c.relationship, c.status) for c in stored} == {
        (row["name"], row["relationship"], row.get("status", "to_contact")) for row in data
    }
