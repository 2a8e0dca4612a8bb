"""The notebook's pages name career fields in the reader's language: a Spanish student's
insights and type-ahead, a Spanish mentor's impact, and staff's counts per field."""

import pytest
from django.utils import translation

from notebook.selectors.impact import mentor_impact
from notebook.selectors.insights import field_perspective_counts
from notebook.services.insights import insight_record
from tests.factories import MentorProfileFactory, StudentProfileFactory

from .conftest import career_field, held

pytestmark = pytest.mark.django_db

# Alphabetical in English (Human Resources, Software Engineering) and the other way round
# in Spanish (Ingeniería de software, Recursos humanos): the order shows which was used.
SPANISH_ORDER = ["Ingeniería de software", "Recursos humanos"]


@pytest.fixture
def fields(software):
    return [software, career_field("human-resources")]


def test_a_spanish_students_insight_pages_name_the_fields_in_spanish(client, fields):
    student = StudentProfileFactory(fields_of_interest=fields, user__language="es").user
    first = held(student, career_fields=fields)
    insight_record(
        interview=first, text="Los horarios son flexibles", topic="lifestyle",
        career_field=fields[0], stance="agree",
    )  # fmt: skip
    second = held(student, career_fields=fields)
    client.force_login(student)

    with translation.override("es"):
        overview = client.get("/insights/").content.decode()
        record = client.get(f"/interviews/{second.pk}/notebook/insights/")
        offered = [str(f) for f in record.context["form"].fields["career_field"].queryset]

    assert "Ingeniería de software" in overview and "Recursos humanos" in overview
    assert "Software Engineering" not in overview and "Human Resources" not in overview
    page = record.content.decode()
    assert 'value="Los horarios son flexibles" label="Ingeniería de software"' in page
    assert offered == SPANISH_ORDER


def test_a_spanish_mentors_impact_names_their_students_fields_in_spanish(fields):
    mentor = MentorProfileFactory(career_fields=fields)
    held(StudentProfileFactory(fields_of_interest=fields).user, mentor)
    with translation.override("es"):
        impact = mentor_impact(mentor=mentor)
    assert impact.fields == [(name, 1) for name in SPANISH_ORDER]
    assert mentor_impact(mentor=mentor).fields == [
        ("Human Resources", 1),
        ("Software Engineering", 1),
    ]


def test_staffs_counts_per_field_in_spanish(fields):
    StudentProfileFactory(fields_of_interest=fields)
    with translation.override("es"):
        assert [row.name for row in field_perspective_counts()] == SPANISH_ORDER
    assert [row.name for row in field_perspective_counts()] == [
        "Human Resources",
        "Software Engineering",
    ]
