"""Nobody reaches another person's profile, contacts or résumé; signed-out visitors sign in."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from students.access import access_contact, access_student_profile
from students.services import student_resume_replace
from tests.auth import login_with_second_factor
from tests.factories import (
    ContactFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentProfileFactory,
)

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_profile():
    profile = StudentProfileFactory()
    student_resume_replace(profile=profile, upload=SimpleUploadedFile("r.pdf", PDF_BYTES))
    return profile


def test_access_contact_returns_own_and_hides_others():
    contact = ContactFactory()
    assert access_contact(user=contact.student, contact_id=contact.pk) == contact
    with pytest.raises(Http404):
        access_contact(user=StudentProfileFactory().user, contact_id=contact.pk)
    with pytest.raises(Http404):
        access_contact(user=contact.student, contact_id=contact.pk + 1000)


def test_access_profile_for_owner_and_permitted_staff(owner_profile):
    assert access_student_profile(user=owner_profile.user, profile_id=owner_profile.pk)
    staff = StaffUserFactory(staff_group=False)
    with pytest.raises(Http404):
        access_student_profile(user=staff, profile_id=owner_profile.pk)
    staff.user_permissions.add(Permission.objects.get(codename="view_studentprofile"))
    staff = type(staff).objects.get(pk=staff.pk)  # drop the permission cache
    assert access_student_profile(user=staff, profile_id=owner_profile.pk) == owner_profile
    with pytest.raises(Http404):
        access_student_profile(user=staff, profile_id=owner_profile.pk, for_resume=True)


def test_another_students_contact_is_404_on_every_contact_page(client):
    contact = ContactFactory()
    client.force_login(StudentProfileFactory().user)
    for name in ("students:contact_edit", "students:contact_delete"):
        url = reverse(name, args=[contact.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Hijacked", "relationship": "friend"}).status_code == 404
    contact.refresh_from_db()
    assert contact.name != "Hijacked"


def test_another_students_resume_by_id_is_404(client, owner_profile):
    url = reverse("students:resume_for", args=[owner_profile.pk])
    client.force_login(StudentProfileFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(MentorUserFactory())
    assert client.get(url).status_code == 404


def test_own_resume_by_id_is_served(client, owner_profile):
    client.force_login(owner_profile.user)
    response = client.get(reverse("students:resume_for", args=[owner_profile.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_need_the_resume_permission(client, owner_profile):
    staff = StaffUserFactory(staff_group=False)
    login_with_second_factor(client, staff)
    url = reverse("students:resume_for", args=[owner_profile.pk])
    assert client.get(url).status_code == 404

    staff.user_permissions.add(Permission.objects.get(codename="view_resume"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_own_resume_page_shows_nothing_of_anyone_else(client, owner_profile):
    other = StudentProfileFactory()
    client.force_login(other.user)
    response = client.get(reverse("students:resume"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/students/profile/",
        "/students/profile/resume/",
        "/students/1/resume/",
        "/students/network/",
        "/students/network/add/",
        "/students/network/1/",
        "/students/network/1/delete/",
        "/account/data/",
        "/account/delete/",
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_signed_out_resume_delete_is_sent_to_sign_in(client):
    response = client.post("/students/profile/resume/delete/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
