"""Where the Prepare step shows outside its own page: the day-before email lists the
questions as they are when it is sent, the dashboard's "Prepare" task counts what is
left, and the interview page links to the notebook."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from interviews import reminders
from notebook.services.prep import (
    my_question_add,
    my_question_move,
    notebook_checklist_update,
)
from notifications.models import Notification
from notifications.services import notification_claim_due, notification_send
from tests.factories import ContactFactory, InterviewFactory
from tests.outbox import rendered

from .prep_helpers import add_questions

pytestmark = pytest.mark.django_db


def prep_row(interview) -> Notification:
    return Notification.objects.get(subject_key=interview.subject_key, kind=reminders.PREP)


def test_the_prep_email_lists_the_questions_as_they_are_when_it_is_sent():
    interview = InterviewFactory(scheduled=True)
    reminders.reminders_schedule(interview)
    empty = rendered(prep_row(interview))
    assert "Your question list is still empty." in empty.body_text

    first, second = add_questions(interview, 2)
    my_question_move(question=second, direction="up")
    my_question_add(interview=interview, text="What would you <b>not</b> do again?")

    email = rendered(prep_row(interview))
    assert (
        "Your questions, in your order:\n"
        f"1. {second.text}\n"
        f"2. {first.text}\n"
        "3. What would you <b>not</b> do again?"
    ) in email.body_text
    assert f"1. {second.text}<br>2. {first.text}<br>" in email.body_html
    assert "What would you &lt;b&gt;not&lt;/b&gt; do again?" in email.body_html
    assert f"/interviews/{interview.pk}/notebook/" in email.body_text


def test_the_prep_email_sent_on_time_carries_the_questions():
    interview = InterviewFactory(scheduled=True)
    reminders.reminders_schedule(interview)
    add_questions(interview, 1)
    row = prep_row(interview)
    with time_machine.travel(row.due_at + datetime.timedelta(minutes=1), tick=False):
        assert row.pk in notification_claim_due(now=timezone.now())
        notification_send(notification_id=row.pk)
    [sent] = [m for m in mail.outbox if m.subject.startswith("Prepare")]
    assert "1. Question 1: how did that come about?" in sent.body


def _upcoming(days: float = 3):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    interview = InterviewFactory(scheduled=True, starts_at=start, format="in_person")
    ContactFactory(student=interview.student)
    return interview


def test_the_dashboards_prepare_task_counts_what_is_left_and_links_to_the_notebook(client):
    interview = _upcoming()
    client.force_login(interview.student)

    [task] = client.get("/").context["tasks"]
    assert task.kind == "prepare"
    assert task.url == f"/interviews/{interview.pk}/notebook/"
    assert task.detail == "7 of 7 checklist items left."

    add_questions(interview, 5)
    notebook_checklist_update(interview=interview, research_done=True, resume_copies=True)
    [task] = client.get("/").context["tasks"]
    assert task.detail == "4 of 7 checklist items left."
    page = client.get("/").content.decode()
    assert "4 of 7 checklist items left." in page
    assert f'href="/interviews/{interview.pk}/notebook/"' in page

    interview.confirmed_at = timezone.now()
    interview.save(update_fields=["confirmed_at"])
    with time_machine.travel(interview.starts_at - datetime.timedelta(hours=3), tick=False):
        step = client.get("/").context["next_step"]
        assert step.title.startswith("Prepare for your conversation")
        assert step.url == f"/interviews/{interview.pk}/notebook/"


def test_the_student_dashboard_query_count_does_not_grow_with_conversations(
    client, django_assert_max_num_queries
):
    interview = _upcoming()
    student = interview.student
    add_questions(interview, 3)
    client.force_login(student)
    client.get("/")
    with django_assert_max_num_queries(40) as small:
        client.get("/")
    for days in (4, 5, 6):
        other = InterviewFactory(
            scheduled=True,
            student=student,
            starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=days),
        )
        add_questions(other, 6)
    with django_assert_max_num_queries(40) as large:
        response = client.get("/")
    assert len(response.context["tasks"]) == 4
    assert len(large) == len(small)


def test_the_interview_page_links_the_student_to_the_notebook_and_the_guide(client):
    interview = _upcoming()
    add_questions(interview, 5)
    client.force_login(interview.student)

    page = client.get(f"/interviews/{interview.pk}/").content.decode()

    assert "5 questions, 1 of 7 checklist items done." in page
    assert f'<a href="/interviews/{interview.pk}/notebook/">Open your notebook</a>' in page
    assert f'href="/interviews/{interview.pk}/notebook/sheet/"' in page
    for part in ("research", "questions", "etiquette"):
        assert f'href="/guide/#{part}"' in page
    client.force_login(interview.mentor.user)
    assert "Open your notebook" not in client.get(f"/interviews/{interview.pk}/").content.decode()


def test_the_guide_has_the_parts_the_notebook_links_to(client):
    page = client.get("/guide/").content.decode()
    for part in ("research", "questions", "etiquette"):
        assert f'id="{part}"' in page
