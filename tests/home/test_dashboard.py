"""What `/` shows each role once signed in."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.dashboard import DashboardItem, NextStep
from home import views
from interviews import panels as interview_panels
from interviews.models import Feedback
from interviews.services import interview_reschedule_ask, interviews_complete_due
from tests.auth import login_with_second_factor
from tests.factories import (
    ContactFactory,
    InterviewFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentProfileFactory,
    StudentUserFactory,
)
from tests.interviews.conftest import window
from tests.notebook.conftest import held

pytestmark = pytest.mark.django_db


def current_step(response):
    return response.context["next_step"].title


def test_signed_out_visitors_see_the_landing_page(client):
    for _ in range(2):  # rendered, then kept (core.kept.kept_page)
        response = client.get("/")
        assert response.status_code == 200
        assert "Learn about a career from the people who do the work" in response.text
        assert "Sign up with your university email" in response.text


def test_new_student_is_prompted_to_complete_the_profile(client):
    user = StudentUserFactory(first_name="Ada")
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Welcome, Ada" in html
    assert current_step(response) == "Complete your profile"
    assert 'href="/students/profile/"' in html
    assert "Still needed before you start" in html
    assert response.context["completeness"].percent == 0


def test_onboarded_student_is_sent_to_brainstorm_contacts(client):
    profile = StudentProfileFactory()
    client.force_login(profile.user)

    response = client.get("/")

    assert current_step(response) == "Brainstorm the people you know"
    # It says what it asks for, and how far the student is.
    assert "(you have 0 of 3)" in response.context["next_step"].description
    steps = response.context["next_steps"]
    assert [s.done for s in steps] == [True, False, False, False, False]
    # Complete, but a LinkedIn address and a résumé are still worth adding.
    assert response.context["completeness"].percent == 71
    assert "a résumé (PDF)" in response.content.decode()


def test_with_three_contacts_the_next_step_is_research(client):
    profile = StudentProfileFactory()
    ContactFactory.create_batch(3, student=profile.user)
    client.force_login(profile.user)

    response = client.get("/")

    assert current_step(response) == "Research a field"
    assert "3 people on your list" in response.content.decode()


def test_the_order_of_steps_follows_the_practice(client):
    client.force_login(StudentProfileFactory().user)
    titles = [str(s.title) for s in client.get("/").context["next_steps"]]
    assert titles == [
        "Complete your profile",
        "Brainstorm the people you know",
        "Research a field",
        "Find a Career Mentor",
        "Ask for a conversation",
    ]


def test_interview_slots_are_empty_lists_until_the_interviews_app_fills_them(client):
    client.force_login(StudentProfileFactory().user)
    response = client.get("/")
    for key in ("upcoming_interviews", "pending_requests", "tasks"):
        assert response.context[key] == []
    html = response.content.decode()
    assert "No interviews scheduled yet." in html
    assert "Nothing to do right now." in html


def test_the_hook_fills_the_slots(client, monkeypatch):
    def panels(user):
        return interview_panels.InterviewPanels(
            upcoming_interviews=[DashboardItem(label="With Jane Doe", url="/x/")],
            tasks=[DashboardItem(label="Confirm with Jane Doe", kind="confirm")],
            has_researched=True,
            urgent=[
                (
                    interview_panels.REQUEST,
                    NextStep(title="Pick a time", description="", url="/r/", action=""),
                ),
                (
                    interview_panels.CONFIRM,
                    NextStep(title="Confirm", description="", url="/c/", action=""),
                ),
            ],
        )

    monkeypatch.setattr(views, "interview_panels_for_student", panels)
    profile = StudentProfileFactory()
    ContactFactory.create_batch(3, student=profile.user)
    client.force_login(profile.user)

    response = client.get("/")

    html = response.content.decode()
    assert '<a href="/x/">With Jane Doe</a>' in html
    assert "Confirm with Jane Doe" in html
    # The most urgent thing comes before the next step of the practice.
    assert current_step(response) == "Confirm"
    assert [s.current for s in response.context["next_steps"]] == [False, False, False, True, False]


def test_mentor_sees_a_short_page(client):
    client.force_login(MentorUserFactory(first_name="Morgan"))
    response = client.get("/")
    assert response.status_code == 200
    assert "Welcome, Morgan" in response.content.decode()
    assert response.templates[0].name == "dashboards/mentor.html"


def test_staff_see_links_to_the_admin(client):
    login_with_second_factor(client, StaffUserFactory(is_superuser=True))
    response = client.get("/")
    html = response.content.decode()
    assert 'href="/admin/"' in html
    assert 'href="/admin/students/studentprofile/"' in html


def test_staff_without_permissions_see_only_the_admin_home(client):
    login_with_second_factor(client, StaffUserFactory(staff_group=False))
    links = client.get("/").context["admin_links"]
    assert [link["url"] for link in links] == ["/admin/"]


def test_dashboard_links_to_your_data(client):
    client.force_login(StudentUserFactory())
    html = client.get("/").content.decode()
    assert 'href="/account/data/"' in html
    assert 'href="/account/delete/"' in html


def test_a_student_who_asked_to_move_a_conversation_sees_it_is_waiting_for_the_mentor(client):
    interview = InterviewFactory(scheduled=True)
    interview_reschedule_ask(
        interview=interview, by=interview.student, reason="An exam moved.", windows=[window(8)]
    )
    client.force_login(interview.student)

    items = client.get("/").context["upcoming_interviews"]

    assert [item.detail for item in items] == [
        "Video · You asked to move it; waiting for the mentor."
    ]


def _journey_interview(starts_in: datetime.timedelta, **kwargs):
    """A scheduled conversation of a student who already has one contact on their list."""
    start = timezone.now().replace(microsecond=0) + starts_in
    interview = InterviewFactory(scheduled=True, starts_at=start, **kwargs)
    ContactFactory(student=interview.student)
    return interview


def test_the_next_step_follows_the_journey_not_the_brainstorm(client):
    interview = _journey_interview(datetime.timedelta(days=4))
    mentor = interview.mentor.display_name
    client.force_login(interview.student)
    # Nothing due yet: the request is done, so growing the list says how far it is.
    response = client.get("/")
    assert current_step(response) == "Brainstorm the people you know"
    assert "(you have 1 of 3)" in response.context["next_step"].description

    with time_machine.travel(interview.starts_at - datetime.timedelta(hours=40), tick=False):
        step = client.get("/").context["next_step"]
        assert step.title == f"Confirm your conversation with {mentor}"
        assert step.url == interview.get_absolute_url()
    interview.confirmed_at = interview.starts_at - datetime.timedelta(hours=40)
    interview.save(update_fields=["confirmed_at"])
    with time_machine.travel(interview.starts_at - datetime.timedelta(hours=3), tick=False):
        assert current_step(client.get("/")) == f"Prepare for your conversation with {mentor}"
    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=10), tick=False):
        response = client.get("/")
        assert current_step(response) == f"Your conversation with {mentor} is under way"
        # Nothing left to confirm or prepare once it has started; it shows as in progress.
        assert response.context["tasks"] == []
        [item] = response.context["upcoming_interviews"]
        assert "In progress now" in item.detail
        page = client.get(interview.get_absolute_url()).content.decode()
        assert "The conversation is in progress, until" in page
        assert "Prepare your questions" not in page
    after = interview.ends_at + datetime.timedelta(minutes=40)
    with time_machine.travel(after, tick=False):
        interviews_complete_due(now=timezone.now())
        assert current_step(client.get("/")) == f"Send {mentor} a thank-you"
        interview.refresh_from_db()
        interview.thank_you_sent_at = timezone.now()
        interview.save(update_fields=["thank_you_sent_at"])
        assert current_step(client.get("/")) == (
            f"Tell us how your conversation with {mentor} went"
        )
        Feedback.objects.create(interview=interview, author=interview.student, rating=4)
        assert current_step(client.get("/")) == "Brainstorm the people you know"


def test_the_mentor_is_prompted_for_details_and_then_for_feedback(client):
    interview = _journey_interview(datetime.timedelta(days=2), meeting_details="")
    student = str(interview.student)
    client.force_login(interview.mentor.user)
    step = client.get("/").context["next_step"]
    assert step.title == f"Say how to meet {student}"
    interview.meeting_details = "https://video.example.com/r"
    interview.save(update_fields=["meeting_details"])
    assert client.get("/").context["next_step"] is None
    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=5), tick=False):
        response = client.get("/")
        assert current_step(response) == f"Your conversation with {student} is under way"
        assert "In progress" in response.content.decode()
    with time_machine.travel(interview.ends_at + datetime.timedelta(days=1), tick=False):
        interviews_complete_due(now=timezone.now())
        response = client.get("/")
        assert current_step(response) == f"Tell us how your conversation with {student} went"
        assert "Share feedback" in response.content.decode()


def test_the_mentor_sees_how_long_ago_each_request_was_made_in_words(client):
    fresh = InterviewFactory(status="requested")
    older = InterviewFactory(mentor=fresh.mentor, status="requested")
    type(older).objects.filter(pk=older.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=3)
    )
    client.force_login(fresh.mentor.user)

    page = client.get("/").content.decode()

    assert "asked 0 minutes ago" not in page
    assert "asked now" in page or "seconds ago" in page
    assert "asked 3\xa0hours ago" in page or "asked 3 hours ago" in page


def test_the_dashboard_asks_to_confirm_when_the_confirmation_reminder_does(client, settings):
    """The dashboard's windows are the reminders' settings, not numbers of its own."""
    settings.REMINDER_CONFIRM_HOURS_BEFORE = 72
    settings.REMINDER_PREP_HOURS_BEFORE = 30
    interview = _journey_interview(datetime.timedelta(days=4))
    mentor = interview.mentor.display_name
    client.force_login(interview.student)

    with time_machine.travel(interview.starts_at - datetime.timedelta(hours=60), tick=False):
        response = client.get("/")
        assert current_step(response) == f"Confirm your conversation with {mentor}"
        assert [t.kind for t in response.context["tasks"]] == ["confirm"]

    settings.REMINDER_CONFIRM_HOURS_BEFORE = 12
    with time_machine.travel(interview.starts_at - datetime.timedelta(hours=28), tick=False):
        response = client.get("/")
        assert current_step(response) == f"Prepare for your conversation with {mentor}"
        assert [t.kind for t in response.context["tasks"]] == ["prepare"]


def _thanked(interview):
    interview.thank_you_sent_at = timezone.now()
    interview.save(update_fields=["thank_you_sent_at"])
    return interview


def test_each_kind_of_conversation_lands_in_its_own_list(settings):
    from interviews.selectors import interview_dashboard_for_student

    settings.REMINDER_THANK_YOU_CUTOFF_DAYS = 14
    student = StudentProfileFactory().user
    soon = InterviewFactory(student=student, scheduled=True)
    later = InterviewFactory(
        student=student, scheduled=True, starts_at=soon.starts_at + datetime.timedelta(days=1)
    )
    asked = InterviewFactory(student=student)
    to_thank = held(student, days_ago=2, status="scheduled")  # not yet marked completed
    to_rate = _thanked(held(student, days_ago=3))
    both = held(student, days_ago=1)
    # Decoys: too long ago, feedback given, cancelled, and another student's.
    held(student, days_ago=20)
    rated = _thanked(held(student, days_ago=4))
    Feedback.objects.create(interview=rated, author=student, rating=5)
    InterviewFactory(student=student, status="cancelled")
    InterviewFactory(scheduled=True)

    lists = interview_dashboard_for_student(user=student, now=timezone.now())

    assert lists.upcoming == [soon, later]
    assert lists.waiting == [asked]
    assert lists.thanks_due == [both, to_thank]
    assert lists.feedback_due == [both, to_rate]


def test_the_student_dashboard_reads_conversations_in_the_same_queries_however_many(client):
    student = StudentProfileFactory().user
    client.force_login(student)
    InterviewFactory(student=student, scheduled=True)
    InterviewFactory(student=student)
    held(student, days_ago=2)

    def conversation_queries() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        # Those that read conversations (the suggestions' ranking only names them).
        return [
            q["sql"][:60]
            for q in queries
            if re.match(r'SELECT .*? FROM "interviews_\w+"', q["sql"].split(" WHERE ")[0])
        ]

    few = conversation_queries()
    first = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    for n in range(3):
        InterviewFactory(
            student=student, scheduled=True, starts_at=first + datetime.timedelta(days=n)
        )
        InterviewFactory(student=student)
        held(student, days_ago=3 + n)

    assert conversation_queries() == few
    assert len(few) == 4  # the lists, their proposed times, the asks to move, any at all
