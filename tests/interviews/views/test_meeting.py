"""Confirming, cancelling, a no-show, the thank-you, feedback, the confirm link."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from interviews.models import Interview
from interviews.services import interview_accept
from tests.factories import InterviewFactory, StudentProfileFactory

from ..conftest import window
from .conftest import (
    _requested,
    completed_interview,
    local_day,
    messages_of,
    new_york_student,
)

Status = Interview.Status
pytestmark = pytest.mark.django_db


def test_the_student_confirms_asks_to_move_and_cancels(client):
    interview = InterviewFactory(scheduled=True, student=new_york_student())
    agreed = interview.starts_at
    client.force_login(interview.student)
    url = f"/interviews/{interview.pk}/"
    assert client.post(url + "confirm/").status_code == 302
    interview.refresh_from_db()
    assert interview.confirmed_at is not None

    # Moving the time directly is the mentor's: the student is told to ask instead.
    p = f"reschedule-{interview.pk}-"
    response = client.post(
        url + "reschedule/",
        {p + "date": local_day(8).isoformat(), p + "start_time": "11:00", p + "reason": "Exam"},
    )
    assert response.status_code == 302
    assert "Ask them to move it" in str(list(get_messages(response.wsgi_request))[-1])
    page = client.get(url)
    assert "Ask to move the time" in page.content.decode()
    assert 'name="reschedule-' not in page.content.decode()

    p = f"ask_reschedule-{interview.pk}-"
    response = client.post(
        url + "ask_reschedule/",
        {
            p + "reason": "An exam moved.",
            p + "window_1_date": local_day(8).isoformat(),
            p + "window_1_from": "11:00",
            p + "window_1_to": "13:00",
        },
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.starts_at == agreed  # still as agreed until the mentor answers
    assert interview.sequence == 0
    page = client.get(url).content.decode()
    assert "You asked to move the time" in page
    assert "An exam moved." in page

    response = client.post(url + "cancel/", {f"cancel-{interview.pk}-reason": "I am ill."})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.CANCELLED
    assert interview.reschedule_asks.get().status == "closed"
    ics = client.get(url + "invite.ics")
    calendar = Calendar.from_ical(ics.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_a_cancel_without_a_reason_stays_on_the_page_with_the_field_marked(client):
    interview = InterviewFactory(scheduled=True)
    client.force_login(interview.mentor.user)
    page = client.post(f"/interviews/{interview.pk}/cancel/", {})
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "cancel"]
    assert action["form"].errors["reason"]


def test_a_no_show_can_be_reported_after_the_start(client):
    start = timezone.now() - datetime.timedelta(hours=2)
    interview = InterviewFactory(scheduled=True, starts_at=start)
    client.force_login(interview.mentor.user)
    page = client.get(f"/interviews/{interview.pk}/")
    assert [a["name"] for a in page.context["actions"]] == ["no_show"]
    # One click is not enough: the box must be ticked.
    page = client.post(f"/interviews/{interview.pk}/no_show/")
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "no_show"]
    assert "Tick the box" in " ".join(action["form"].errors["did_not_take_place"])
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED
    client.post(
        f"/interviews/{interview.pk}/no_show/",
        {f"no_show-{interview.pk}-did_not_take_place": "on"},
    )
    interview.refresh_from_db()
    assert interview.status == Status.NO_SHOW


def test_no_show_is_gone_once_the_student_thanked_and_the_next_step_moves_on(client):
    interview = completed_interview()
    client.force_login(interview.student)
    page = client.get(interview.get_absolute_url())
    assert "no_show" in [a["name"] for a in page.context["actions"]]
    assert b"Send a thank-you letter today" in page.content
    client.post(
        reverse("interviews:act", args=[interview.pk, "thank_you"]),
        {f"thank_you-{interview.pk}-method": "email"},
    )
    page = client.get(interview.get_absolute_url())
    assert "no_show" not in [a["name"] for a in page.context["actions"]]
    assert b"Send a thank-you letter today" not in page.content
    assert b"your thank-you is sent" in page.content
    # A form kept open in another tab: the service refuses, with the reason.
    response = client.post(
        reverse("interviews:act", args=[interview.pk, "no_show"]),
        {f"no_show-{interview.pk}-did_not_take_place": "on"},
    )
    assert any("thank-you as sent" in m for m in messages_of(response))
    interview.refresh_from_db()
    assert interview.status == Status.COMPLETED


def test_no_show_is_gone_for_a_mentor_who_gave_feedback(client):
    interview = completed_interview()
    client.force_login(interview.mentor.user)
    client.post(
        reverse("interviews:act", args=[interview.pk, "feedback"]),
        {f"feedback-{interview.pk}-rating": "3"},
    )
    page = client.get(interview.get_absolute_url())
    assert [a["name"] for a in page.context["actions"]] == []


def test_after_the_conversation_the_student_marks_the_thank_you_sent(client):
    interview = completed_interview()
    client.force_login(interview.student)
    home = client.get("/")
    assert f"Send {interview.mentor.display_name} a thank-you" in home.content.decode()
    page = client.get(interview.get_absolute_url())
    assert b"Mark the thank-you as sent" in page.content
    response = client.post(
        reverse("interviews:act", args=[interview.pk, "thank_you"]),
        {f"thank_you-{interview.pk}-method": "letter"},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.thank_you_method == "letter"
    page = client.get(interview.get_absolute_url())
    assert b"Sent by letter" in page.content
    assert b"Mark the thank-you as sent" not in page.content
    assert "a thank-you" not in client.get("/").content.decode()


def test_a_thank_you_without_a_method_keeps_the_page_and_says_what_to_fix(client):
    interview = completed_interview()
    client.force_login(interview.student)
    response = client.post(reverse("interviews:act", args=[interview.pk, "thank_you"]), {})
    assert response.status_code == 400
    assert b"This field is required" in response.content
    interview.refresh_from_db()
    assert interview.thank_you_sent_at is None


def test_both_sides_may_share_feedback_once(client):
    interview = completed_interview()
    for person in (interview.student, interview.mentor.user):
        client.force_login(person)
        url = reverse("interviews:act", args=[interview.pk, "feedback"])
        prefix = f"feedback-{interview.pk}"
        response = client.post(url, {f"{prefix}-rating": "4", f"{prefix}-comment": "Helpful"})
        assert response.status_code == 302
        page = client.get(interview.get_absolute_url()).content.decode()
        assert "Share feedback" not in page
        assert "Your feedback" in page and "Helpful" in page  # shown back to its author
    assert interview.feedback.count() == 2


def test_feedback_is_shown_to_its_author_only(client):
    interview = completed_interview()
    interview.feedback.create(author=interview.student, rating=5, comment="Eye-opening talk")
    client.force_login(interview.mentor.user)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Eye-opening talk" not in page
    assert "Your feedback" not in page


def test_a_stranger_cannot_give_feedback(client):
    interview = completed_interview()
    client.force_login(StudentProfileFactory().user)
    url = reverse("interviews:act", args=[interview.pk, "feedback"])
    assert client.post(url, {f"feedback-{interview.pk}-rating": "4"}).status_code == 404


def _scheduled_by_service(*, details: str = "https://video.example.com/a"):
    interview, proposal = _requested()
    interview.formats = ["video"]
    interview.save(update_fields=["formats"])
    return interview_accept(
        interview=interview,
        by=interview.mentor.user,
        format="video",
        meeting_details=details,
        proposal_id=proposal.pk,
    )


def test_a_confirm_link_of_a_cancelled_conversation_says_it_was_cancelled(client):
    from interviews.reminders import confirm_url
    from interviews.services import interview_cancel

    interview = _scheduled_by_service()
    link = confirm_url(interview).removeprefix("http://127.0.0.1:8000")
    interview_cancel(interview=interview, by=interview.mentor.user, reason="I am ill.")
    page = client.get(link)
    html = page.content.decode()
    assert "This conversation was cancelled, so there is nothing to confirm." in html
    assert "Yes, I will be there" not in html
    posted = client.post(link)
    assert posted.status_code == 409
    assert "was cancelled" in posted.content.decode()
    assert "time of this conversation changed" not in posted.content.decode()


def test_the_interview_page_says_the_meeting_details_are_awaited(client):
    interview, _ = _requested()
    interview.formats = ["video"]
    interview.save(update_fields=["formats"])
    interview = interview_accept(
        interview=interview, by=interview.mentor.user, format="video", windows=[window(6, 15)]
    )
    mentor_time = interview.proposals.get(proposed_by="mentor", withdrawn=False)
    client.force_login(interview.student)
    response = client.post(
        f"/interviews/{interview.pk}/choose_time/",
        {f"choose-{interview.pk}-proposal": str(mentor_time.pk)},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == Status.SCHEDULED
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Waiting for the mentor's meeting details." in page
    client.force_login(interview.mentor.user)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Add the meeting details below, so the student knows how to meet you." in page
