"""Résumé upload tricks: each is refused with a message next to the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from mentors.models import CareerField
from students.forms import StudentProfileForm
from students.models import StudentProfile
from students.validators import RESUME_MAX_BYTES
from tests.factories import StudentProfileFactory, StudentUserFactory
from tests.storage import use_private_folder

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
HTML_BYTES = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def post_data(resume):
    return {
        "class_year": "2027",
        "majors": "Physics",
        "career_stage": "exploring",
        "fields_of_interest": [str(CareerField.objects.first().pk)],
        "goals": "See what research labs outside academia are like.",
        "time_zone": "America/New_York",
        "resume": resume,
    }


def resume_errors(response) -> str:
    assert response.status_code == 200, "the form should come back with an error"
    return " ".join(response.context["form"].errors["resume"])


@pytest.fixture
def student_client(client):
    user = StudentUserFactory()
    client.force_login(user)
    client.user = user
    return client


def test_html_renamed_pdf_is_refused(student_client, private_media):
    upload = SimpleUploadedFile("resume.pdf", HTML_BYTES, content_type="application/pdf")
    response = student_client.post("/students/profile/", post_data(upload))
    assert "not a PDF" in resume_errors(response)
    assert not private_media.exists() or not any(private_media.rglob("*.pdf"))
    # What was typed stays.
    assert "See what research labs outside academia are like." in response.content.decode()
    assert not StudentProfile.objects.filter(user=student_client.user, resume__gt="").exists()


def test_png_is_refused_whatever_it_claims(student_client):
    upload = SimpleUploadedFile("photo.pdf", PNG_BYTES, content_type="application/pdf")
    response = student_client.post("/students/profile/", post_data(upload))
    assert "not a PDF" in resume_errors(response)


def test_png_with_its_own_name_is_refused(student_client):
    upload = SimpleUploadedFile("photo.png", PNG_BYTES, content_type="image/png")
    response = student_client.post("/students/profile/", post_data(upload))
    assert "not a PDF" in resume_errors(response)


def test_file_over_5_mb_is_refused(student_client):
    big = PDF_BYTES + b"0" * (RESUME_MAX_BYTES + 1 - len(PDF_BYTES))
    upload = SimpleUploadedFile("big.pdf", big, content_type="application/pdf")
    response = student_client.post("/students/profile/", post_data(upload))
    assert "at most 5.0\xa0MB" in resume_errors(response)


def test_exactly_5_mb_is_accepted(student_client):
    exact = PDF_BYTES + b"0" * (RESUME_MAX_BYTES - len(PDF_BYTES))
    upload = SimpleUploadedFile("exact.pdf", exact, content_type="application/pdf")
    response = student_client.post("/students/profile/", post_data(upload))
    assert response.status_code == 302


def test_path_like_filename_is_refused_by_the_form():
    user = StudentUserFactory()
    upload = SimpleUploadedFile("..\\..\\windows\\resume.pdf", PDF_BYTES)
    form = StudentProfileForm(
        data=post_data(None),
        files={"resume": upload},
        instance=StudentProfile(user=user),
        user=user,
    )
    assert not form.is_valid()
    assert "looks like a path" in " ".join(form.errors["resume"])


def test_path_in_a_raw_multipart_upload_never_reaches_the_disk(
    student_client, private_media, tmp_path
):
    """A hand-made request with ../ in the file name: the stored name is random."""
    upload = SimpleUploadedFile("placeholder.pdf", PDF_BYTES)
    body = encode_multipart(BOUNDARY, post_data(upload)).replace(
        b'filename="placeholder.pdf"', b'filename="../../../escaped.pdf"'
    )
    assert b"../../../escaped.pdf" in body
    response = student_client.generic(
        "POST", "/students/profile/", body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 302
    profile = StudentProfile.objects.get(user=student_client.user)
    assert profile.resume.name.startswith("resumes/")
    assert "escaped" not in profile.resume.name
    assert profile.resume_name == "escaped.pdf"
    assert not (tmp_path / "escaped.pdf").exists()
    assert (private_media / profile.resume.name).read_bytes() == PDF_BYTES


def test_replacing_through_the_form_deletes_the_old_file(
    client, private_media, django_capture_on_commit_callbacks
):
    profile = StudentProfileFactory()
    client.force_login(profile.user)
    first = SimpleUploadedFile("one.pdf", PDF_BYTES)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/students/profile/", post_data(first))
    profile.refresh_from_db()
    old = profile.resume.name

    second = SimpleUploadedFile("two.pdf", PDF_BYTES + b"%second")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/students/profile/", post_data(second))
    profile.refresh_from_db()

    assert profile.resume.name != old
    assert not (private_media / old).exists()
    assert [p.name for p in (private_media / "resumes").iterdir()] == [
        profile.resume.name.split("/")[-1]
    ]


def pdf_upload(name, content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def full_disk(tmp_path, settings):
    """The private storage on a real 64 KB filesystem (tmpfs), almost full."""
    import os
    import subprocess

    root = tmp_path / "small"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(root)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a small tmpfs: {mounted.stderr.decode()}")
        pytest.skip("mounting a small tmpfs needs root")
    use_private_folder(settings, root)
    try:
        yield root
    finally:
        subprocess.run(["umount", str(root)], check=True)


def test_a_full_disk_keeps_the_old_resume_and_the_form_and_leaves_no_partial_file(
    student_client, full_disk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        student_client.post("/students/profile/", post_data(pdf_upload("old.pdf")))
    profile = StudentProfile.objects.get(user=student_client.user)
    old = profile.resume.name
    before = sorted(p.name for p in (full_disk / "resumes").iterdir())
    (full_disk / "filler").write_bytes(b"x" * 40 * 1024)  # leaves less than the new file
    big = PDF_BYTES + b"%" + b"y" * 30 * 1024 + b"\n"
    data = post_data(pdf_upload("new.pdf", big))
    data["goals"] = "Words the student typed and must not lose."

    with django_capture_on_commit_callbacks(execute=True):
        response = student_client.post("/students/profile/", data)

    assert "could not be stored just now" in resume_errors(response)
    assert "Words the student typed and must not lose." in response.content.decode()
    assert sorted(p.name for p in (full_disk / "resumes").iterdir()) == before  # no .part
    profile.refresh_from_db()
    assert profile.resume.name == old
    assert profile.resume_name == "old.pdf"
    assert (full_disk / old).read_bytes() == PDF_BYTES
    assert profile.goals != data["goals"]  # nothing half-saved either


def test_a_body_over_the_limit_is_refused_with_a_413_page(student_client, settings, private_media):
    settings.REQUEST_BODY_MAX_BYTES = 6 * 1024 * 1024
    big = PDF_BYTES + b"%" + b"z" * (6 * 1024 * 1024) + b"\n"

    response = student_client.post("/students/profile/", post_data(pdf_upload("big.pdf", big)))

    assert response.status_code == 413
    html = response.content.decode()
    assert "this site accepts at most 6.0\xa0MB" in html
    assert "a résumé can be at most 5.0\xa0MB" in html
    assert "Content-Security-Policy" in response.headers
    assert not StudentProfile.objects.filter(user=student_client.user, resume__gt="").exists()
    assert not private_media.exists() or not any(private_media.rglob("*"))


def test_a_60_mb_upload_is_refused_over_real_http_before_the_body_is_sent(live_server):
    """The server answers from the headers alone: the client never sends the 60 MB."""
    import socket
    from urllib.parse import urlparse

    address = urlparse(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
        conn.sendall(
            (
                "POST /students/profile/ HTTP/1.1\r\n"
                f"Host: {address.hostname}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {60 * 1024 * 1024}\r\n\r\n"
                "--x\r\n"
            ).encode()
        )
        reply = b""
        while b"</html>" not in reply:
            chunk = conn.recv(65536)
            if not chunk:
                break
            reply += chunk
    text = reply.decode()
    assert text.startswith("HTTP/1.1 413")
    assert "File too large" in text
