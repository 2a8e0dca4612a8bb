"""Career fields in the reader's language: staff keep each field's name and cluster in
English and Spanish (mentors/translation.py); a Spanish reader sees the Spanish ones, and
the English where a field has no Spanish yet; a name in either language finds a mentor."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify

from mentors.data.career_fields import CAREER_FIELDS
from mentors.data.career_fields_es import CAREER_FIELDS_ES, CLUSTERS_ES
from mentors.models import CareerField
from mentors.selectors import mentor_directory, mentor_search_suggestion
from mentors.services import mentor_search_text_refresh
from tests.auth import login_with_second_factor
from tests.factories import (
    MentorProfileFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentProfileFactory,
    StudentUserFactory,
)

pytestmark = pytest.mark.django_db
DIRECTORY = "/mentors/"
ADMIN = "/admin/mentors/careerfield/"


def field(slug: str) -> CareerField:
    return CareerField.objects.get(slug=slug)


def reader(language: str, user=None) -> Client:
    """A signed-in reader whose pages are in ``language`` (their own setting)."""
    user = user or StudentUserFactory()
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def spanish_get(client: Client, url: str, data=None) -> str:
    # The middleware activates the reader's language for the request; override() ends
    # it with the block, so the rest of the test runs in English again.
    with translation.override("es"):
        return client.get(url, data).content.decode()


def directory_options(html: str) -> list[str]:
    """The labels of the directory's career field filter, in order."""
    select = html[html.index('name="field"') : html.index("</select>", html.index('name="field"'))]
    return [part.split(">", 1)[1] for part in select.split("</option>")[:-1]]


@pytest.fixture
def mentor(db):
    return MentorProfileFactory(
        user=MentorUserFactory(first_name="Sofía", last_name="Ruiz"),
        employer="Acme Labs",
        career_fields=[field("software-engineering"), field("law")],
    )


def test_every_starter_field_and_cluster_has_one_spanish_name_of_its_own():
    english_names = [name for names in CAREER_FIELDS.values() for name in names]
    assert sorted(CAREER_FIELDS_ES) == sorted(english_names)
    assert sorted(CLUSTERS_ES) == sorted(CAREER_FIELDS)
    for spanish in (CAREER_FIELDS_ES, CLUSTERS_ES):
        values = list(spanish.values())
        assert len(set(values)) == len(values)
        assert all(0 < len(value) <= 120 and value == value.strip() for value in values)
    assert CAREER_FIELDS_ES["Software Engineering"] == "Ingeniería de software"
    assert CAREER_FIELDS_ES["K-12 Teaching"] == "Docencia en educación básica y media"


def test_the_data_migration_fills_every_starter_field_and_cluster_and_reverses(mentor):
    """Back to before the languages and forward again, over the rows as staff may have
    left them: one starter field renamed, one field added."""
    # Saved by a Spanish-speaking staff member: the old column holds the Spanish name.
    with translation.override("es"):
        law = field("law")
        law.save()
    executor = MigrationExecutor(connection)
    executor.migrate([("mentors", "0005_field_labels")])
    executor.loader.build_graph()
    Old = executor.loader.project_state(("mentors", "0005_field_labels")).apps.get_model(
        "mentors", "CareerField"
    )
    # Backwards the rows hold English again, for the code before the languages.
    assert Old.objects.get(slug="law").name == "Law"
    mentor.refresh_from_db(fields=["fields_text"])
    assert mentor.fields_text == "Law, Software Engineering"
    Old.objects.filter(slug="data-science-analytics").update(name="Data Science")
    Old.objects.create(name="Falconry", slug="falconry", cluster="Outdoors")

    executor = MigrationExecutor(connection)
    executor.migrate([("mentors", "0007_career_field_spanish")])

    rows = {
        row[0]: row[1:]
        for row in CareerField.objects.values_list(
            "slug", "name_en", "name_es", "cluster_en", "cluster_es", "description_en"
        )
    }
    starter = [(cluster, name) for cluster, names in CAREER_FIELDS.items() for name in names]
    assert len(rows) == len(starter) + 1
    for cluster, name in starter:
        if name != "Data Science & Analytics":
            english_and_spanish = (name, CAREER_FIELDS_ES[name], cluster, CLUSTERS_ES[cluster], "")
            assert rows[slugify(name)] == english_and_spanish
    # Renamed by staff: no Spanish name to match, so it shows in English; its cluster is
    # still a starter one.
    assert rows["data-science-analytics"][:4] == (
        "Data Science",
        None,
        "Engineering & Technology",
        "Ingeniería y tecnología",
    )
    assert rows["falconry"][:4] == ("Falconry", None, "Outdoors", None)
    with translation.override("es"):
        assert str(CareerField.objects.get(slug="falconry")) == "Falconry"
        assert str(CareerField.objects.get(slug="law")) == "Derecho"
    # The mentors' search copy holds both languages at once, as the services write it.
    mentor.refresh_from_db(fields=["fields_text"])
    both = "Law (Derecho), Software Engineering (Ingeniería de software)"
    assert mentor.fields_text == both
    mentor_search_text_refresh(mentor_ids=[mentor.pk])
    mentor.refresh_from_db(fields=["fields_text"])
    assert mentor.fields_text == both


