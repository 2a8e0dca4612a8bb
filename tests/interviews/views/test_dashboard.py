"""The lists: the mentor's inbox, the interview list, the student's home."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone

from interviews.models import Interview
from tests.factories import InterviewFactory, MentorProfileFactory, TimeProposalFactory

from ..conftest import at
from .conftest import NEW_YORK, new_york_student

Status = Interview.Status
pytestmark = pytest.mark.django_db
DENVER = zoneinfo.ZoneInfo("America/Denver")


def _requests_for(mentor, count: int) -> None:
    for n in range(count):
        interview = InterviewFactory(mentor=mentor, resume_attached=n % 2 == 0)
        TimeProposalFactory(interview=interview, starts_at=at(3 + n % 5, 15))


def _dashboard_queries(client, django_assert_max_num_queries, mentor, count) -> str:
    _requests_for(mentor, count)
    client.force_login(mentor.user)
    # session, user, mentor profile, interviews, proposals, fields of interest, suggestions
    with django_assert_max_num_queries(8):
        page = client.get("/mentors/dashboard/")
    assert page.status_code == 200
    return page.content.decode()


def test_dashboard_queries_are_pinned_with_3_requests(client, django_assert_max_num_queries):
    mentor = MentorProfileFactory(monthly_cap=5)
    html = _dashboard_queries(client, django_assert_max_num_queries, mentor, 3)
    assert html.count("asks for a conversation") == 3


def test_dashboard_queries_are_pinned_with_30_requests(client, django_assert_max_num_queries):
    mentor = MentorProfileFactory(monthly_cap=5)
    html = _dashboard_queries(client, django_assert_max_num_queries, mentor, 30)
    assert html.count("asks for a conversation") == 30


def test_dashboard_shows_the_student_summary_and_the_answer_forms(client, mentor):
    MentorProfileFactory(display_name="x")  # a colleague in the same field
    interview = InterviewFactory(mentor=mentor, resume_attached=True)
    TimeProposalFactory(interview=interview, starts_at=at(3, 15))
    client.force_login(mentor.user)
    html = client.get("/mentors/dashboard/").content.decode()
    assert "Economics" in html
    assert "Learn what the work is like day to day." in html
    assert f"/interviews/{interview.pk}/resume/" in html
    assert "My schedule is full this month" in html
    assert "This is outside my area — another mentor would help you more." in html
    assert f'name="accept-{interview.pk}-proposal"' in html
    assert f'name="decline-{interview.pk}-suggested_mentor"' in html


def test_a_non_mentor_has_no_dashboard(client):
    client.force_login(new_york_student())
    assert client.get("/mentors/dashboard/").status_code == 404


def test_the_list_groups_interviews_with_times_in_my_zone(client, django_assert_max_num_queries):
    student = new_york_student()
    upcoming = InterviewFactory(student=student, scheduled=True)
    waiting = InterviewFactory(student=student)
    TimeProposalFactory(interview=waiting)
    past = InterviewFactory(student=student, status=Status.DECLINED)
    client.force_login(student)
    with django_assert_max_num_queries(5):
        page = client.get("/interviews/")
    groups = page.context["groups"]
    assert groups.upcoming == [upcoming]
    assert groups.waiting == [waiting]
    assert groups.past == [past]
    start = upcoming.starts_at.astimezone(NEW_YORK)
    assert f"{start:%A, %B} {start.day}, {start.year}" in page.content.decode()
    assert start.tzname() in page.content.decode()


def test_the_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    student = new_york_student()
    for _ in range(12):
        interview = InterviewFactory(student=student, status=Status.DECLINED)
        TimeProposalFactory(interview=interview)
    client.force_login(student)
    with django_assert_max_num_queries(5):
        assert client.get("/interviews/").status_code == 200


def test_a_time_across_the_denver_dst_change_shows_correctly_in_new_york(client):
    """1:30 AM MST on 2026-11-01 (the second 1:30 in Denver) is 3:30 AM EST in New York."""
    mentor = MentorProfileFactory(user__time_zone="America/Denver")
    student = new_york_student()
    start = datetime.datetime(2026, 11, 1, 1, 30, tzinfo=DENVER, fold=1)
    assert start.tzname() == "MST"
    interview = InterviewFactory(
        mentor=mentor,
        student=student,
        status=Status.COMPLETED,
        format="video",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
    )
    client.force_login(student)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Sunday, November 1, 2026, 3:30 AM EST" in page

    client.force_login(mentor.user)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Sunday, November 1, 2026, 1:30 AM MST" in page, re.findall(r"Sunday, Nov[^<]*", page)


def test_the_student_home_shows_upcoming_interviews_requests_and_tasks(client):
    student = new_york_student()
    soon = InterviewFactory(
        student=student,
        scheduled=True,
        starts_at=timezone.now().replace(microsecond=0) + datetime.timedelta(hours=30),
    )
    InterviewFactory(student=student)
    client.force_login(student)
    page = client.get("/")
    assert [item.url for item in page.context["upcoming_interviews"]] == [soon.get_absolute_url()]
    assert len(page.context["pending_requests"]) == 1
    assert [item.kind for item in page.context["tasks"]] == ["confirm"]
    html = page.content.decode()
    assert f"Conversation with {soon.mentor.display_name}" in html
    assert "Waiting for an answer." in html


def test_the_list_shows_a_conversation_under_way_as_in_progress(client):
    import time_machine

    student = new_york_student()
    interview = InterviewFactory(student=student, scheduled=True)
    client.force_login(student)

    before = client.get("/interviews/").content.decode()
    with time_machine.travel(interview.starts_at + datetime.timedelta(minutes=5)):
        during = client.get("/interviews/").content.decode()

    assert "In progress" not in before and "Scheduled" in before
    assert "In progress" in during
