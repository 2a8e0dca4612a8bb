"""The admin shows every time with its zone, in the staff member's own zone."""

import datetime

import pytest
import time_machine

from notifications.models import Notification
from tests.auth import login_with_second_factor
from tests.factories import InterviewFactory, MentorProfileFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 1, 15, 17, 30, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(("zone", "shown"), [("America/New_York", "EST"), ("Asia/Tokyo", "JST")])
def test_lists_and_pages_name_the_zone_of_each_time(client, zone, shown):
    staff = StaffUserFactory(time_zone=zone)
    login_with_second_factor(client, staff)
    interview = InterviewFactory()
    mentor = MentorProfileFactory()
    Notification.objects.create(
        to_email="a@example.edu", kind="x", subject="s", body_text="x", dedupe_key="k",
        due_at=interview.requested_at,
    )  # fmt: skip
    local = "12:30 p.m." if zone == "America/New_York" else "2:30 a.m."

    pages = [
        "/admin/interviews/interview/",
        f"/admin/interviews/interview/{interview.pk}/change/",
        "/admin/notifications/notification/",
        f"/admin/mentors/mentorprofile/{mentor.pk}/change/",
    ]
    for page in pages:
        html = client.get(page).content.decode()
        assert f"{local} {shown}" in html, page


def test_a_time_to_edit_says_in_which_zone(client):
    staff = StaffUserFactory(time_zone="Asia/Tokyo")
    login_with_second_factor(client, staff)
    student = InterviewFactory().student

    page = client.get(f"/admin/users/user/{student.pk}/change/").content.decode()

    assert "In your time zone, Asia/Tokyo (JST)." in page
