"""The insights pages: recording from a conversation, /insights/, and who may see them."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages

from notebook.models import Claim, Perspective
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

OVERVIEW = "/insights/"


def record_url(interview) -> str:
    return f"/interviews/{interview.pk}/notebook/insights/"


def post(client, interview, **overrides):
    data = {
        "claim": "A master's degree is needed to advance",
        "stance": "agree",
        "topic": "development",
        "career_field": interview.mentor.career_fields.first().pk,
        **overrides,
    }
    return client.post(record_url(interview), data)


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


def test_the_urls_are_where_the_design_says():
    from django.urls import reverse

    assert reverse("notebook:insights") == "/insights/"
    assert reverse("notebook:insights_record", args=[4]) == "/interviews/4/notebook/insights/"
    assert reverse("notebook:impact") == "/mentors/impact/"


def test_recording_offers_my_earlier_points_and_groups_the_same_one(
    student_client, student, software
):
    first = held(student, career_fields=[software])
    second = held(student, career_fields=[software])
    response = post(student_client, first)
    assert response.status_code == 302
    assert "Recorded" in str(next(iter(get_messages(response.wsgi_request))))

    page = student_client.get(record_url(second)).content.decode()
    assert 'list="claim-suggestions"' in page
    assert '<option value="A master&#x27;s degree is needed to advance"' in page

    response = post(student_client, second, claim="a master's degree is needed to advance.")
    assert "together with what you heard before" in str(
        next(iter(get_messages(response.wsgi_request)))
    )
    assert Claim.objects.count() == 1 and Perspective.objects.count() == 2
    overview = student_client.get(OVERVIEW).content.decode()
    assert "2 of 2 people you spoke with in Software Engineering" in overview


def test_the_field_offered_first_is_one_the_student_follows(student_client, student, software):
    law = career_field("law")
    interview = held(student, career_fields=[law, software])
    form = student_client.get(record_url(interview)).context["form"]
    assert form["career_field"].value() == software.pk
    assert [f.pk for f in form.fields["career_field"].queryset] == [law.pk, software.pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"claim": "   "}, "claim", "Write what you heard"),
        ({"claim": "x" * 201}, "claim", "Keep it to 200 characters"),
        ({"career_field": "law"}, "career_field", "career fields this conversation was in"),
        ({"topic": ""}, "topic", "Choose one of the topics"),
        ({"stance": "shrug"}, "stance", "Select a valid choice"),
    ],
)
def test_bad_input_is_answered_next_to_the_field_keeping_what_was_typed(
    student_client, student, software, overrides, field, message
):
    interview = held(student, career_fields=[software])
    if overrides.get("career_field") == "law":
        overrides = {"career_field": career_field("law").pk}
    response = post(student_client, interview, **overrides)
    assert response.status_code == 400
    [error] = response.context["form"].errors[field]
    assert message in error
    assert not Claim.objects.exists()
    if field != "claim":
        assert "A master&#x27;s degree is needed to advance" in response.content.decode()


def test_before_the_start_the_page_explains_and_a_post_keeps_the_text(
    student_client, student, software
):
    interview = InterviewFactory(
        student=student, mentor=MentorProfileFactory(career_fields=[software]), scheduled=True
    )
    page = student_client.get(record_url(interview))
    assert page.status_code == 200
    assert "once the conversation has started" in page.content.decode()
    assert 'name="claim"' not in page.content.decode()

    response = post(student_client, interview, claim="Typed too early")
    assert response.status_code == 409
    assert 'value="Typed too early"' in response.content.decode()
    assert not Claim.objects.exists()
    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=1)):
        assert post(student_client, interview).status_code == 302


def test_a_conversation_that_did_not_take_place_says_so(student_client, student, software):
    interview = held(student, status="cancelled", career_fields=[software])
    html = student_client.get(record_url(interview)).content.decode()
    assert "did not take place, so there is nothing to record" in html
    assert post(student_client, interview).status_code == 409
    assert not Claim.objects.exists()


def test_removing_an_insight(student_client, student, software):
    interview = held(student, career_fields=[software])
    post(student_client, interview)
    perspective = Perspective.objects.get()
    response = student_client.post(f"{record_url(interview)}{perspective.pk}/remove/")
    assert response.status_code == 302
    assert not Claim.objects.exists()
    # Twice: a clear message, not an error page.
    response = student_client.post(f"{record_url(interview)}{perspective.pk}/remove/", follow=True)
    assert "no longer recorded" in response.content.decode()


def test_nobody_but_the_student_reaches_a_conversations_insights(client, student, software):
    interview = held(student, career_fields=[software])
    post_data = {"claim": "x", "stance": "agree", "topic": "work", "career_field": software.pk}
    for intruder in (
        StudentProfileFactory().user,
        interview.mentor.user,
        StaffUserFactory(),
    ):
        login_with_second_factor(client, intruder)
        assert client.get(record_url(interview)).status_code == 404
        assert client.post(record_url(interview), post_data).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(record_url(interview))["Location"]
    assert not Claim.objects.exists()


def test_another_students_perspective_cannot_be_removed(client, student, software):
    interview = held(student, career_fields=[software])
    insight_record(
        interview=interview, text="Mine", topic="work", career_field=software, stance="agree"
    )
    perspective = Perspective.objects.get()
    client.force_login(StudentProfileFactory().user)
    assert client.post(f"{record_url(interview)}{perspective.pk}/remove/").status_code == 404
    assert Perspective.objects.exists()


def test_insights_page_is_for_students_and_shows_only_their_own(client, student, software):
    insight_record(
        interview=held(student, career_fields=[software]),
        text="Secret point",
        topic="work",
        career_field=software,
        stance="agree",
    )
    other = StudentProfileFactory().user
    client.force_login(other)
    assert "Secret point" not in client.get(OVERVIEW).content.decode()
    for not_a_student in (MentorProfileFactory().user, StaffUserFactory()):
        login_with_second_factor(client, not_a_student)
        assert client.get(OVERVIEW).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(OVERVIEW)["Location"]


def test_with_no_conversation_the_page_says_what_to_do(client):
    client.force_login(StudentProfileFactory(fields_of_interest=[]).user)
    html = client.get(OVERVIEW).content.decode()
    assert "Nothing here yet" in html
    assert 'href="/mentors/"' in html


def test_with_one_conversation_it_encourages_two_more(student_client, student, software):
    interview = held(student, career_fields=[software])
    html = student_client.get(OVERVIEW).content.decode()
    assert "You have spoken with 1 person in this field" in html
    assert "Talk with 2 more people before drawing conclusions" in html
    assert "You have not recorded any insight in this field yet" in html
    assert f'href="/interviews/{interview.pk}/notebook/insights/"' in html
    assert "?field=software-engineering" in html
    insight_record(
        interview=interview, text="Pair programming is common", topic="work",
        career_field=software, stance="agree",
    )  # fmt: skip
    html = student_client.get(OVERVIEW).content.decode()
    assert "From a single voice so far" in html and "single voice" in html
    assert "Topics nobody has spoken to yet" in html
    assert "Print this page" in html


def test_the_overview_query_count_does_not_grow_with_data(
    student_client, student, software, django_assert_max_num_queries
):
    def count():
        with django_assert_max_num_queries(12) as captured:
            assert student_client.get(OVERVIEW).status_code == 200
        return len(captured)

    def add(n):
        for i in range(n):
            interview = held(student, career_fields=[software, career_field("law")])
            insight_record(
                interview=interview, text=f"Point {i % 3}", topic="work",
                career_field=software, stance="agree",
            )  # fmt: skip

    add(1)
    small = count()
    add(8)
    assert count() == small


def test_the_record_page_query_count_does_not_grow_with_data(
    student_client, student, software, django_assert_max_num_queries
):
    interview = held(student, career_fields=[software])

    def count():
        with django_assert_max_num_queries(12) as captured:
            assert student_client.get(record_url(interview)).status_code == 200
        return len(captured)

    insight_record(
        interview=interview, text="One", topic="work", career_field=software, stance="agree"
    )
    small = count()
    for i in range(8):
        insight_record(
            interview=interview, text=f"Point {i}", topic="skills", career_field=software,
            stance="nuance",
        )  # fmt: skip
    assert count() == small
