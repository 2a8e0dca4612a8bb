"""A mentor's impact page: counts and what was sent to them, never a student's notes."""

import datetime

import pytest

from interviews.models import Interview
from notebook.models import Notebook, Referral, ThankYouLetter
from notebook.selectors.impact import mentor_impact
from notebook.services.insights import insight_record
from tests.auth import login_with_second_factor
from tests.factories import (
    InterviewFactory,
    MentorProfileFactory,
    StaffUserFactory,
    StudentProfileFactory,
)

from .conftest import career_field, held

pytestmark = pytest.mark.django_db
URL = "/mentors/impact/"


def thank(interview, method, *, letter=None, emailed=False, draft=None):
    interview.thank_you_sent_at = interview.ends_at + datetime.timedelta(hours=2)
    interview.thank_you_method = method
    interview.save(update_fields=["thank_you_sent_at", "thank_you_method"])
    if letter or draft:
        ThankYouLetter.objects.create(
            notebook=Notebook.objects.get_or_create(interview=interview)[0],
            subject="Thank you",
            body=letter or draft,
            emailed_at=interview.thank_you_sent_at if emailed else None,
        )


@pytest.fixture
def mentor(db, software):
    return MentorProfileFactory(career_fields=[software])


def test_students_fields_thanks_and_referrals_that_led_somewhere(client, mentor, software):
    law = career_field("law")
    ada = StudentProfileFactory(fields_of_interest=[software, law]).user
    ben = StudentProfileFactory(fields_of_interest=[software]).user
    first = held(ada, mentor, days_ago=40)
    held(ada, mentor, days_ago=5)
    with_ben = held(ben, mentor, days_ago=3)
    InterviewFactory(mentor=mentor)  # a request: not a conversation yet
    thank(first, "email", letter="Your advice on code review changed my week.", emailed=True)
    thank(with_ben, "card", draft="A private draft the mentor never got.")
    # Ada met the person the mentor suggested; Ben did not ask his yet.
    suggested, not_asked = MentorProfileFactory(), MentorProfileFactory()
    Referral.objects.create(notebook=first.notebook, name="Sam", mentor=suggested)
    Referral.objects.create(
        notebook=Notebook.objects.get(interview=with_ben), name="Kim", mentor=not_asked
    )
    held(ada, suggested, days_ago=1)
    # A student's private insight never reaches the mentor.
    insight_record(
        interview=first, text="Private point about pay", topic="work", career_field=software,
        stance="agree",
    )  # fmt: skip

    impact = mentor_impact(mentor=mentor)
    assert (impact.students, impact.conversations) == (2, 3)
    assert impact.fields == [("Software Engineering", 2), ("Law", 1)]
    assert impact.referrals_led == 1

    client.force_login(mentor.user)
    html = client.get(URL).content.decode()
    assert "You have spoken with 2 students (3 conversations held)" in html
    assert "Your advice on code review changed my week." in html
    assert "thanked you by card on" in html
    assert "A private draft the mentor never got." not in html
    assert "Private point about pay" not in html
    assert "1 time, a student went on to talk with someone you suggested" in html


def test_a_new_mentor_sees_what_the_page_will_show(client, mentor):
    client.force_login(mentor.user)
    html = client.get(URL).content.decode()
    assert "No conversation has taken place yet" in html
    assert "No thank-you yet" in html


def test_the_dashboard_links_to_it(client, mentor):
    client.force_login(mentor.user)
    assert f'href="{URL}"' in client.get("/").content.decode()


def test_only_mentors_have_an_impact_page(client):
    client.force_login(StudentProfileFactory().user)
    assert client.get(URL).status_code == 404
    login_with_second_factor(client, StaffUserFactory())
    assert client.get(URL).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(URL)["Location"]


def test_the_query_count_does_not_grow_with_conversations(
    client, mentor, django_assert_max_num_queries
):
    client.force_login(mentor.user)

    def count():
        with django_assert_max_num_queries(12) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    def add(n):
        for _ in range(n):
            interview = held(StudentProfileFactory().user, mentor, days_ago=2)
            thank(interview, "email", letter="Thanks!", emailed=True)
            Referral.objects.create(
                notebook=interview.notebook, name="Sam", mentor=MentorProfileFactory()
            )

    add(1)
    small = count()
    add(6)
    assert count() == small
    assert Interview.objects.filter(mentor=mentor).count() == 7
