"""Résumés in S3-compatible object storage (``AWS_STORAGE_BUCKET_NAME`` set).

The storage talks HTTP to a real S3 server on loopback (moto in server mode), the same
way it talks to a bucket in production: no part of the client is replaced.
"""

import socket
import uuid

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer

from interviews.services import interview_request_create
from students.models import StudentProfile
from students.storage import private_storage
from tests.factories import PASSWORD, MentorProfileFactory, StudentProfileFactory
from tests.interviews.conftest import window

from .conftest import PDF_BYTES
from .test_uploads import pdf_upload, post_data

pytestmark = pytest.mark.django_db
KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, private_media):
    """A bucket of this test's own holds the résumés; ``private_media`` (the folder they
    would otherwise go to) is asked for to show that nothing lands on disk."""
    name = f"resumes-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **KEYS)
    s3.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "students.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
            },
        },
    }

    def keys() -> list[str]:
        return [o["Key"] for o in s3.list_objects_v2(Bucket=name).get("Contents", [])]

    s3.keys = keys
    s3.name = name
    return s3


@pytest.fixture
def uploaded(client, bucket, django_capture_on_commit_callbacks):
    """A student who uploaded a résumé through the profile form."""
    profile = StudentProfileFactory()
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/students/profile/", post_data(pdf_upload("Ada CV.pdf")))
    assert response.status_code == 302
    profile.refresh_from_db()
    return profile


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_upload_is_a_private_object_in_the_bucket_and_nothing_on_disk(
    uploaded, bucket, private_media
):
    assert bucket.keys() == [uploaded.resume.name]
    stored = bucket.get_object(Bucket=bucket.name, Key=uploaded.resume.name)["Body"].read()
    assert stored == PDF_BYTES
    grants = bucket.get_object_acl(Bucket=bucket.name, Key=uploaded.resume.name)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner only
    assert "URI" not in grants[0]["Grantee"]  # no AllUsers or AuthenticatedUsers group
    assert not private_media.exists()
    with pytest.raises(ValueError):
        private_storage.url(uploaded.resume.name)


def test_the_owner_downloads_it_through_the_view_as_an_attachment(client, uploaded):
    response = client.get("/students/profile/resume/")

    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"


def test_the_mentor_it_was_shared_with_downloads_it_and_no_one_else(client, uploaded):
    interview = interview_request_create(
        student=uploaded.user,
        mentor_id=MentorProfileFactory(monthly_cap=5).pk,
        goal="Learn the field.",
        research="Read the annual report.",
        not_a_job_request=True,
        duration_minutes=30,
        formats=["video"],
        windows=[window(3, 15)],
        attach_resume=True,
    )
    url = f"/interviews/{interview.pk}/resume/"

    client.force_login(interview.mentor.user)
    response = client.get(url)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")

    client.force_login(MentorProfileFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(StudentProfileFactory().user)
    assert client.get(url).status_code == 404
    assert client.get(f"/students/{uploaded.pk}/resume/").status_code == 404


def test_deleting_the_resume_removes_the_object(
    client, uploaded, bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/students/profile/resume/delete/")

    assert response.status_code == 302
    assert bucket.keys() == []
    assert client.get("/students/profile/resume/").status_code == 404


def test_a_new_upload_replaces_the_object(
    client, uploaded, bucket, django_capture_on_commit_callbacks
):
    newer = PDF_BYTES.replace(b"%%EOF", b"% newer\n%%EOF")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/students/profile/", post_data(pdf_upload("v2.pdf", newer)))

    profile = StudentProfile.objects.get(pk=uploaded.pk)
    assert bucket.keys() == [profile.resume.name] != [uploaded.resume.name]
    assert body(client.get("/students/profile/resume/")) == newer


def test_deleting_the_account_removes_the_object(
    client, uploaded, bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert bucket.keys() == []


def test_a_refused_write_keeps_the_form_and_the_old_file(
    client, uploaded, bucket, settings, django_capture_on_commit_callbacks
):
    options = settings.STORAGES["private"]["OPTIONS"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "students.storage.PrivateS3Storage",
            "OPTIONS": {**options, "bucket_name": f"{bucket.name}-gone"},
        },
    }
    data = post_data(pdf_upload("v2.pdf"))
    data["goals"] = "Words the student typed and must not lose."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/students/profile/", data)

    assert response.status_code == 200
    assert "could not be stored just now" in " ".join(response.context["form"].errors["resume"])
    assert "Words the student typed and must not lose." in response.content.decode()
    assert bucket.keys() == [uploaded.resume.name]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": options},
    }
    assert body(client.get("/students/profile/resume/")) == PDF_BYTES  # still the old one


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free once the socket closes: nothing listens


def test_an_unreachable_server_keeps_the_form_and_says_so_on_download(
    client, uploaded, bucket, settings, django_capture_on_commit_callbacks
):
    options = settings.STORAGES["private"]["OPTIONS"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "students.storage.PrivateS3Storage",
            "OPTIONS": {
                **options,
                "endpoint_url": f"http://127.0.0.1:{closed_port()}",
                "client_config": Config(retries={"total_max_attempts": 1}, connect_timeout=2),
            },
        },
    }
    data = post_data(pdf_upload("v2.pdf"))
    data["goals"] = "Words the student typed and must not lose."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/students/profile/", data)

    assert "could not be stored just now" in " ".join(response.context["form"].errors["resume"])
    assert "Words the student typed and must not lose." in response.content.decode()
    download = client.get("/students/profile/resume/")
    assert download.status_code == 503
    assert "try again in a few minutes" in download.content.decode()
    assert bucket.keys() == [uploaded.resume.name]  # the old file is untouched
