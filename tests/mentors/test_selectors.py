import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentors.models import CareerField
from mentors.selectors import (
    MAX_PAGES,
    PAGE_SIZE,
    mentor_directory,
    mentor_search_suggestion,
)
from mentors.services import mentor_load_add
from tests.factories import MentorProfileFactory, MentorUserFactory

pytestmark = pytest.mark.django_db


def names(page):
    return [m.display_name for m in page.mentors]


def mentor(first, last, **kwargs):
    return MentorProfileFactory(user=MentorUserFactory(first_name=first, last_name=last), **kwargs)


def test_only_listed_mentors_appear():
    today = timezone.localdate()
    mentor("Ann", "Approved")
    mentor("Pat", "Pending", status="pending")
    mentor("Rex", "Rejected", status="rejected")
    mentor("Ria", "Retired", status="retired")
    mentor("Paul", "Paused", status="paused", paused_until=today + datetime.timedelta(days=3))
    mentor("Ben", "Back", status="paused", paused_until=today)
    inactive = mentor("Ina", "Inactive")
    inactive.user.is_active = False
    inactive.user.save(update_fields=["is_active"])
    # Approved before approval required a confirmed address.
    MentorProfileFactory(
        user=MentorUserFactory(first_name="Una", last_name="Unconfirmed", email_verified=False)
    )
    assert names(mentor_directory(filters={})) == ["Ann Approved", "Ben Back"]
    assert names(mentor_directory(filters={"q": "Pending"})) == []
    assert names(mentor_directory(filters={"q": "Paused"})) == []
    assert names(mentor_directory(filters={"q": "Unconfirmed"})) == []


def test_an_exact_employer_match_ranks_above_a_bio_mention():
    mentor("Bea", "Bio", employer="Harbor Clinic", bio="I once interned at Google.")
    mentor("Eve", "Employer", employer="Google", bio="I build search products.")
    assert names(mentor_directory(filters={"q": "google"})) == ["Eve Employer", "Bea Bio"]


def test_a_one_letter_typo_in_a_surname_still_finds_the_mentor():
    mentor("Morgan", "Okafor")
    mentor("Sam", "Smith")
    for typo in ("Okafer", "okafr", "Okafor Morgn"):
        assert names(mentor_directory(filters={"q": typo}))[:1] == ["Morgan Okafor"], typo


def test_a_misspelled_employer_still_finds_the_mentor():
    mentor("Gail", "Gs", employer="Goldman Sachs")
    mentor("Other", "Person", employer="Harbor Clinic")
    assert names(mentor_directory(filters={"q": "Goldmn Sachs"})) == ["Gail Gs"]


def test_search_covers_title_topics_and_career_fields():
    law = CareerField.objects.get(slug="law")
    # Fixed employers: a random company name could itself match the words searched.
    mentor("Tia", "Title", job_title="Data Scientist", employer="Acme Analytics")
    mentor("Tom", "Topics", topics="moving abroad for work", employer="Blue Harbor")
    mentor("Lou", "Lawyer", career_fields=[law], employer="Civic Partners")
    assert names(mentor_directory(filters={"q": "data scientist"})) == ["Tia Title"]
    assert names(mentor_directory(filters={"q": "abroad"})) == ["Tom Topics"]
    assert names(mentor_directory(filters={"q": "law"})) == ["Lou Lawyer"]


def test_filters_combine():
    law = CareerField.objects.get(slug="law")
    mentor(
        "Fay",
        "Fits",
        career_fields=[law],
        industry="government_law",
        meeting_formats=["in_person"],
        city="Denver",
        graduation_year=2001,
        major="History",
        reviews_resumes=True,
        open_to_remote=True,
    )
    mentor("Nia", "Nofit", meeting_formats=["video"], city="Boston", graduation_year=2020)
    filters = {
        "field": law,
        "industry": "government_law",
        "format": "in_person",
        "location": "denv",
        "year_from": 1990,
        "year_to": 2005,
        "major": "hist",
        "resumes": True,
        "remote": True,
    }
    assert names(mentor_directory(filters=filters)) == ["Fay Fits"]
    assert names(mentor_directory(filters={"format": "video"})) == ["Nia Nofit"]