def test_in_spanish_the_directory_filter_and_cards_show_spanish_names(mentor, settings):
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 300
    cache.clear()
    # An English reader first: neither the page cache nor the list of fields may hand
    # their English to the Spanish reader.
    english = reader("en").get(DIRECTORY).content.decode()
    assert "Software Engineering" in directory_options(english)

    html = spanish_get(reader("es"), DIRECTORY)

    options = directory_options(html)
    assert "Ingeniería de software" in options and "Derecho" in options
    assert "Software Engineering" not in options and "Law" not in options
    # By the Spanish names.
    assert options.index("Contabilidad") < options.index("Derecho") < options.index("Ventas")
    card = html[html.index("Sofía Ruiz") :]
    assert "Derecho, Ingeniería de software" in " ".join(card.split())
    assert "Software Engineering" not in html


def test_in_spanish_a_mentors_page_shows_spanish_field_names(mentor):
    html = spanish_get(reader("es"), f"/mentors/{mentor.pk}/")
    assert '<a href="/mentors/?field=law">Derecho</a>' in html
    assert '<a href="/mentors/?field=software-engineering">Ingeniería de software</a>' in html
    assert ">Law<" not in html and "Software Engineering" not in html


def test_the_profile_forms_group_the_fields_under_spanish_clusters(mentor):
    mentors_form = spanish_get(reader("es", mentor.user), "/mentors/me/")
    students_form = spanish_get(reader("es", StudentProfileFactory().user), "/students/profile/")
    for html, name in ((mentors_form, "career_fields"), (students_form, "fields_of_interest")):
        html = html[html.index(f'id="div_id_{name}"') :]
        # Each cluster, then its fields by their Spanish names.
        engineering = html.index("Ingeniería y tecnología")
        assert engineering < html.index("Ciberseguridad") < html.index("Ingeniería de software")
        assert html.index("Docencia en educación básica y media") < engineering
        assert escape("Engineering & Technology") not in html
        assert "Software Engineering" not in html


