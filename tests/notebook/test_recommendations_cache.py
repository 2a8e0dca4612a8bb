"""The "who to talk to next" suggestions, on the directory and the student's dashboard, are
kept per student, and never outlive a change to what they are made of: the student's own
data or any mentor's."""

import datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache_versions import copies
from interviews.models import Interview
from mentors.services import mentor_load_add, mentor_pause
from notebook.models import Notebook, Referral
from notebook.services.insights import insight_record
from students.services import contact_create_referral, contact_delete
from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

from .conftest import career_field, held

# The versions move when a change commits, as on the site.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cached(settings, client):
    settings.RECOMMENDATIONS_CACHE_SECONDS = 300
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 300
    cache.clear()
    return client


@pytest.fixture
def software(db):
    return career_field("software-engineering")


@pytest.fixture
def student(cached, software):
    student = StudentProfileFactory(fields_of_interest=[software]).user
    cached.force_login(student)
    return student


def panel(client, page: str = "/mentors/") -> str:
    """The suggestions' part of ``page``, the directory's first page unless another is
    named ("" when it shows none)."""
    html = client.get(page).content.decode()
    start = html.find('aria-labelledby="recommendations-heading"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


def test_a_second_visit_reuses_the_panel_without_ranking_again(cached, student, software):
    MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "Acme Robotics" in panel(cached)
    with CaptureQueriesContext(connection) as queries:
        assert "Acme Robotics" in panel(cached)
    read = " ".join(q["sql"] for q in queries)
    assert "interviews_interview" not in read
    assert "mentors_mentorprofile" not in read


def _cache_reads(monkeypatch) -> list[str]:
    """The names of the cache's reads from now on, in order."""
    backend = type(caches["default"])
    reads: list[str] = []
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(self, *args, _name=name, _original=original, **kwargs):
            reads.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    return reads


def another_process() -> None:
    """Drop this process's copies of cached entries: what another process reads."""
    copies.clear()


def test_the_directory_reads_its_results_and_the_panel_in_one_round_trip(
    cached, student, software, monkeypatch
):
    """The first page a student opens is the directory's: its cached results and their
    cached suggestions come back from Redis together, and with no round trip at all in
    a process that read them before (the versions come with the session's query)."""
    MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "Acme Robotics" in panel(cached)  # both rendered and kept
    reads = _cache_reads(monkeypatch)
    for process, round_trips in (("this one", []), ("another", ["get_many"])):
        if process == "another":
            another_process()
        reads.clear()
        with CaptureQueriesContext(connection) as queries:
            html = cached.get("/mentors/").content.decode()
        assert "Acme Robotics" in html and "Mentors 1 to 1" in html
        assert reads == round_trips, process
        # The session's query (with the versions), and nothing about mentors or interviews.
        assert len(queries) == 1, process
        assert not [q for q in queries if "mentors_" in q["sql"] or "interviews_" in q["sql"]]


@pytest.mark.parametrize("page_cached", [True, False])
def test_a_page_rendered_again_reads_its_cards_fields_and_panel_in_one_round_trip(
    cached, settings, student, software, monkeypatch, page_cached
):
    """A page whose results are not in the cache (the first reader of a query, or with
    the results' cache off) reads the cards of its mentors, the career fields its filter
    offers and the student's suggestions together, after the one query for its mentors:
    once more than a cached page, or once in all with that cache off; in a process that
    read them before, only the look for the results."""
    settings.MENTOR_DIRECTORY_CACHE_SECONDS = 300 if page_cached else 0
    settings.MENTOR_CARD_CACHE_SECONDS = 3600
    MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "Acme Robotics" in panel(cached)  # the cards, the fields and the panel kept
    for query in ("", "?q=acme"):
        for process in ("another", "this one"):
            if page_cached:  # the results as the first reader of this query finds them
                redis = caches["redis"].client.get_client()
                redis.delete(*redis.keys("*:mentors:directory:20*"))
                copies.delete_many(
                    k for k in copies.kept_keys() if k.startswith("mentors:directory:20")
                )
            if process == "another":
                another_process()
            reads = _cache_reads(monkeypatch)
            with CaptureQueriesContext(connection) as queries:
                html = cached.get("/mentors/" + query).content.decode()
            assert "Mentors 1 to 1" in html and "Acme Robotics" in html
            assert '<option value="software-engineering">' in html
            assert ("recommendations-heading" in html) is (query == "")
            # Here, only the look for the results (none for them when their cache is off).
            round_trips = int(page_cached) + (process == "another")
            assert reads == ["get_many"] * round_trips, (query, process)
            mentor_queries = [q for q in queries if "mentors_" in q["sql"]]
            assert len(mentor_queries) == 1, query  # the page's own; no card or field rendered


def test_the_dashboard_and_the_directory_share_the_suggestions(cached, student, software):
    MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "Acme Robotics" in panel(cached, "/")
    for page in ("/mentors/", "/"):
        with CaptureQueriesContext(connection) as queries:
            assert "Acme Robotics" in panel(cached, page)
        # The ranking's query names its score; the pages' own queries do not.
        assert not [q for q in queries if 'AS "score"' in q["sql"]], page


def test_the_dashboard_shows_a_change_at_once_and_says_when_there_is_none(
    cached, student, software
):
    asked = MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "Acme Robotics" in panel(cached, "/")

    InterviewFactory(student=student, mentor=asked, status=Interview.Status.REQUESTED)

    dashboard = panel(cached, "/")
    assert "Acme Robotics" not in dashboard
    assert "No suggestion right now." in dashboard
    assert panel(cached) == ""  # the directory shows no empty panel


def test_a_new_referral_on_the_networking_list_shows_at_once(cached, student):
    referred = MentorProfileFactory(employer="Quillfeather", career_fields=[career_field("law")])
    assert "Quillfeather" not in panel(cached)

    contact = contact_create_referral(
        student=student, name="Dana Quill", referred_by_name="Aunt Jo", mentor=referred
    )
    assert "Aunt Jo suggested you talk to them." in panel(cached)

    contact_delete(contact=contact)
    assert "Quillfeather" not in panel(cached)


def test_a_referral_recorded_in_a_notebook_shows_at_once(cached, student, software):
    conversation = held(student, career_fields=[software])
    referred = MentorProfileFactory(employer="Quillfeather", career_fields=[career_field("law")])
    assert "Quillfeather" not in panel(cached)

    Referral.objects.create(
        notebook=Notebook.objects.create(interview=conversation), name="Sam", mentor=referred
    )

    assert f"{conversation.mentor.display_name} suggested you talk to them." in panel(cached)


def test_following_a_field_shows_its_mentors_at_once(cached, student):
    law = career_field("law")
    MentorProfileFactory(employer="Civic Partners", career_fields=[law])
    assert "Civic Partners" not in panel(cached)

    student.student_profile.fields_of_interest.add(law)
    assert "Civic Partners" in panel(cached)

    law.interested_students.clear()  # the other side of the same link
    assert "Civic Partners" not in panel(cached)


def test_asking_a_suggested_mentor_removes_them_at_once(cached, student, software):
    asked = MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "Acme Robotics" in panel(cached)

    InterviewFactory(student=student, mentor=asked, status=Interview.Status.REQUESTED)

    assert "Acme Robotics" not in panel(cached)


def test_a_conversation_held_and_an_insight_change_the_reasons_at_once(cached, student, software):
    MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    assert "where you have not spoken with anyone yet" in panel(cached)

    conversation = held(student, career_fields=[software])
    assert "where you have spoken with 1 person so far" in panel(cached)

    held(student, career_fields=[software])
    held(student, career_fields=[software])
    assert "Acme Robotics" not in panel(cached)  # three people heard: no reason left
    insight_record(
        interview=conversation, text="Long hours", topic="lifestyle",
        career_field=software, stance="agree",
    )  # fmt: skip
    assert "where nobody has spoken to you yet about" in panel(cached)


def test_a_mentor_who_fills_the_month_or_pauses_leaves_at_once(cached, student, software):
    full = MentorProfileFactory(employer="Acme Robotics", career_fields=[software], monthly_cap=1)
    paused = MentorProfileFactory(employer="Blue Harbor", career_fields=[software])
    html = panel(cached)
    assert "Acme Robotics" in html and "Blue Harbor" in html

    mentor_load_add(mentor=full, month_of=timezone.now(), delta=1)
    mentor_pause(profile=paused, until=timezone.localdate() + datetime.timedelta(days=30))

    html = panel(cached)
    assert "Acme Robotics" not in html and "Blue Harbor" not in html


def test_one_student_s_change_leaves_another_s_panel_cached(cached, student, software):
    MentorProfileFactory(employer="Acme Robotics", career_fields=[software])
    other = StudentProfileFactory(fields_of_interest=[software]).user
    assert "Acme Robotics" in panel(cached)
    cached.force_login(other)
    assert "Acme Robotics" in panel(cached)

    contact_create_referral(student=student, name="Dana Quill", referred_by_name="Aunt Jo")

    with CaptureQueriesContext(connection) as queries:
        assert "Acme Robotics" in panel(cached)
    assert "interviews_interview" not in " ".join(q["sql"] for q in queries)
