"""Résumé feedback: the mentor's, after the conversation, on a résumé the student
attached; the student sees it on the interview page and is emailed once."""

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from notebook.models import ResumeFeedback
from notebook.services.resume import resume_feedback_save
from notifications.models import Notification
from tests.auth import login_with_second_factor
from tests.factories import StaffUserFactory
from tests.outbox import rendered

from .followup import a_student, conversation, held_conversation, upcoming_conversation

pytestmark = pytest.mark.django_db


def feedback_url(interview) -> str:
    return reverse("notebook:resume_feedback", args=[interview.pk])


def test_the_mentor_leaves_feedback_once_emailed_and_edits_without_another_email():
    held = held_conversation(resume_attached=True)
    _feedback, created = resume_feedback_save(
        interview=held, by=held.mentor.user, text="Lead with your projects."
    )
    assert created
    row = Notification.objects.get(kind="notebook.resume_feedback")
    assert row.recipient == held.student
    _feedback, created = resume_feedback_save(
        interview=held, by=held.mentor.user, text="Lead with your projects. Cut the hobbies."
    )
    assert not created
    assert Notification.objects.filter(kind="notebook.resume_feedback").count() == 1
    email = rendered(row)
    assert email.subject == "Grace Hopper left feedback on your résumé"
    assert "Lead with your projects. Cut the hobbies." in email.body_text  # as it is when sent
    assert f"/interviews/{held.pk}/" in email.body_text


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: held_conversation(resume_attached=False), "did not attach a résumé"),
        (lambda: upcoming_conversation(resume_attached=True), "once the conversation has ended"),
        (lambda: conversation(hours_from_now=-0.1, resume_attached=True), "has ended"),
    ],
)
def test_feedback_is_refused_without_a_resume_or_before_the_end(build, message):
    interview = build()
    with pytest.raises(ApplicationError, match=message):
        resume_feedback_save(interview=interview, by=interview.mentor.user, text="Good")
    assert not ResumeFeedback.objects.exists()


def test_the_student_cannot_leave_feedback_on_their_own_resume():
    held = held_conversation(resume_attached=True)
    with pytest.raises(ApplicationError, match="Only the mentor"):
        resume_feedback_save(interview=held, by=held.student, text="I am great")


def test_the_mentor_reaches_the_form_from_the_interview_page_and_the_student_reads_it(client):
    held = held_conversation(resume_attached=True)
    client.force_login(held.mentor.user)
    page = client.get(held.get_absolute_url()).content.decode()
    assert feedback_url(held) in page
    response = client.post(feedback_url(held), {"text": ""})
    assert response.status_code == 400
    assert "Write your feedback first." in response.content.decode()
    response = client.post(feedback_url(held), {"text": "Lead with your projects."})
    assert response.status_code == 302
    client.force_login(held.student)
    page = client.get(held.get_absolute_url()).content.decode()
    assert "Feedback on your résumé" in page
    assert "Lead with your projects." in page


def test_only_the_mentor_of_the_interview_reaches_the_form(client):
    held = held_conversation(resume_attached=True)
    other_mentor_interview = held_conversation(resume_attached=True)
    assert client.get(feedback_url(held)).status_code == 302  # to sign in
    for person in (held.student, a_student(), other_mentor_interview.mentor.user):
        client.force_login(person)
        assert client.get(feedback_url(held)).status_code == 404
        assert client.post(feedback_url(held), {"text": "Hi"}).status_code == 404
    login_with_second_factor(client, StaffUserFactory())
    assert client.get(feedback_url(held)).status_code == 404
    assert not ResumeFeedback.objects.exists()


def test_before_the_end_the_form_says_why_and_refuses_a_post(client):
    upcoming = upcoming_conversation(resume_attached=True)
    client.force_login(upcoming.mentor.user)
    page = client.get(feedback_url(upcoming)).content.decode()
    assert "once the conversation has ended" in page
    assert "<textarea" not in page
    assert client.post(feedback_url(upcoming), {"text": "Early"}).status_code == 403
    assert feedback_url(upcoming) not in client.get(upcoming.get_absolute_url()).content.decode()


def test_the_interview_page_sections_stay_cheap(client, django_assert_max_num_queries):
    held = held_conversation(resume_attached=True)
    resume_feedback_save(interview=held, by=held.mentor.user, text="Fine")
    for person in (held.student, held.mentor.user):
        client.force_login(person)
        client.get(held.get_absolute_url())
        with django_assert_max_num_queries(20):
            assert client.get(held.get_absolute_url()).status_code == 200
