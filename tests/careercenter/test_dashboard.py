"""What `/` shows each role once signed in."""

import pytest

from careercenter import views
from interviews.services import interview_reschedule_ask
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

pytestmark = pytest.mark.django_db


def current_step(response):
    return response.context["next_step"].title


def test_signed_out_visitors_see_the_landing_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "landing.html"


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
        return views.InterviewPanels(
            upcoming_interviews=[views.DashboardItem(label="With Jane Doe", url="/x/")],
            tasks=[views.DashboardItem(label="Confirm with Jane Doe", kind="confirm")],
            has_researched=True,
        )

    monkeypatch.setattr(views, "_interview_panels", panels)
    profile = StudentProfileFactory()
    ContactFactory.create_batch(3, student=profile.user)
    client.force_login(profile.user)

    response = client.get("/")

    html = response.content.decode()
    assert '<a href="/x/">With Jane Doe</a>' in html
    assert "Confirm with Jane Doe" in html
    assert current_step(response) == "Find a Career Mentor"


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
