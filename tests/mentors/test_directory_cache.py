"""The rendered directory is reused across readers, and never outlives a change."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentors.services import mentor_approve, mentor_load_add, mentor_pause
from tests.factories import MentorProfileFactory, StaffUserFactory, StudentProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _student_with_cache_on(settings, client, setting: str):
    setattr(settings, setting, 300)
    cache.clear()
    client.force_login(StudentProfileFactory().user)
    return client


@pytest.fixture
def cached_directory(settings, client):
    return _student_with_cache_on(settings, client, "MENTOR_DIRECTORY_CACHE_SECONDS")


def test_a_second_reader_gets_the_cached_page_without_searching_again(cached_directory):
    MentorProfileFactory(employer="Quillfeather Analytics")
    first = cached_directory.get("/mentors/", {"q": "Quillfeather"})
    assert b"Quillfeather Analytics" in first.content
    with CaptureQueriesContext(connection) as queries:
        again = cached_directory.get("/mentors/", {"q": "Quillfeather"})
    assert b"Quillfeather Analytics" in again.content
    assert not [q for q in queries if "mentors_" in q["sql"]]


def test_the_kept_results_make_the_same_page(cached_directory):
    """The results are kept encoded and joined to the rest of the page as bytes."""
    from core.cache_versions import copies

    MentorProfileFactory(employer="Quillfeather Analytics", job_title="Curator of Ñandú")
    first = cached_directory.get("/mentors/", {"q": "Quillfeather"})
    again = cached_directory.get("/mentors/", {"q": "Quillfeather"})
    assert "Curator of Ñandú" in again.content.decode()
    assert again["Content-Type"] == "text/html; charset=utf-8"
    assert int(again["Content-Length"]) == len(again.content)
    (key,) = [k for k in copies.kept_keys() if k.startswith("mentors:directory:")]
    _, kept = copies.get_many([key])[key]
    assert isinstance(kept, bytes) and kept.decode() in again.content.decode()
    token = re.compile(rb'value="[A-Za-z0-9]{64}"')
    assert token.sub(b"", first.content) == token.sub(b"", again.content)


def test_pausing_approving_and_filling_the_month_show_at_once(cached_directory):
    listed = MentorProfileFactory(employer="Acme Robotics", monthly_cap=1)
    pending = MentorProfileFactory(employer="Acme Biotech", status="pending")
    page = cached_directory.get("/mentors/", {"q": "Acme"}).content.decode()
    assert "Acme Robotics" in page
    assert "Acme Biotech" not in page
    assert "Has time this month" in page

    mentor_load_add(mentor=listed, month_of=timezone.now(), delta=1)
    page = cached_directory.get("/mentors/", {"q": "Acme"}).content.decode()
    assert "Fully booked this month" in page

    mentor_approve(profile=pending, by=StaffUserFactory())
    mentor_pause(profile=listed, until=timezone.localdate() + datetime.timedelta(days=30))
    page = cached_directory.get("/mentors/", {"q": "Acme"}).content.decode()
    assert "Acme Biotech" in page
    assert "Acme Robotics" not in page


def test_a_mentor_who_confirms_their_address_shows_at_once(cached_directory):
    from allauth.account.models import EmailAddress

    mentor = MentorProfileFactory(employer="Acme Robotics")
    address = EmailAddress.objects.get(user=mentor.user)
    address.verified = False
    address.save()
    assert "Acme Robotics" not in cached_directory.get("/mentors/", {"q": "Acme"}).content.decode()

    address.verified = True
    address.save()  # what confirming the address does

    assert "Acme Robotics" in cached_directory.get("/mentors/", {"q": "Acme"}).content.decode()


def test_a_value_that_looks_like_another_query_does_not_poison_its_page(cached_directory):
    """The review's attack: ``industry=health%26q%3Dqqzz`` once shared its key with
    ``industry=health&q=qqzz`` and stored its page (unfiltered, with an error) there."""
    MentorProfileFactory(employer="Qqzz Labs", industry="engineering_technology")
    poisoned = cached_directory.get("/mentors/?industry=health%26q%3Dqqzz").content.decode()
    assert "Qqzz Labs" in poisoned  # not a valid industry: nothing is filtered

    page = cached_directory.get("/mentors/?industry=health&q=qqzz").content.decode()

    assert "Qqzz Labs" not in page


# Each mentor's card (mentors/directory_cards.py): reused by every page that lists the
# mentor, even with the results cache off, and never outliving a change.


@pytest.fixture
def cached_cards(settings, client):
    return _student_with_cache_on(settings, client, "MENTOR_CARD_CACHE_SECONDS")


def _career_field_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "mentors_careerfield" in q["sql"]]


def test_a_card_rendered_for_one_search_serves_another_without_fetching_its_fields(
    cached_cards,
):
    MentorProfileFactory(employer="Quillfeather Analytics", job_title="Cartographer")
    first = cached_cards.get("/mentors/", {"q": "Quillfeather"}).content.decode()
    assert "Quillfeather Analytics" in first

    with CaptureQueriesContext(connection) as queries:
        other = cached_cards.get("/mentors/", {"q": "Cartographer"}).content.decode()

    assert "Quillfeather Analytics" in other
    assert not _career_field_queries(queries)


def test_a_card_shows_each_change_at_once(cached_cards):
    from mentors.models import CareerField
    from mentors.services import mentor_profile_update

    mentor = MentorProfileFactory(employer="Acme Robotics", job_title="Welder", monthly_cap=1)
    nursing = CareerField.objects.get(slug="nursing")
    assert "Welder" in cached_cards.get("/mentors/", {"q": "Acme"}).content.decode()

    mentor_profile_update(
        profile=mentor, data={"job_title": "Robot Whisperer"}, career_fields=[nursing]
    )
    page = cached_cards.get("/mentors/", {"q": "Acme"}).content.decode()
    assert "Robot Whisperer" in page
    assert "Welder" not in page
    assert "Nursing" in page
    assert "Has time this month" in page

    mentor_load_add(mentor=mentor, month_of=timezone.now(), delta=1)
    assert (
        "Fully booked this month" in cached_cards.get("/mentors/", {"q": "Acme"}).content.decode()
    )

    nursing.name_en = "Nursing and Midwifery"
    nursing.save()  # what staff renaming a field in the admin does
    assert "Nursing and Midwifery" in cached_cards.get("/mentors/", {"q": "Acme"}).content.decode()


def test_a_card_is_kept_per_language(cached_cards):
    from django.test import Client

    from tests.factories import StudentUserFactory

    MentorProfileFactory(employer="Acme Robotics")
    spanish = Client()
    spanish.force_login(StudentUserFactory(language="es"))  # before any card is kept
    assert "Has time this month" in cached_cards.get("/mentors/", {"q": "Acme"}).content.decode()

    page = spanish.get("/mentors/", {"q": "Acme"}).content.decode()

    assert "Has time this month" not in page
    assert "Con disponibilidad este mes" in page


# A mentor's profile page keeps what every reader sees the same way; the request box
# stays each reader's own.


def test_a_profile_page_is_read_again_without_fetching_its_fields(cached_cards):
    mentor = MentorProfileFactory(job_title="Cartographer")
    assert "Cartographer" in cached_cards.get(f"/mentors/{mentor.pk}/").content.decode()

    with CaptureQueriesContext(connection) as queries:
        again = cached_cards.get(f"/mentors/{mentor.pk}/").content.decode()

    assert "Cartographer" in again
    assert not _career_field_queries(queries)


def test_a_profile_page_shows_each_change_at_once(cached_cards):
    from mentors.models import CareerField
    from mentors.services import mentor_profile_update

    mentor = MentorProfileFactory(job_title="Welder", monthly_cap=1)
    law = CareerField.objects.get(slug="law")
    url = f"/mentors/{mentor.pk}/"
    assert "Welder" in cached_cards.get(url).content.decode()

    mentor_profile_update(profile=mentor, data={"job_title": "Surveyor"}, career_fields=[law])
    page = cached_cards.get(url).content.decode()
    assert "Surveyor" in page and "Welder" not in page
    assert "Has time this month" in page

    mentor_load_add(mentor=mentor, month_of=timezone.now(), delta=1)
    assert "Fully booked this month" in cached_cards.get(url).content.decode()

    law.name_en = "Law and Justice"
    law.save()
    assert "Law and Justice" in cached_cards.get(url).content.decode()


def test_the_request_box_stays_each_readers_own(cached_cards):
    from django.test import Client

    from tests.factories import InterviewFactory, StudentUserFactory

    interview = InterviewFactory()
    mentor = interview.mentor
    url = f"/mentors/{mentor.pk}/"
    asking, other, spanish, own = Client(), Client(), Client(), Client()
    asking.force_login(interview.student)
    other.force_login(StudentUserFactory())
    spanish.force_login(StudentUserFactory(language="es"))
    own.force_login(mentor.user)

    pages = {
        name: c.get(url).content.decode()
        for name, c in [("asking", asking), ("other", other), ("spanish", spanish), ("own", own)]
    }

    assert "See your request" in pages["asking"]
    assert "Request a conversation" in pages["other"]
    assert "See your request" not in pages["other"]
    assert "Edit your mentor profile" in pages["own"]
    assert "Con disponibilidad este mes" in pages["spanish"]
    assert "Has time this month" not in pages["spanish"]