def test_a_field_with_no_spanish_yet_shows_its_english_name_in_its_place(
    mentor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the directory's version moves
        robotics = CareerField.objects.create(
            name="Robotics", slug="robotics", cluster="Engineering & Technology"
        )
    assert (robotics.name_es, robotics.cluster_es) == (None, None)
    mentor.career_fields.add(robotics)

    options = directory_options(spanish_get(reader("es"), DIRECTORY))
    page = spanish_get(reader("es"), f"/mentors/{mentor.pk}/")

    # Sorted by the name shown, not left at the end of the list.
    assert options.index("Relaciones públicas") < options.index("Robotics")
    assert options.index("Robotics") < options.index("Salud pública")
    assert '<a href="/mentors/?field=robotics">Robotics</a>' in page
    with translation.override("es"):
        assert CareerField.objects.get(slug="robotics").cluster == "Engineering & Technology"


def test_a_spanish_field_name_finds_the_mentor(mentor):
    MentorProfileFactory(employer="Other Works", career_fields=[field("nursing")])
    for words in ("ingeniería de software", "Ingeniería", "derecho", "software engineering"):
        assert [m.pk for m in mentor_directory(filters={"q": words}).mentors] == [mentor.pk], words
    assert "Acme Labs" in spanish_get(reader("es"), DIRECTORY, {"q": "ingeniería"})
    # Typed without the accent: the search offers the Spanish word.
    assert mentor_search_suggestion(q="ingenieria") == "Ingeniería"


def test_in_spanish_the_directory_makes_as_many_queries_as_in_english(
    mentor, django_assert_max_num_queries
):
    MentorProfileFactory.create_batch(3, career_fields=[field("nursing"), field("law")])
    english, spanish = reader("en"), reader("es")
    for query in ("", "?q=derecho", "?field=law"):
        english.get(DIRECTORY + query)
        spanish_get(spanish, DIRECTORY + query)
        with django_assert_max_num_queries(10) as in_english:
            english.get(DIRECTORY + query)
        with translation.override("es"), django_assert_max_num_queries(10) as in_spanish:
            spanish.get(DIRECTORY + query)
        assert len(in_spanish) == len(in_english), query


# Admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    login_with_second_factor(client, StaffUserFactory())
    return client


def change_data(career_field: CareerField, **changes) -> dict:
    data = {
        "name_en": career_field.name_en,
        "name_es": career_field.name_es or "",
        "slug": career_field.slug,
        "cluster_en": career_field.cluster_en,
        "cluster_es": career_field.cluster_es or "",
        "description_en": career_field.description_en or "",
        "description_es": career_field.description_es or "",
    }
    return {**data, **changes}


def test_staff_edit_a_field_in_both_languages_and_find_it_in_either(staff, mentor):
    law = field("law")
    url = f"{ADMIN}{law.pk}/change/"
    form = staff.get(url).content.decode()
    for name in ("name_en", "name_es", "cluster_en", "cluster_es", "description_es"):
        assert f'name="{name}"' in form, name
    assert 'name="name"' not in form
    assert "modeltranslation" not in form  # no tabs: their scripts would break the CSP

    response = staff.post(url, change_data(law, name_es="Derecho y asuntos legales"))

    assert response.status_code == 302
    law.refresh_from_db()
    assert (law.name_en, law.name_es) == ("Law", "Derecho y asuntos legales")
    # The search copy follows at once.
    mentor.refresh_from_db(fields=["fields_text"])
    assert "Law (Derecho y asuntos legales)" in mentor.fields_text
    assert [m.pk for m in mentor_directory(filters={"q": "asuntos legales"}).mentors] == [mentor.pk]
    for words in ("law", "asuntos legales", "gobierno"):
        found = staff.get(ADMIN, {"q": words}).context["cl"].result_list
        assert law in list(found), words
    # English is required; Spanish is not (it falls back to English).
    response = staff.post(url, change_data(law, name_en=""))
    assert response.context["adminform"].form.errors["name_en"]


def test_fields_added_without_spanish_show_english_and_join_their_clusters(staff):
    for name in ("Robotics", "Game Design"):
        response = staff.post(
            ADMIN + "add/",
            {
                "name_en": name,
                "slug": name.lower().replace(" ", "-"),
                "cluster_en": "Engineering & Technology",
            },
        )
        assert response.status_code == 302, name
    added = CareerField.objects.filter(slug__in=["robotics", "game-design"])
    # No Spanish name yet is NULL, not "": two such fields never collide.
    assert {(f.name_es, f.cluster_es) for f in added} == {(None, "Ingeniería y tecnología")}
    with translation.override("es"):
        assert sorted(str(f) for f in added) == ["Game Design", "Robotics"]
        listed = staff.get(ADMIN, {"cluster": "Engineering & Technology"}).context["cl"]
    assert {"Robotics", "Game Design", "Software Engineering"} <= {
        f.name_en for f in listed.result_list
    }


def test_the_list_in_spanish_filters_by_the_spanish_cluster_names(client):
    login_with_second_factor(client, StaffUserFactory(language="es"))
    with translation.override("es"):
        html = client.get(ADMIN).content.decode()
    filters = html[html.index('id="changelist-filter"') :]
    assert "Ingeniería y tecnología" in filters
    assert 'href="?cluster=Engineering+%26+Technology"' in filters
    assert "Derecho" in html[: html.index('id="changelist-filter"')]
