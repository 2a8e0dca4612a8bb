"""A student's notebooks in "Download my data" (every part of them) and after "Delete my
account" (gone, while the interview row stays for the mentor)."""

import json

import pytest

from home.privacy import account_data_export, account_delete
from interviews.models import Interview
from notebook.models import (
    ConversationNote,
    MyQuestion,
    Notebook,
    Referral,
    ResumeFeedback,
    ThankYouLetter,
)
from notebook.services.prep import my_question_add, notebook_research_update
from tests.db_text import database_mentions
from tests.factories import InterviewFactory

pytestmark = pytest.mark.django_db


def _full_notebook(interview) -> Notebook:
    notebook_research_update(
        interview=interview,
        research_field="Quasar field notes",
        research_organization="Quasar organization notes",
        research_person="Quasar person notes",
    )
    my_question_add(interview=interview, text="Quasar question one?")
    my_question_add(interview=interview, text="Quasar question two?")
    notebook = Notebook.objects.get(pk=interview.pk)
    ConversationNote.objects.create(notebook=notebook, kind="term", text="Quasar term")
    Referral.objects.create(notebook=notebook, name="Quasar Person", may_cite=True)
    ThankYouLetter.objects.create(notebook=notebook, subject="Quasar thanks", body="Quasar body")
    ResumeFeedback.objects.create(interview=interview, text="Quasar résumé feedback")
    return notebook


def _export(user) -> dict:
    return json.loads(json.dumps(account_data_export(user=user)))


def test_download_my_data_holds_every_part_of_every_notebook():
    interview = InterviewFactory(status="completed")
    _full_notebook(interview)

    data = _export(interview.student)

    [notebook] = data["notebooks"]
    assert notebook["interview"] == interview.pk
    assert notebook["mentor_name"] == interview.mentor.display_name
    assert (notebook["research_field"], notebook["research_person"]) == (
        "Quasar field notes",
        "Quasar person notes",
    )
    assert [q["text"] for q in notebook["questions"]] == [
        "Quasar question one?",
        "Quasar question two?",
    ]
    assert [(n["kind"], n["text"]) for n in notebook["notes"]] == [("term", "Quasar term")]
    assert [(r["name"], r["may_cite"]) for r in notebook["referrals"]] == [("Quasar Person", True)]
    assert notebook["thank_you_letter"]["body"] == "Quasar body"
    assert notebook["resume_feedback"]["text"] == "Quasar résumé feedback"
    # The mentor's export has the feedback they gave, and none of the student's notebook.
    mentor_data = _export(interview.mentor.user)
    assert mentor_data["notebooks"] == []
    assert [f["text"] for f in mentor_data["resume_feedback_given"]] == ["Quasar résumé feedback"]


def test_the_export_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    from notebook.exports import notebook_data_export

    first = InterviewFactory(status="completed")
    _full_notebook(first)
    with django_assert_max_num_queries(10) as small:
        notebook_data_export(user=first.student)
    for _ in range(3):
        _full_notebook(InterviewFactory(status="completed", student=first.student))
    with django_assert_max_num_queries(10) as large:
        assert len(notebook_data_export(user=first.student)["notebooks"]) == 4
    assert len(small) == len(large)


def test_delete_my_account_removes_the_notebooks_and_keeps_the_interview():
    interview = InterviewFactory(status="completed")
    _full_notebook(interview)
    assert database_mentions(["Quasar"])

    account_delete(user=interview.student)

    assert Interview.objects.filter(pk=interview.pk).exists()
    for model in (Notebook, MyQuestion, ConversationNote, Referral, ThankYouLetter):
        assert not model.objects.exists(), model
    assert not ResumeFeedback.objects.exists()
    assert database_mentions(["Quasar"]) == []


def test_no_question_survives_in_the_prep_email_once_the_account_is_deleted():
    import datetime

    import time_machine
    from django.utils import timezone

    from interviews import reminders
    from notifications.models import Notification
    from notifications.services import notification_claim_due, notification_send

    interview = InterviewFactory(scheduled=True)
    reminders.reminders_schedule(interview)
    my_question_add(interview=interview, text="Quasar question, sent by email?")
    row = Notification.objects.get(subject_key=interview.subject_key, kind=reminders.PREP)
    with time_machine.travel(row.due_at + datetime.timedelta(minutes=1), tick=False):
        notification_claim_due(now=timezone.now())
        notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert "Quasar question" in row.body_text  # what went out is logged...

    account_delete(user=interview.student)

    assert database_mentions(["Quasar"]) == []  # ...until the account is deleted
