"""Staff's counts per field in admin; the suggestions on the dashboard and the directory."""

import pytest
from django.core.cache import cache

import notebook.insights_admin  # noqa: F401  (notebook/admin.py imports it once merged)
from tests.auth import login_with_second_factor
from tests.factories import MentorProfileFactory, StaffUserFactory, StudentProfileFactory

from .conftest import held

pytestmark = pytest.mark.django_db
ADMIN = "/admin/notebook/fieldperspectives/"


def test_career_staff_see_counts_per_field_and_no_student(staff_client, software):
    client, _staff = staff_client
    student = StudentProfileFactory(fields_of_interest=[software]).user
    held(student, career_fields=[software])
    response = client.get(ADMIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Perspectives by career field" in html
    assert '<th scope="row">Software Engineering</th>' in html
    assert [(r.name, r.students, r.fewer_than_enough) for r in response.context["rows"]] == [
        ("Software Engineering", 1, 1)
    ]
    assert student.get_full_name() not in html
    # Read-only: there is nothing to add, open or change.
    assert client.get(ADMIN + "add/").status_code == 404
    assert client.get(ADMIN + f"{software.pk}/change/").status_code == 404


def test_staff_without_the_permission_are_refused(client):
    login_with_second_factor(client, StaffUserFactory(staff_group=False))
    assert client.get(ADMIN).status_code == 403


def test_the_dashboard_suggests_whom_to_talk_to_next_with_the_reason(client, software):
    student = StudentProfileFactory(fields_of_interest=[software]).user
    held(student, career_fields=[software])
    held(student, career_fields=[software])
    third = MentorProfileFactory(career_fields=[software])
    client.force_login(student)
    html = client.get("/").content.decode()
    assert "Who to talk to next" in html
    assert f'href="/mentors/{third.pk}/"' in html
    assert "where you have spoken with 2 people so far" in html


def test_the_directory_shows_suggestions_per_reader_outside_its_shared_cache(
    client, settings, software
):
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 60
    cache.clear()
    suggested = MentorProfileFactory(career_fields=[software])
    student = StudentProfileFactory(fields_of_interest=[software]).user
    other = StudentProfileFactory(fields_of_interest=[]).user

    client.force_login(student)
    first = client.get("/mentors/").content.decode()
    assert "Who to talk to next" in first and "a field you follow" in first
    # Searching shows just the results.
    assert "Who to talk to next" not in client.get("/mentors/?q=analyst").content.decode()
    # The same cached page, read by someone else, carries none of this student's reasons.
    client.force_login(other)
    html = client.get("/mentors/").content.decode()
    assert suggested.display_name in html
    assert "Who to talk to next" not in html
    # A mentor reading the directory gets no suggestions.
    client.force_login(MentorProfileFactory().user)
    assert "Who to talk to next" not in client.get("/mentors/").content.decode()


@pytest.mark.parametrize(("url", "limit"), [("/", 19), ("/mentors/", 11)])
def test_pages_with_suggestions_keep_their_query_count_as_data_grows(
    client, software, django_assert_max_num_queries, url, limit
):
    student = StudentProfileFactory(fields_of_interest=[software]).user
    held(student, career_fields=[software])
    MentorProfileFactory.create_batch(2, career_fields=[software])
    client.force_login(student)
    client.get(url)  # session and caches warm

    def count():
        with django_assert_max_num_queries(limit) as captured:
            assert "Who to talk to next" in client.get(url).content.decode()
        return len(captured)

    small = count()
    held(student, career_fields=[software])
    MentorProfileFactory.create_batch(25, career_fields=[software])
    assert count() == small