def test_capacity_filter_and_annotation_use_this_months_load():
    full = mentor("Fred", "Full", monthly_cap=1)
    mentor("Fran", "Free", monthly_cap=1)
    mentor_load_add(mentor=full, month_of=timezone.now(), delta=1)
    page = mentor_directory(filters={})
    assert {m.display_name: m.has_capacity for m in page.mentors} == {
        "Fred Full": False,
        "Fran Free": True,
    }
    assert names(mentor_directory(filters={"capacity": True})) == ["Fran Free"]


def test_pages_are_stable_and_bounded():
    MentorProfileFactory.create_batch(PAGE_SIZE + 3)
    first = mentor_directory(filters={}, page=1)
    second = mentor_directory(filters={}, page=2)
    assert first.has_next and not first.has_previous
    assert len(second.mentors) == 3 and not second.has_next
    assert not {m.pk for m in first.mentors} & {m.pk for m in second.mentors}
    far = mentor_directory(filters={}, page=10_000)
    assert far.number == MAX_PAGES
    assert far.mentors == []


def test_search_pages_hold_listed_matches_only_in_rank_order_with_their_capacity():
    """A search ranks its matches before checking the rest of being listed (the user
    and their address) for the page's rows: pages stay full, disjoint and in order."""
    listed = [mentor(f"Ada{n:02d}", "Acme", employer="Acme") for n in range(PAGE_SIZE + 2)]
    full = mentor("Abe", "Acme", employer="Acme", monthly_cap=1)
    mentor_load_add(mentor=full, month_of=timezone.now(), delta=1)
    for n in range(3):  # matches that sort among them but are not listed
        inactive = mentor(f"Ada{n:02d}x", "Inactive", employer="Acme")
        inactive.user.is_active = False
        inactive.user.save(update_fields=["is_active"])
        MentorProfileFactory(
            user=MentorUserFactory(first_name=f"Ada{n:02d}y", last_name="U", email_verified=False),
            employer="Acme",
        )
    mentor("Otto", "Other", employer="Globex")

    first = mentor_directory(filters={"q": "Acme"}, page=1)
    second = mentor_directory(filters={"q": "Acme"}, page=2)
    expected = sorted(m.display_name for m in [*listed, full])
    assert names(first) + names(second) == expected
    assert first.has_next and not second.has_next and len(second.mentors) == 3
    capacity = {m.display_name: m.has_capacity for m in first.mentors + second.mentors}
    assert capacity.pop("Abe Acme") is False and all(capacity.values())
    with_room = mentor_directory(filters={"q": "Acme", "capacity": True}, page=2)
    assert names(with_room) == expected[PAGE_SIZE + 1 :]


def test_a_page_row_makes_the_mentor_its_card_shows_without_another_query(
    django_assert_num_queries,
):
    """The page's rows become model instances only for cards not in the cache: each holds
    the card's fields as the database has them, and the row's other columns."""
    full = mentor("Ada", "Acme", employer="Acme", job_title="Animator", monthly_cap=1)
    mentor_load_add(mentor=full, month_of=timezone.now(), delta=1)
    (row,) = mentor_directory(filters={"q": "Acme"}).mentors
    with django_assert_num_queries(0):
        made = row.mentor()
    stored = type(made).objects.get(pk=full.pk)
    assert (made.pk, made.user_id, made.display_name, made.job_title, made.employer) == (
        stored.pk, stored.user_id, "Ada Acme", "Animator", "Acme"
    )  # fmt: skip
    assert made.meeting_formats == stored.meeting_formats
    assert (made.has_capacity, made.load_this_month) == (False, 1)
    assert made.search_rank > 0 and not made._state.adding
    # What the page did not select is read on demand, as for a deferred field.
    with django_assert_num_queries(1):
        assert made.bio == stored.bio


