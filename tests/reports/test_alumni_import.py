"""Importing the alumni association's list: the preview, the invitations, bad files."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notification_dispatch_due
from reports.models import AlumniImport, AlumniInvitation
from tests.auth import login_with_second_factor
from tests.factories import MentorUserFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/reports/alumniimport/add/"

GOOD = (
    "email,first_name,last_name,graduation_year,employer,job_title\n"
    "ada@example.org,Ada,Lovelace,1998,Analytical Engines,Engineer\n"
    "grace@example.org,Grace,Hopper,,Navy,Rear Admiral\n"
)


def upload(client, text: str | bytes, name: str = "alumni.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(ADD, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def job_of(response) -> AlumniImport:
    assert response.status_code == 302, response.content.decode()[:2000]
    return AlumniImport.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-2]))


def run(client, job: AlumniImport):
    return client.post(f"/admin/reports/alumniimport/{job.pk}/change/", {"_import": "1"})


def test_preview_lists_each_rows_problems_and_who_is_known_then_invites_only_good_rows(
    staff_client,
):
    client, _staff = staff_client
    MentorUserFactory(email="known@example.com")
    text = GOOD + (
        "not-an-address,Bad,Email,,,\n"
        "empty@example.org,,Nameless,,,\n"
        "old@example.org,Old,Timer,1820,,\n"
        "ada@example.org,Ada,Again,,,\n"
        "Known@Example.com,Known,Person,,,\n"
        "short@example.org,Short\n"
    )

    job = job_of(upload(client, text))
    page = client.get(f"/admin/reports/alumniimport/{job.pk}/change/").content.decode()

    assert (job.total_rows, job.to_invite, job.problem_rows, job.known_rows) == (8, 2, 5, 1)
    assert "“not-an-address” is not an email address." in page
    assert "The first_name is empty." in page
    assert "The graduation_year “1820” is not a year from 1940 to 2100." in page
    assert "The same address is on line 2 already." in page
    assert "It has 2 values where the first line names 6 columns." in page
    assert "Has an account already: not invited" in page
    assert AlumniInvitation.objects.count() == 0  # nothing until staff confirm

    run(client, job)

    job.refresh_from_db()
    assert job.status == AlumniImport.Status.DONE
    assert (job.processed_rows, job.invited, job.skipped) == (2, 2, 0)
    assert sorted(AlumniInvitation.objects.values_list("email", flat=True)) == [
        "ada@example.org",
        "grace@example.org",
    ]
    ada = AlumniInvitation.objects.get(email="ada@example.org")
    assert (ada.graduation_year, ada.employer, ada.job_title) == (
        1998,
        "Analytical Engines",
        "Engineer",
    )


def test_each_invitee_is_emailed_a_link_that_opens_the_volunteer_form_prefilled(staff_client):
    client, _staff = staff_client
    run(client, job_of(upload(client, GOOD)))
    notification_dispatch_due(now=timezone.now())

    [to_ada] = [m for m in mail.outbox if m.to == ["ada@example.org"]]
    assert "talk with students about your work" in to_ada.subject
    assert "Career Mentor" in to_ada.body
    link = next(w for w in to_ada.body.split() if "/mentors/volunteer/invited/" in w)
    row = Notification.objects.get(to_email="ada@example.org")
    assert row.sensitive  # the link is a secret: admin never shows it, nobody resends it

    visitor = Client()
    form = visitor.get(link.removeprefix("http://127.0.0.1:8000"))
    assert form.status_code == 200
    assert form.context["form"]["first_name"].value() == "Ada"
    assert form.context["form"]["email"].value() == "ada@example.org"
    assert form.context["form"]["employer"].value() == "Analytical Engines"


def test_the_same_file_again_creates_nothing_and_sends_nothing(staff_client, settings):
    client, _staff = staff_client
    run(client, job_of(upload(client, GOOD)))
    emails = Notification.objects.count()

    again = job_of(upload(client, GOOD))
    assert (again.to_invite, again.known_rows) == (0, 2)
    run(client, again)

    assert AlumniInvitation.objects.count() == 2
    assert Notification.objects.count() == emails


def test_after_the_quiet_period_someone_who_never_answered_is_invited_again(staff_client, settings):
    client, staff = staff_client
    settings.ALUMNI_INVITATION_RESEND_DAYS = 30
    run(client, job_of(upload(client, GOOD)))
    first_token = AlumniInvitation.objects.get(email="ada@example.org").token_hash

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        login_with_second_factor(client, staff)  # a month on, the session has expired
        job = job_of(upload(client, GOOD))
        assert job.to_invite == 2
        run(client, job)

    ada = AlumniInvitation.objects.get(email="ada@example.org")
    assert ada.times_sent == 2
    assert ada.token_hash != first_token  # the old link stops working
    assert Notification.objects.filter(to_email="ada@example.org").count() == 2


def test_an_import_cannot_run_twice(staff_client):
    client, _staff = staff_client
    job = job_of(upload(client, GOOD))
    run(client, job)
    response = run(client, job)
    assert response.status_code == 302
    assert AlumniInvitation.objects.count() == 2
    assert Notification.objects.count() == 2


def test_a_latin_1_file_from_a_spreadsheet_is_read_with_a_note(staff_client):
    client, _staff = staff_client
    text = "email;first_name;last_name\r\nrene@example.org;René;Müller\r\n"

    job = job_of(upload(client, text.encode("cp1252")))
    page = client.get(f"/admin/reports/alumniimport/{job.pk}/change/").content.decode()

    assert job.rows[0]["first_name"] == "René" and job.rows[0]["last_name"] == "Müller"
    assert "was not saved as UTF-8" in page


def test_utf8_with_a_byte_order_mark_reads_the_first_column(staff_client):
    client, _staff = staff_client
    job = job_of(upload(client, "\ufeff" + GOOD))
    assert job.encoding == "utf-8"
    assert job.to_invite == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00binary", "This is not a CSV file"),
        (b"%PDF-1.7 ...", "This is not a CSV file"),
        (b"", "The submitted file is empty."),
        (b"email,first_name\nada@example.org,Ada\n", "The file lacks the columns: last_name."),
        (
            b"email,first_name,last_name,phone\nada@example.org,Ada,L,555\n",
            "The file has columns this import does not know: phone.",
        ),
        (b"email,first_name,last_name\n", "The file names its columns but has no rows."),
        (b"email,email,first_name,last_name\na,a,b,c\n", "These columns appear twice: email."),
        (
            b"Dear colleagues, here is the list you asked for in our meeting last week\n",
            "does not know: Dear colleagues, here is the list you asked for in our m….",
        ),
    ],
)
def test_a_file_that_is_not_an_alumni_list_is_refused_whole(staff_client, content, message):
    client, _staff = staff_client

    response = upload(client, content)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert 'id="id_file_error"' in response.content.decode()
    assert AlumniImport.objects.count() == 0


@override_settings(ALUMNI_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_limit_is_refused_next_to_the_field(staff_client):
    client, _staff = staff_client
    response = upload(client, GOOD + "x@example.org,X,Y,,,\n" * 60)
    errors = " ".join(response.context["form"].errors["file"])
    assert "This file is larger than 1000\xa0bytes, the most an alumni list can be." in errors
    assert AlumniImport.objects.count() == 0


def test_a_50_mb_upload_is_refused_before_it_is_read(staff_client):
    client, _staff = staff_client
    response = client.generic(
        "POST",
        ADD,
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "An alumni list uploaded by career staff can be at most 5.0" in response.content.decode()
    assert AlumniImport.objects.count() == 0


def test_the_request_body_limit_leaves_room_for_the_largest_list(settings):
    assert settings.REQUEST_BODY_MAX_BYTES > settings.ALUMNI_IMPORT_MAX_BYTES


def test_no_file_chosen_is_explained_next_to_the_field(staff_client):
    client, _staff = staff_client
    response = client.post(ADD, {})
    assert response.context["form"].errors["file"] == ["Choose the CSV file to upload."]


def test_people_without_the_permission_cannot_upload_or_run(client):
    from tests.factories import StaffUserFactory

    bare = StaffUserFactory(staff_group=False)
    login_with_second_factor(client, bare)
    assert client.get(ADD).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert AlumniImport.objects.count() == 0


def test_invitations_written_together_read_as_each_written_alone():
    from reports.emails import invitation_email, invitation_emails

    people = [
        AlumniInvitation(email="a@example.org", first_name="O'Brien & <Sons>", last_name="x"),
        AlumniInvitation(email="b@example.org", first_name="Zoë", last_name="y"),
    ]
    together = invitation_emails([(people[0], "tok-one"), (people[1], "tok-two")])
    for person, token, email in zip(people, ["tok-one", "tok-two"], together, strict=True):
        alone = invitation_email(invitation=person, token=token)
        assert (email.subject, email.body_text, email.body_html) == (
            alone.subject,
            alone.body_text,
            alone.body_html,
        )
    assert "O'Brien & <Sons>" in together[0].body_text
    assert "O&#x27;Brien &amp; &lt;Sons&gt;" in together[0].body_html


def test_an_import_that_failed_goes_on_from_where_it_stopped(staff_client, settings):
    client, _staff = staff_client
    settings.ALUMNI_IMPORT_CHUNK_ROWS = 1
    job = job_of(upload(client, GOOD))
    from reports.services import alumni_import_fail, alumni_import_queue, alumni_import_run_chunk

    alumni_import_queue(job=job)
    assert alumni_import_run_chunk(job_id=job.pk)  # Ada is invited, then the worker dies
    alumni_import_fail(job_id=job.pk, error="OperationalError: the server closed the connection")
    page = client.get(f"/admin/reports/alumniimport/{job.pk}/change/").content.decode()
    assert "Import the remaining rows" in page

    run(client, job)

    job.refresh_from_db()
    assert job.status == AlumniImport.Status.DONE
    assert (job.processed_rows, job.invited) == (2, 2)
    assert Notification.objects.filter(to_email="ada@example.org").count() == 1
    assert Notification.objects.filter(to_email="grace@example.org").count() == 1
