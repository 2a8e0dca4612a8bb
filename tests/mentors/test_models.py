import datetime

import pytest
from django.db import IntegrityError, transaction

from mentors.models import MentorMonthlyLoad, MentorProfile
from tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db


def test_search_vector_is_generated_from_the_profile():
    mentor = MentorProfileFactory(employer="Acme Robotics", job_title="Welder")
    mentor.refresh_from_db()
    assert "acm" in str(mentor.search_vector)
    assert "welder" in str(mentor.search_vector)


@pytest.mark.parametrize("cap", [0, 11])
def test_database_refuses_a_cap_outside_one_to_ten(cap):
    mentor = MentorProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorProfile.objects.filter(pk=mentor.pk).update(monthly_cap=cap)


def test_database_refuses_a_graduation_year_out_of_range():
    mentor = MentorProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorProfile.objects.filter(pk=mentor.pk).update(graduation_year=1800)


def test_one_load_row_per_mentor_and_month_on_the_first_day():
    mentor = MentorProfileFactory()
    MentorMonthlyLoad.objects.create(mentor=mentor, month=datetime.date(2026, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorMonthlyLoad.objects.create(mentor=mentor, month=datetime.date(2026, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorMonthlyLoad.objects.create(mentor=mentor, month=datetime.date(2026, 4, 2))


@pytest.mark.parametrize(
    ("status", "paused_until", "listed"),
    [
        ("approved", None, True),
        ("pending", None, False),
        ("rejected", None, False),
        ("retired", None, False),
        ("paused", datetime.date(2026, 5, 2), False),
        ("paused", datetime.date(2026, 5, 1), True),
        ("paused", None, False),
    ],
)
def test_the_listing_rule_in_a_filter_and_as_a_flag_agree(status, paused_until, listed):
    mentor = MentorProfileFactory(status=status, paused_until=paused_until)
    day = datetime.date(2026, 5, 1)

    assert MentorProfile.objects.listed(today=day).filter(pk=mentor.pk).exists() is listed
    assert MentorProfile.objects.with_is_listed(today=day).get(pk=mentor.pk).is_listed is listed
