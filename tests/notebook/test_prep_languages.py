"""The question bank in the student's language: in Spanish the Prepare page offers the
starter questions in Spanish, in English a question with no translation yet, and a
question picked in Spanish stays in Spanish in the student's list."""

import pytest
from django.utils import translation
from django.utils.html import escape

from notebook.data.question_bank_es import QUESTION_BANK_ES
from notebook.models import BankQuestion
from notebook.services.prep import my_questions_add_from_bank
from tests.factories import InterviewFactory

from .prep_helpers import bank, texts

pytestmark = pytest.mark.django_db


def reading_in(user, language: str) -> None:
    """A signed-in person's pages are in their own language (User.language)."""
    user.language = language
    user.save(update_fields=["language"])


def page_url(interview, rest: str = "") -> str:
    return f"/interviews/{interview.pk}/notebook/{rest}"


@pytest.fixture
def interview(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.student)
    return interview


def test_in_spanish_the_bank_offers_the_starter_questions_in_spanish(client, interview):
    work = bank("work")

    reading_in(interview.student, "es")
    page = client.get(page_url(interview), {"topic": "work"})
    with translation.override("es"):
        offered = [q.text for q in page.context["bank"]]

    html = page.content.decode()
    assert offered == [QUESTION_BANK_ES[q.text_en] for q in work]
    for question in work:
        assert escape(QUESTION_BANK_ES[question.text_en]) in html
        assert escape(question.text_en) not in html
    reading_in(interview.student, "en")
    english = client.get(page_url(interview), {"topic": "work"}).content.decode()
    assert escape(work[0].text_en) in english
    assert escape(QUESTION_BANK_ES[work[0].text_en]) not in english


def test_a_question_with_no_spanish_yet_is_offered_in_english(client, interview):
    starter = bank("skills")[0]
    added = BankQuestion.objects.create(
        topic="skills", text_en="Which habit has served you best?", position=1
    )
    assert added.text_es is None

    reading_in(interview.student, "es")
    page = client.get(page_url(interview), {"topic": "skills"})

    html = page.content.decode()
    assert "Which habit has served you best?" in html
    assert escape(QUESTION_BANK_ES[starter.text_en]) in html


def test_a_question_picked_in_spanish_is_kept_in_spanish(client, interview):
    first, second = bank("lifestyle")[:2]
    untranslated = BankQuestion.objects.create(
        topic="lifestyle", text_en="Which season is your busiest?", position=1
    )

    reading_in(interview.student, "es")
    response = client.post(
        page_url(interview, "questions/from-bank/"),
        {"bank-topic": "lifestyle", "bank-bank_questions": [untranslated.pk, first.pk]},
    )
    assert response.status_code == 302
    expected = ["Which season is your busiest?", QUESTION_BANK_ES[first.text_en]]
    assert texts(interview) == expected

    # The copy is the student's: in English the list still shows what they chose.
    reading_in(interview.student, "en")
    html = client.get(page_url(interview), {"topic": "lifestyle"}).content.decode()
    assert escape(QUESTION_BANK_ES[first.text_en]) in html
    # Picked again in English, a question already in the list is not added twice.
    my_questions_add_from_bank(interview=interview, bank_question_ids=[first.pk, second.pk])
    assert texts(interview) == [*expected, second.text_en]


def test_in_spanish_the_page_makes_as_many_queries_as_in_english(
    client, interview, django_assert_max_num_queries
):
    bank("work")
    url = page_url(interview) + "?topic=work"
    client.get(url)  # the notebook exists from here on
    with django_assert_max_num_queries(12) as english:
        assert client.get(url).status_code == 200
    reading_in(interview.student, "es")
    with django_assert_max_num_queries(12) as spanish:
        assert client.get(url).status_code == 200
    assert len(spanish) == len(english)
