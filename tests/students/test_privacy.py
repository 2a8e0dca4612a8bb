"""Download my data, delete my account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import Notification
from notifications.services import RenderedEmail, notification_enqueue
from students.models import Contact, StudentProfile
from students.services import student_resume_replace
from students.storage import private_storage
from tests.factories import PASSWORD, ContactFactory, StudentProfileFactory
from users.models import User

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def queue_email(user, *, key, due_now=True):
    from datetime import timedelta

    from django.utils import timezone

    return notification_enqueue(
        to_email=user.email,
        kind="test.reminder",
        email=RenderedEmail(subject="Reminder", body_text="Hello"),
        dedupe_key=key,
        recipient_id=user.pk,
        due_at=None if due_now else timezone.now() + timedelta(days=2),
    )


@pytest.fixture
def student():
    profile = StudentProfileFactory(user__first_name="Ada", user__last_name="Lovelace")
    student_resume_replace(profile=profile, upload=SimpleUploadedFile("cv.pdf", PDF_BYTES))
    ContactFactory(student=profile.user, name="Grace Hopper", notes="Navy; compilers.")
    return profile.user


def test_download_my_data_is_a_json_attachment_of_everything(client, student):
    queue_email(student, key="later", due_now=False)
    other = StudentProfileFactory()
    ContactFactory(student=other.user, name="Not mine")
    client.force_login(student)

    response = client.get("/account/data/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["user"]["email"] == student.email
    assert data["user"]["first_name"] == "Ada"
    assert data["user"]["email_addresses"][0]["verified"] is True
    assert data["student_profile"]["majors"] == "Economics"
    assert data["student_profile"]["resume"]["file_name"] == "cv.pdf"
    assert [c["name"] for c in data["contacts"]] == ["Grace Hopper"]
    assert data["contacts"][0]["notes"] == "Navy; compilers."
    assert [n["subject"] for n in data["notifications"]] == ["Reminder"]
    assert "Not mine" not in response.content.decode()


def test_delete_needs_the_password_and_keeps_the_page_on_error(client, student):
    client.force_login(student)
    assert client.get("/account/delete/").status_code == 200

    response = client.post("/account/delete/", {"password": "wrong"})

    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    student.refresh_from_db()
    assert student.is_active
    assert StudentProfile.objects.filter(user=student).exists()


def test_delete_my_account_anonymises_and_removes(
    client, student, django_capture_on_commit_callbacks
):
    resume = student.student_profile.resume.name
    pending = queue_email(student, key="later", due_now=False)
    client.force_login(student)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(pk=student.pk)
    assert user.email == f"deleted-{user.pk}@invalid.example"
    assert user.first_name == user.last_name == ""
    assert not user.is_active
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not StudentProfile.objects.filter(user=user).exists()
    assert not Contact.objects.filter(student=user).exists()
    assert not private_storage.exists(resume)
    pending.refresh_from_db()
    assert pending.status == Notification.Status.VOID
    assert pending.to_email == user.email
    # Signed out: the dashboard is the landing page again.
    assert "_auth_user_id" not in client.session
    assert "Learn about a career from the people who do the work" in client.get("/").text


def test_deleted_account_cannot_sign_in(client, student):
    email = student.email
    client.force_login(student)
    client.post("/account/delete/", {"password": PASSWORD})
    assert not client.login(email=email, password=PASSWORD)
