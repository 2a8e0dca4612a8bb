"""The term index (MentorSearchTerm): kept by the database for every change to a mentor,
and a one-word search read from it ranks exactly as ranking every match would."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from mentors.models import CareerField, MentorProfile, MentorSearchTerm
from mentors.selectors import PAGE_SIZE, mentor_directory
from mentors.services import mentor_search_text_refresh
from tests.factories import MentorProfileFactory, MentorUserFactory

pytestmark = pytest.mark.django_db


def terms_out_of_date() -> list:
    """Rows where the index and the mentors' vectors disagree: a term missing, left over,
    or with another rank or name than the vector gives now."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH expected AS (
                SELECT m.id AS mentor_id, lexeme,
                       ts_rank(m.search_vector, to_tsquery('simple', quote_literal(lexeme)))
                           AS rank,
                       m.display_name
                FROM mentors_mentorprofile AS m,
                     unnest(tsvector_to_array(m.search_vector)) AS lexeme
            )
            SELECT * FROM expected FULL JOIN mentors_mentorsearchterm AS t
                USING (mentor_id, lexeme)
            WHERE t.rank IS NULL OR expected.rank IS NULL
               OR t.rank::real <> expected.rank OR t.display_name <> expected.display_name
            """
        )
        return cursor.fetchall()


def test_every_change_to_a_mentor_keeps_the_index():
    first = MentorProfileFactory(
        user=MentorUserFactory(first_name="Ada", last_name="O'Neil"), job_title="Engineer"
    )
    second = MentorProfileFactory(job_title="Nurse", bio="Engineer of care, engineer of calm.")
    assert MentorSearchTerm.objects.filter(mentor=first, lexeme="engin").exists()
    assert terms_out_of_date() == []

    first.job_title = "Architect"
    first.save()
    assert not MentorSearchTerm.objects.filter(mentor=first, lexeme="engin").exists()
    assert MentorSearchTerm.objects.filter(mentor=first, lexeme="architect").exists()

    # The name changes on the user; the profile's copy follows, and so do the terms.
    first.user.first_name = "Grace"
    first.user.save()
    mentor_search_text_refresh(mentor_ids=[first.pk])
    field = CareerField.objects.create(name="Robotics", slug="robotics", cluster="STEM")
    second.career_fields.add(field)
    mentor_search_text_refresh(mentor_ids=[second.pk])
    MentorProfile.objects.filter(pk=second.pk).update(topics="Bridges")
    assert MentorSearchTerm.objects.get(mentor=first, lexeme="grace").display_name.startswith(
        "Grace"
    )
    assert MentorSearchTerm.objects.filter(mentor=second, lexeme="robot").exists()
    assert terms_out_of_date() == []

    first.delete()
    MentorProfile.objects.filter(pk=second.pk).delete()
    assert not MentorSearchTerm.objects.exists()


def test_mentors_written_by_copy_are_indexed_too(copied_mentor):
    assert MentorSearchTerm.objects.filter(mentor=copied_mentor, lexeme="pilot").exists()
    assert terms_out_of_date() == []


def ranked_by_every_match(word: str) -> list[int]:
    query = SearchQuery(word, search_type="websearch", config="english")
    return list(
        MentorProfile.objects.listed()
        .filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "display_name", "id")
        .values_list("id", flat=True)
    )


def test_a_one_word_search_ranks_as_ranking_every_match_does():
    """Ranks that tie (one title mention each) and ranks that differ by where and how
    often the word appears, over more than two pages, the filters checked on the way."""
    for n in range(PAGE_SIZE * 3):
        MentorProfileFactory(
            user=MentorUserFactory(first_name=f"M{n % 7}", last_name=f"L{n}"),
            job_title="Engineer" if n % 3 else "Designer",
            topics="engineering teams" if n % 4 == 0 else "",
            bio="An engineer, then an engineer again." if n % 5 == 0 else "Careers.",
            open_to_remote=n % 2 == 0,
        )
    MentorProfileFactory(job_title="Engineer", status="pending")
    expected = ranked_by_every_match("engineer")
    assert len(expected) > PAGE_SIZE * 2
    found = []
    for page in (1, 2, 3):
        found += [m.pk for m in mentor_directory(filters={"q": "engineer"}, page=page).mentors]
    assert found == expected

    remote = [m.pk for m in mentor_directory(filters={"q": "Engineers", "remote": True}).mentors]
    assert (
        remote
        == [
            pk
            for pk in ranked_by_every_match("Engineers")
            if MentorProfile.objects.get(pk=pk).open_to_remote
        ][:PAGE_SIZE]
    )


def test_a_stop_word_or_a_word_of_two_lexemes_is_ranked_without_the_index():
    # A name of its own: a random one ("Thompson") is a near spelling of "the".
    MentorProfileFactory(
        job_title="Engineer", user=MentorUserFactory(first_name="Ada", last_name="Lopez")
    )
    assert mentor_directory(filters={"q": "the"}).mentors == []
    assert len(mentor_directory(filters={"q": "engineer"}).mentors) == 1
