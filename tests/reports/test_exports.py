"""CSV downloads from the admin changelists: the rows the list shows, streamed, and only
the columns staff may see."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from interviews.models import Interview
from tests.auth import login_with_second_factor
from tests.factories import (
    ContactFactory,
    InterviewFactory,
    MentorProfileFactory,
    StaffUserFactory,
    StudentProfileFactory,
    StudentUserFactory,
)

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)  # never the whole file in memory
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_interview_export_honours_the_filters_and_the_search(staff_client):
    client, _staff = staff_client
    declined = InterviewFactory(mentor=MentorProfileFactory(employer="Quillfeather"))
    Interview.objects.filter(pk=declined.pk).update(status="declined")
    InterviewFactory(mentor=MentorProfileFactory(employer="Quillfeather"))
    InterviewFactory.create_batch(2)

    listing = client.get("/admin/interviews/interview/", {"status__exact": "declined"})
    assert (
        "/admin/interviews/interview/export.csv?status__exact=declined" in listing.content.decode()
    )

    rows = rows_of(
        client.get("/admin/interviews/interview/export.csv", {"status__exact": "declined"})
    )
    assert [r[0] for r in rows[1:]] == [str(declined.pk)]
    searched = rows_of(client.get("/admin/interviews/interview/export.csv", {"q": "Quillfeather"}))
    assert len(searched) == 3
    everything = rows_of(client.get("/admin/interviews/interview/export.csv"))
    assert len(everything) == 5
    header = everything[0]
    assert "student email" in header and "status" in header
    assert not {"what I hope to learn", "what I have already found out"} & set(header)


def test_the_mentor_export_has_every_filtered_row_and_no_phone(staff_client):
    client, _staff = staff_client
    MentorProfileFactory.create_batch(3, phone="+1 617 555 0100")
    MentorProfileFactory(status="pending")

    rows = rows_of(
        client.get("/admin/mentors/mentorprofile/export.csv", {"status__exact": "approved"})
    )

    assert len(rows) == 4
    assert "+1 617 555 0100" not in str(rows)
    assert "email" in rows[0] and "career fields" in rows[0]


def test_the_student_export_leaves_out_the_resume_and_the_networking_list(staff_client):
    client, _staff = staff_client
    profile = StudentProfileFactory(goals="Work in museums.")
    ContactFactory(student=profile.user, name="Secret Contact")

    rows = rows_of(client.get("/admin/students/studentprofile/export.csv"))

    assert rows[0][-4:] == [
        "career fields of interest",
        "résumé on file",
        "profile completed",
        "created",
    ]
    [row] = rows[1:]
    assert profile.user.email in row
    assert "Secret Contact" not in str(rows)


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(staff_client):
    client, _staff = staff_client
    MentorProfileFactory(employer='=HYPERLINK("http://evil.example")')

    rows = rows_of(client.get("/admin/mentors/mentorprofile/export.csv"))

    assert rows[1][rows[0].index("employer")].startswith("'=")


def test_people_without_the_permission_get_nothing(client):
    InterviewFactory()
    client.force_login(StudentUserFactory())
    assert client.get("/admin/interviews/interview/export.csv").status_code == 302
    login_with_second_factor(client, StaffUserFactory(staff_group=False))
    assert client.get("/admin/interviews/interview/export.csv").status_code == 403
    assert client.get("/admin/students/studentprofile/export.csv").status_code == 403


def test_the_export_fetches_a_fixed_number_of_times(staff_client, django_assert_max_num_queries):
    client, _staff = staff_client
    StudentProfileFactory.create_batch(2)
    with django_assert_max_num_queries(20) as few:
        rows_of(client.get("/admin/students/studentprofile/export.csv"))
    StudentProfileFactory.create_batch(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows_of(client.get("/admin/students/studentprofile/export.csv"))
