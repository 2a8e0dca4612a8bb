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
