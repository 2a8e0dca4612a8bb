"""Deleting a career field, by any path, takes its name out of the directory search."""

import pytest
from django.core.cache import cache

from mentors.directory_cache import directory_version
from mentors.models import CareerField
from tests.auth import login_with_second_factor
from tests.factories import MentorProfileFactory, StaffUserFactory, StudentProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)

DIRECTORY = "/mentors/"


@pytest.fixture
def fields(db):
    return [
        CareerField.objects.create(name="Glassblowing", slug="glassblowing", cluster="Arts"),
        CareerField.objects.create(name="Falconry", slug="falconry", cluster="Outdoors"),
    ]


@pytest.fixture
def law(db):
    return CareerField.objects.get(slug="law")


@pytest.fixture
def mentors(fields, law):
    return [
        MentorProfileFactory(career_fields=[fields[0], law]),
        MentorProfileFactory(career_fields=[fields[0], fields[1]]),
        MentorProfileFactory(career_fields=[law]),
    ]


@pytest.fixture
def directory(settings, client):
    """A signed-in student reading the cached directory, as in production."""
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 300
    cache.clear()
    client.force_login(StudentProfileFactory().user)

    def search(q: str) -> str:
        return client.get(DIRECTORY, {"q": q}).content.decode()

    return search


def fields_text(mentor) -> str:
    mentor.refresh_from_db(fields=["fields_text"])
    return mentor.fields_text


def test_deleting_a_field_takes_it_out_of_the_search_at_once(mentors, fields, directory):
    glass, with_law, with_both, untouched = fields[0], *mentors
    assert with_law.employer in directory("Glassblowing")
    version = directory_version()

    glass.delete()

    assert fields_text(with_law) == "Law (Derecho)"
    assert fields_text(with_both) == "Falconry"
    assert fields_text(untouched) == "Law (Derecho)"
    assert directory_version() != version
    page = directory("Glassblowing")
    assert with_law.employer not in page
    assert with_both.employer not in page
    # The mentors are still found by the fields they keep.
    assert with_law.employer in directory("Law")
    assert with_both.employer in directory("Falconry")


def test_a_queryset_delete_refreshes_every_affected_mentor(
    mentors, fields, django_assert_max_num_queries
):
    with_law, with_both, untouched = mentors
    MentorProfileFactory.create_batch(5, career_fields=fields)
    # Queries grow with the fields deleted, never with the mentors who had them; the
    # directory's version moves in one of them.
    with django_assert_max_num_queries(15):
        CareerField.objects.filter(pk__in=[f.pk for f in fields]).delete()
    assert fields_text(with_law) == "Law (Derecho)"
    assert fields_text(with_both) == ""
    assert fields_text(untouched) == "Law (Derecho)"


def test_the_admin_delete_page_refreshes_the_mentors(mentors, fields, client):
    with_law, with_both, _ = mentors
    login_with_second_factor(client, StaffUserFactory())
    response = client.post(f"/admin/mentors/careerfield/{fields[0].pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CareerField.objects.filter(pk=fields[0].pk).exists()
    assert fields_text(with_law) == "Law (Derecho)"
    assert fields_text(with_both) == "Falconry"


def test_the_admin_bulk_delete_action_refreshes_the_mentors(mentors, fields, client):
    with_law, with_both, _ = mentors
    login_with_second_factor(client, StaffUserFactory())
    response = client.post(
        "/admin/mentors/careerfield/",
        {
            "action": "delete_selected",
            "_selected_action": [f.pk for f in fields],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not CareerField.objects.filter(pk__in=[f.pk for f in fields]).exists()
    assert fields_text(with_law) == "Law (Derecho)"
    assert fields_text(with_both) == ""
