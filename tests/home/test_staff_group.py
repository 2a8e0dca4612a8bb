"""Career staff run the program from admin through their group, without being superusers."""

import pytest
from django.core.management import call_command

from home.staff import STAFF_GROUP, STAFF_PERMISSIONS
from tests.factories import ContactFactory, InterviewFactory, MentorProfileFactory, StaffUserFactory
from users.models import User

pytestmark = pytest.mark.django_db


def test_migrate_leaves_the_group_with_every_listed_permission():
    call_command("migrate", verbosity=0)  # post_migrate runs again over the test database

    staff = StaffUserFactory()

    expected = {f"{app}.{code}" for app, codes in STAFF_PERMISSIONS.items() for code in codes}
    assert staff.groups.get().name == STAFF_GROUP
    assert expected <= staff.get_all_permissions()


def test_staff_see_the_admin_pages_they_work_in(staff_client):
    client, _staff = staff_client
    mentor = MentorProfileFactory()
    interview = InterviewFactory()
    pages = [
        "/admin/",
        "/admin/mentors/pendingmentorprofile/",
        f"/admin/mentors/mentorprofile/{mentor.pk}/change/",
        "/admin/mentors/careerfield/add/",
        f"/admin/interviews/interview/{interview.pk}/change/",
        "/admin/notifications/notification/",
        "/admin/users/user/",
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_staff_never_see_a_students_networking_list(staff_client):
    client, _staff = staff_client
    contact = ContactFactory()
    assert client.get("/admin/students/contact/").status_code == 403
    assert client.get(f"/admin/students/contact/{contact.pk}/change/").status_code == 403


def test_staff_cannot_hand_out_admin_access_or_touch_a_superuser(staff_client):
    client, staff = staff_client
    student = User.objects.create_user(email="ana@example.edu", password="x-Long-pass-2026")
    boss = User.objects.create_superuser(email="boss@example.edu", password="x-Long-pass-2026")

    page = client.get(f"/admin/users/user/{student.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    client.post(
        f"/admin/users/user/{staff.pk}/change/",
        {"email": staff.email, "role": "staff", "time_zone": "UTC", "is_superuser": "on"},
    )
    staff.refresh_from_db()
    assert not staff.is_superuser
    boss_page = client.get(f"/admin/users/user/{boss.pk}/change/").content.decode()
    assert 'name="email"' not in boss_page  # shown read-only
    assert client.get(f"/admin/users/user/{boss.pk}/password/").status_code == 403
