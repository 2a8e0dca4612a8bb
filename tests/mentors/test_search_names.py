"""The near-spelling index (MentorSearchName): kept by the database for every change to a
mentor, a name gone with the last mentor who had it (an erased one included), and a
one-word search ranks its near spellings exactly as scoring every mentor would."""

import pytest
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest, Lower

from home.privacy import account_delete
from mentors.models import MentorProfile, MentorSearchName
from mentors.selectors import PAGE_SIZE, mentor_directory
from mentors.services import mentor_search_text_refresh
from tests.factories import MentorProfileFactory, MentorUserFactory

pytestmark = pytest.mark.django_db


def names_out_of_date() -> list:
    """Names the index lacks or keeps beyond the mentors' names and employers now."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH expected AS (
                SELECT DISTINCT name FROM mentors_mentorprofile AS m,
                    unnest(ARRAY[lower(m.display_name), lower(m.employer)]) AS name
                WHERE name <> ''
            )
            SELECT expected.name, kept.name FROM expected
            FULL JOIN mentors_mentorsearchname AS kept USING (name)
            WHERE expected.name IS NULL OR kept.name IS NULL
            """
        )
        return cursor.fetchall()


def kept(name: str) -> bool:
    return MentorSearchName.objects.filter(name=name).exists()


def mentor(first: str, last: str, **kwargs) -> MentorProfile:
    return MentorProfileFactory(user=MentorUserFactory(first_name=first, last_name=last), **kwargs)


def test_every_change_to_a_mentor_keeps_the_names():
    ada = mentor("Ada", "Okafor", employer="Harbor Clinic")
    ben = mentor("Ben", "Okafor", employer="Harbor Clinic")
    assert kept("ada okafor") and kept("harbor clinic")
    assert names_out_of_date() == []

    # A new name on the user reaches the profile's copy, and the index.
    ada.user.first_name = "Grace"
    ada.user.save()
    mentor_search_text_refresh(mentor_ids=[ada.pk])
    assert kept("grace okafor") and not kept("ada okafor")
    # An employer another mentor still has stays; one nobody has any longer goes.
    MentorProfile.objects.filter(pk=ada.pk).update(employer="Pixar")
    assert kept("harbor clinic") and kept("pixar")
    ben.employer = "Blue Harbor"
    ben.save()
    assert not kept("harbor clinic")
    assert names_out_of_date() == []

    ada.delete()
    assert not kept("grace okafor") and not kept("pixar")
    MentorProfile.objects.filter(pk=ben.pk).delete()
    assert not MentorSearchName.objects.exists()


def test_a_statement_changing_many_mentors_keeps_the_names():
    """The trigger runs once per statement, with every row it changed."""
    ada = mentor("Ada", "Okafor", employer="Harbor Clinic")
    ben = mentor("Ben", "Stone", employer="Pixar")
    cy = mentor("Cy", "Stone", employer="Harbor Clinic")
    # Two mentors swap employers in one statement: both employers stay.
    MentorProfile.objects.filter(pk__in=[ada.pk, ben.pk]).update(
        employer=Case(When(pk=ada.pk, then=Value("Pixar")), default=Value("Harbor Clinic"))
    )
    assert kept("pixar") and kept("harbor clinic")
    # One statement takes an employer from all who had it, another adds a new one.
    MentorProfile.objects.filter(employer="Harbor Clinic").update(employer="Blue Harbor")
    assert not kept("harbor clinic") and kept("blue harbor")
    assert names_out_of_date() == []
    # One statement deletes several mentors: what only they had goes.
    MentorProfile.objects.filter(pk__in=[ben.pk, cy.pk]).delete()
    assert not kept("blue harbor") and not kept("ben stone") and kept("pixar")
    assert names_out_of_date() == []


def test_mentors_written_by_copy_are_named_too(copied_mentor):
    assert kept("hal pilot") and kept("port of oakland")
    assert names_out_of_date() == []


def test_a_deleted_account_takes_its_name_out_of_the_index():
    erased = mentor("Zora", "Quillfeather")
    mentor("Zora", "Quillfeather")  # the same name, someone else's: kept for them
    account_delete(user=erased.user)
    assert kept("zora quillfeather")
    alone = mentor("Ida", "Vantongeren")
    account_delete(user=alone.user)
    assert not kept("ida vantongeren")
    assert names_out_of_date() == []


def ranked_by_scoring_every_mentor(word: str, **filters) -> list[int]:
    """A one-word search's page order as scoring each listed mentor finds it: the real
    matches by rank, then the near spellings of a name or employer by similarity, each
    tie by name and id."""
    query = SearchQuery(word, search_type="websearch", config="english")
    needle = word.lower()
    listed = MentorProfile.objects.listed().filter(**filters)
    real = (
        listed.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .annotate(similarity=Value(0.0, output_field=FloatField()))
    )
    near = (
        listed.annotate(name_lower=Lower("display_name"), employer_lower=Lower("employer"))
        .filter(
            Q(name_lower__trigram_word_similar=needle)
            | Q(employer_lower__trigram_word_similar=needle)
        )
        .exclude(search_vector=query)
        .annotate(
            rank=Value(0.0, output_field=FloatField()),
            similarity=Greatest(
                TrigramWordSimilarity(needle, Lower("display_name")),
                TrigramWordSimilarity(needle, Lower("employer")),
                output_field=FloatField(),
            ),
        )
    )
    rows = [
        (-rank, -similarity, name, pk)
        for query_set in (real, near)
        for pk, name, rank, similarity in query_set.values_list(
            "id", "display_name", "rank", "similarity"
        )
    ]
    return [pk for *_, pk in sorted(rows)]


def test_a_one_word_search_ranks_near_spellings_as_scoring_every_mentor_does():
    """Many mentors sharing a surname (ties by name and id), near surnames of different
    similarity, a near employer, a mentor who is both a real match and a near spelling,
    mentors not listed, over three pages and with a filter."""
    surnames = ["Okafor", "Okafo", "Okafore", "Okoro", "Oakford"]
    for n in range(PAGE_SIZE * 4):
        mentor(
            f"M{n % 4}",
            surnames[n % len(surnames)],
            employer="Harbor Clinic",
            open_to_remote=n % 2 == 0,
        )
    mentor("Eve", "Stone", employer="Okafer Partners")  # the word itself: a real match
    mentor("Ola", "Okafor", bio="Okafer is how my name is often misspelled.")
    mentor("Pat", "Okafor", status="pending")
    mentor("Rae", "Okafor", employer="Okafor Legal")

    expected = ranked_by_scoring_every_mentor("Okafer")
    assert len(expected) > PAGE_SIZE * 2
    found = []
    for page in (1, 2, 3):
        found += [m.pk for m in mentor_directory(filters={"q": "Okafer"}, page=page).mentors]
    assert found == expected[: PAGE_SIZE * 3]
    assert MentorProfile.objects.get(pk=found[0]).display_name in {"Eve Stone", "Ola Okafor"}

    remote = [m.pk for m in mentor_directory(filters={"q": "okafer", "remote": True}).mentors]
    assert remote == ranked_by_scoring_every_mentor("okafer", open_to_remote=True)[:PAGE_SIZE]
