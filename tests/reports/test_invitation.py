"""An invited alum's link: the volunteer form, prefilled; consent and approval as usual."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from mentors.models import CareerField, MentorProfile
from reports.models import AlumniInvitation
from reports.services import token_digest
from tests.factories import PASSWORD, MentorProfileFactory, MentorUserFactory

pytestmark = pytest.mark.django_db

TOKEN = "a-token-only-the-email-holds"


@pytest.fixture
def invitation():
    return AlumniInvitation.objects.create(
        email="ada@example.org",
        first_name="Ada",
        last_name="Lovelace",
        employer="Analytical Engines",
        job_title="Engineer",
        token_hash=token_digest(TOKEN),
        sent_at=timezone.now(),
    )


def url(token: str = TOKEN) -> str:
    return f"/mentors/volunteer/invited/{token}/"


def form_data(**overrides):
    field = CareerField.objects.order_by("pk").first()
    return {
        "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org",
        "password1": PASSWORD, "password2": PASSWORD, "employer": "Analytical Engines",
        "job_title": "Engineer", "industry": "engineering_technology",
        "career_fields": [field.pk], "time_zone": "Europe/London", "meeting_formats": ["video"],
        "monthly_cap": "2", "preferred_contact": "email", "consent": "on", **overrides,
    }  # fmt: skip


def test_volunteering_through_the_link_makes_a_pending_profile_and_uses_the_link(
    client, invitation
):
    response = client.post(url(), form_data())

    assert response.status_code == 302
    assert response["Location"] == "/mentors/volunteer/thanks/"
    profile = MentorProfile.objects.get(user__email="ada@example.org")
    assert profile.status == MentorProfile.Status.PENDING  # staff approve, as for anyone
    assert profile.consented_at is not None
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(url()).status_code == 404  # used: the link no longer works


def test_nobody_is_listed_without_ticking_consent(client, invitation):
    response = client.post(url(), form_data(consent=""))

    assert response.status_code == 200
    assert "We can only list you with your consent." in response.content.decode()
    assert not MentorProfile.objects.filter(user__email="ada@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_wrong_or_old_link_says_so_and_offers_the_volunteer_form(client, invitation, settings):
    wrong = client.get(url("not-the-token"))
    assert wrong.status_code == 404
    assert "/mentors/volunteer/" in wrong.content.decode()

    later = timezone.now() + datetime.timedelta(days=settings.ALUMNI_INVITATION_VALID_DAYS + 1)
    with time_machine.travel(later):
        assert client.get(url()).status_code == 404


def test_someone_who_volunteered_already_is_sent_to_their_profile(client, invitation):
    mentor = MentorProfileFactory(user=MentorUserFactory(email="ada@example.org"))
    client.force_login(mentor.user)

    response = client.get(url())

    assert response.status_code == 302
    assert response["Location"] == "/mentors/me/"


def test_staff_follow_an_import_to_its_invitations(staff_client, invitation):
    from reports.models import AlumniImport

    client, _staff = staff_client
    job = AlumniImport.objects.create(file_name="list.csv", encoding="utf-8")
    AlumniInvitation.objects.create(
        email="grace@example.org", first_name="Grace", last_name="Hopper",
        token_hash=token_digest("another"), sent_at=timezone.now(), source=job,
    )  # fmt: skip

    listing = client.get("/admin/reports/alumniinvitation/", {"source__id__exact": job.pk})

    assert listing.status_code == 200
    page = listing.content.decode()
    assert "grace@example.org" in page
    assert "ada@example.org" not in page
    assert invitation.token_hash not in page
