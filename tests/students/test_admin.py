"""Career staff see student profiles and contacts in the admin, with permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from students.selectors import student_profile_summary
from students.services import student_resume_replace
from tests.auth import login_with_second_factor
from tests.factories import ContactFactory, StaffUserFactory, StudentProfileFactory

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_admin_mfa(settings):
    settings.ADMIN_REQUIRE_MFA = False


def test_staff_with_view_permission_see_profiles_and_the_resume_link(client):
    profile = StudentProfileFactory(majors="Philosophy")
    student_resume_replace(profile=profile, upload=SimpleUploadedFile("cv.pdf", PDF_BYTES))
    staff = StaffUserFactory(staff_group=False)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_studentprofile", "view_contact"])
    )
    login_with_second_factor(client, staff)

    listing = client.get("/admin/students/studentprofile/")
    assert listing.status_code == 200
    assert "Philosophy" in listing.content.decode()

    page = client.get(f"/admin/students/studentprofile/{profile.pk}/change/")
    assert page.status_code == 200
    assert f'href="/students/{profile.pk}/resume/"' in page.content.decode()

    ContactFactory(student=profile.user, name="Hannah Arendt")
    assert "Hannah Arendt" in client.get("/admin/students/contact/").content.decode()


def test_staff_without_permission_cannot_see_profiles(client):
    StudentProfileFactory()
    login_with_second_factor(client, StaffUserFactory(staff_group=False))
    assert client.get("/admin/students/studentprofile/").status_code == 403


def test_profile_summary_for_mentors_leaves_out_the_networking_list():
    profile = StudentProfileFactory(user__first_name="Ada", user__last_name="King")
    ContactFactory(student=profile.user, name="Secret Friend")
    summary = student_profile_summary(user=profile.user)
    assert summary["name"] == "Ada King"
    assert summary["career_stage"] == "Exploring"
    assert summary["has_resume"] is False
    assert "Secret Friend" not in str(summary)