def _trigram_test_loops(queries) -> int:
    """How many times the page's query ran the trigram test, itself or by asking for a
    one-word search's near spellings (``mentors_near_spellings``, which runs it): replayed
    with EXPLAIN ANALYZE, in a transaction that sets the threshold as the page's did."""
    (page,) = [query for query in queries if "LATERAL" in query["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.4', true)")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + page["sql"])
        plan = cursor.fetchone()[0]
    loops, nodes = 0, [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        conditions = " ".join(node.get(key, "") for key in ("Filter", "Index Cond", "Recheck Cond"))
        near_spellings = node.get("Function Name") == "mentors_near_spellings"
        if "%>" in conditions or near_spellings:  # pg_trgm's word-similarity operator
            loops += node["Actual Loops"]
        nodes.extend(node.get("Plans", []))
    return loops


def test_a_one_word_search_seeks_near_spellings_once_its_real_matches_run_out():
    """Near spellings of a one-word search rank after all its real matches, so a page
    that real matches fill does not look for them, and the page where they run out
    shows them next."""
    real = [mentor(f"Ada{n:02d}", "Gg", employer="Goldman") for n in range(PAGE_SIZE + 2)]
    mentor("Zed", "Goldmann", employer="Harbor Clinic")  # a near spelling, not a match

    with CaptureQueriesContext(connection) as first_queries:
        first = mentor_directory(filters={"q": "Goldman"}, page=1)
    with CaptureQueriesContext(connection) as second_queries:
        second = mentor_directory(filters={"q": "Goldman"}, page=2)

    expected = sorted(m.display_name for m in real)
    assert names(first) == expected[:PAGE_SIZE] and first.has_next
    assert names(second) == [*expected[PAGE_SIZE:], "Zed Goldmann"] and not second.has_next
    assert len(first_queries) == len(second_queries)
    assert _trigram_test_loops(first_queries) == 0
    assert _trigram_test_loops(second_queries) > 0


def test_a_search_that_finds_nobody_suggests_the_word_from_a_title_or_field():
    mentor("Rob", "Ott", job_title="Robotics Engineer", employer="Acme Machines")
    page = mentor_directory(filters={"q": "robotcs"})
    assert names(page) == []
    assert page.suggestion == "Robotics"
    assert names(mentor_directory(filters={"q": page.suggestion})) == ["Rob Ott"]


def test_suggestions_come_from_career_fields_and_employers_and_fix_each_word():
    mentor("Ema", "Ployer", employer="Quillfeather Analytics", job_title="Analyst")
    # "Cybersecurity" is a career field even when no listed mentor works in it.
    assert mentor_search_suggestion(q="cybersecurty") == "Cybersecurity"
    assert mentor_search_suggestion(q="quillfeathr analyst") == "Quillfeather analyst"


def test_no_suggestion_for_a_found_search_or_words_far_from_any_name():
    mentor("Rob", "Ott", job_title="Robotics Engineer", employer="Acme Machines")
    assert mentor_directory(filters={"q": "robotics"}).suggestion == ""
    assert mentor_search_suggestion(q="xqzvw") == ""
    assert mentor_search_suggestion(q="--") == ""


def test_only_listed_mentors_words_are_suggested():
    mentor("Pat", "Pending", status="pending", job_title="Zoologist", employer="Acme Zoo")
    assert mentor_search_suggestion(q="zoologst") == ""


def test_each_new_database_connection_has_the_near_spelling_threshold():
    """Set once per connection (mentors.selectors.trigram_threshold_set), not per search."""
    from django.db import connections

    from mentors.selectors import TYPO_THRESHOLD

    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SELECT current_setting('pg_trgm.word_similarity_threshold')")
            assert float(cursor.fetchone()[0]) == TYPO_THRESHOLD
    finally:
        fresh.close()
