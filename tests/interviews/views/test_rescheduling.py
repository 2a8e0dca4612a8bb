"""Asking to move a conversation, and the mentor's answers."""

import pytest

from tests.factories import InterviewFactory

from .conftest import local_day, new_york_student

pytestmark = pytest.mark.django_db


def _ask_post(interview, **overrides) -> dict:
    p = f"ask_reschedule-{interview.pk}-"
    data = {
        "reason": "An exam moved.",
        "window_1_date": local_day(8).isoformat(),
        "window_1_from": "11:00",
        "window_1_to": "13:00",
        "window_2_date": local_day(9).isoformat(),
        "window_2_from": "09:00",
        "window_2_to": "10:00",
    }
    data.update(overrides)
    return {p + key: value for key, value in data.items()}


def test_a_bad_ask_keeps_what_was_typed_and_says_why_next_to_the_field(client):
    interview = InterviewFactory(scheduled=True, student=new_york_student())
    client.force_login(interview.student)
    url = f"/interviews/{interview.pk}/ask_reschedule/"

    page = client.post(url, _ask_post(interview, reason="", window_2_to="09:10"))
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "ask_reschedule"]
    assert action["form"].errors["reason"]
    assert "at least as long" in action["form"].errors["window_2_to"][0]
    html = page.content.decode()
    assert f'value="{local_day(8).isoformat()}"' in html  # what was typed stays
    assert 'value="09:10"' in html
    assert not interview.reschedule_asks.exists()

    page = client.post(
        url, _ask_post(interview, window_1_date="", window_1_from="", window_1_to="",
                       window_2_date="", window_2_from="", window_2_to="")
    )  # fmt: skip
    assert page.status_code == 400
    [action] = [a for a in page.context["actions"] if a["name"] == "ask_reschedule"]
    assert "Propose one to three times" in action["form"].errors["window_1_date"][0]


def test_the_mentor_sees_the_ask_on_the_page_and_the_dashboard_and_picks_a_time(client):
    interview = InterviewFactory(scheduled=True, student=new_york_student())
    client.force_login(interview.student)
    client.post(f"/interviews/{interview.pk}/ask_reschedule/", _ask_post(interview))
    ask = interview.reschedule_asks.get()
    second = ask.proposals.order_by("starts_at")[1]

    client.force_login(interview.mentor.user)
    for url in (f"/interviews/{interview.pk}/", "/mentors/dashboard/", "/"):
        html = client.get(url).content.decode()
        assert "asks to move" in html, url
        assert "An exam moved." in html or url == "/", url
    dashboard = client.get("/mentors/dashboard/").content.decode()
    assert f'name="reschedule_pick-{interview.pk}-proposal"' in dashboard

    p = f"reschedule_pick-{interview.pk}-"
    response = client.post(
        f"/interviews/{interview.pk}/reschedule_pick/",
        {p + "proposal": second.pk, "next": "/mentors/dashboard/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/mentors/dashboard/"
    interview.refresh_from_db()
    assert interview.starts_at == second.starts_at
    assert interview.reschedule_count == 1
    ask.refresh_from_db()
    assert ask.status == "moved"
    assert "asks to move" not in client.get("/mentors/dashboard/").content.decode()


def test_the_mentor_keeps_the_time_with_a_note(client):
    interview = InterviewFactory(scheduled=True)
    agreed = interview.starts_at
    client.force_login(interview.student)
    client.post(f"/interviews/{interview.pk}/ask_reschedule/", _ask_post(interview))
    client.force_login(interview.mentor.user)
    p = f"reschedule_keep-{interview.pk}-"
    response = client.post(
        f"/interviews/{interview.pk}/reschedule_keep/", {p + "note": "I travel that week."}
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.starts_at == agreed
    assert interview.reschedule_asks.get().answer_note == "I travel that week."


def test_after_the_last_allowed_move_the_page_says_to_cancel_and_ask_again(client, settings):
    settings.MAX_RESCHEDULES = 2
    interview = InterviewFactory(scheduled=True, reschedule_count=2)
    for person in (interview.student, interview.mentor.user):
        client.force_login(person)
        page = client.get(f"/interviews/{interview.pk}/")
        names = [a["name"] for a in page.context["actions"]]
        assert "reschedule" not in names and "ask_reschedule" not in names
        assert "cancel" in names
        assert "cancel it and ask again" in page.content.decode()
