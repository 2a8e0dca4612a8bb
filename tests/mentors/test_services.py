import datetime
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from mentors.models import CareerField, MentorProfile
from mentors.selectors import mentor_has_capacity
from mentors.services import (
    MentorEmailUnverified,
    MentorStateError,
    mentor_approve,
    mentor_load_add,
    mentor_pause,
    mentor_profile_update,
    mentor_reject,
    mentor_resume,
    mentor_retire,
    mentor_volunteer,
    mentors_approve,
)
from mentors.tasks import resume_paused_mentors
from notifications.models import Notification
from tests.factories import (
    MentorProfileFactory,
    MentorUserFactory,
    StaffUserFactory,
    StudentUserFactory,
)
from users.models import User

pytestmark = pytest.mark.django_db

PROFILE = {
    "employer": "Fenway Health",
    "job_title": "Nurse Practitioner",
    "industry": "health",
    "graduation_year": 2010,
    "degree": "BS",
    "major": "Nursing",
    "city": "Boston",
    "region": "Massachusetts",
    "country": "United States",
    "bio": "Twelve years in community health.",
    "topics": "Nursing school",
    "meeting_formats": ["video"],
    "monthly_cap": 3,
}


def _request():
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().post("/mentors/volunteer/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    return request


def test_volunteering_creates_an_unverified_mentor_account_and_a_pending_profile(
    django_capture_on_commit_callbacks,
):
    # allauth rate-limits verification emails per address in the shared cache.
    email = f"Ada.Alum.{uuid.uuid4().hex[:8]}@Example.com"
    fields = list(CareerField.objects.filter(slug__in=["nursing", "public-health"]))
    with django_capture_on_commit_callbacks(execute=True):
        profile = mentor_volunteer(
            request=_request(),
            account_data={
                "email": email,
                "first_name": "Ada",
                "last_name": "Alum",
                "password": "a-Strong-pass-2026",
            },
            profile_data=PROFILE,
            career_fields=fields,
            time_zone="America/Chicago",
        )
    assert profile.status == MentorProfile.Status.PENDING
    assert profile.consented_at is not None
    assert profile.display_name == "Ada Alum"
    # Both languages, so a search in either finds the mentor.
    assert profile.fields_text == "Nursing (Enfermería), Public Health (Salud pública)"
    user = profile.user
    assert (user.email, user.role, user.time_zone) == (
        email.lower(),
        User.Role.MENTOR,
        "America/Chicago",
    )
    assert user.check_password("a-Strong-pass-2026")
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == [email.lower()]
    assert "confirm" in message.subject.lower()


def test_volunteering_with_a_taken_address_creates_nothing_and_tells_the_owner(
    django_capture_on_commit_callbacks,
):
    existing = StudentUserFactory(email="taken@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        result = mentor_volunteer(
            request=_request(),
            account_data={
                "email": "TAKEN@example.com",
                "first_name": "X",
                "last_name": "Y",
                "password": "a-Strong-pass-2026",
            },
            profile_data=PROFILE,
            career_fields=[],
        )
    assert result is None
    assert not MentorProfile.objects.exists()
    assert User.objects.filter(email__iexact="taken@example.com").get() == existing
    [message] = mail.outbox
    assert message.to == ["taken@example.com"]


def test_a_signed_in_alum_with_a_student_account_becomes_a_mentor():
    alum = StudentUserFactory()
    profile = mentor_volunteer(
        request=None, user=alum, profile_data=PROFILE, career_fields=[], time_zone=""
    )
    alum.refresh_from_db()
    assert alum.role == User.Role.MENTOR
    assert profile.status == MentorProfile.Status.PENDING


def test_staff_keep_their_role_when_they_volunteer():
    staff = StaffUserFactory()
    mentor_volunteer(request=None, user=staff, profile_data=PROFILE, career_fields=[])
    staff.refresh_from_db()
    assert staff.role == User.Role.STAFF


def test_approval_records_who_and_when_and_emails_through_the_outbox(
    django_capture_on_commit_callbacks,
):
    staff = StaffUserFactory()
    profile = MentorProfileFactory(status="pending", approved_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        mentor_approve(profile=profile, by=staff)
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.APPROVED
    assert profile.approved_by == staff
    assert profile.approved_at is not None
    row = Notification.objects.get(kind="mentor.approved")
    assert row.recipient_id == profile.user_id
    assert row.subject_key == f"mentor:{profile.pk}"
    [message] = mail.outbox
    assert message.to == [profile.user.email]
    assert "Career Mentor" in message.subject
    assert f"/mentors/{profile.pk}/" in message.body
    assert message.alternatives  # an HTML part too


def test_rejection_emails_the_volunteer_and_approving_twice_changes_nothing(
    django_capture_on_commit_callbacks,
):
    staff = StaffUserFactory()
    declined = MentorProfileFactory(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        mentor_reject(profile=declined, by=staff)
    declined.refresh_from_db()
    assert declined.status == MentorProfile.Status.REJECTED
    assert [m.to for m in mail.outbox] == [[declined.user.email]]

    approved = MentorProfileFactory(status="approved")
    outcome = mentors_approve(profile_ids=[approved.pk], by=staff)
    assert (outcome.changed, outcome.refused) == ([], [])
    assert not Notification.objects.filter(kind="mentor.approved").exists()


def test_bulk_approval_approves_each_pending_volunteer():
    staff = StaffUserFactory()
    pending = MentorProfileFactory.create_batch(3, status="pending")
    outcome = mentors_approve(profile_ids=[p.pk for p in pending], by=staff)
    assert [p.pk for p in outcome.changed] == sorted(p.pk for p in pending)
    assert Notification.objects.filter(kind="mentor.approved").count() == 3


def _unconfirmed_volunteer(**kwargs) -> MentorProfile:
    return MentorProfileFactory(
        status="pending", approved_at=None, user=MentorUserFactory(email_verified=False), **kwargs
    )


def test_a_volunteer_with_an_unconfirmed_address_cannot_be_approved():
    staff = StaffUserFactory()
    volunteer = _unconfirmed_volunteer()
    with pytest.raises(MentorEmailUnverified, match=volunteer.user.email):
        mentor_approve(profile=volunteer, by=staff)
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.approved_by, volunteer.approved_at) == (
        "pending",
        None,
        None,
    )
    assert not Notification.objects.exists()

    EmailAddress.objects.filter(user=volunteer.user).update(verified=True)
    assert mentor_approve(profile=volunteer, by=staff).status == "approved"


def test_bulk_approval_refuses_each_unconfirmed_volunteer_and_approves_the_rest():
    staff = StaffUserFactory()
    confirmed = MentorProfileFactory(status="pending")
    unconfirmed = _unconfirmed_volunteer()
    outcome = mentors_approve(profile_ids=[confirmed.pk, unconfirmed.pk], by=staff)
    assert [p.pk for p in outcome.changed] == [confirmed.pk]
    [(refused, reason)] = outcome.refused
    assert refused.pk == unconfirmed.pk
    assert unconfirmed.user.email in reason
    assert set(Notification.objects.values_list("to_email", flat=True)) == {confirmed.user.email}


def test_a_retired_mentor_who_comes_back_can_be_approved_again():
    staff = StaffUserFactory()
    retired = MentorProfileFactory(status="retired")
    assert mentor_approve(profile=retired, by=staff).status == "approved"


def test_the_approval_email_links_to_site_url_not_the_sites_framework(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://careers.example.edu"
    profile = MentorProfileFactory(status="pending", approved_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        mentor_approve(profile=profile, by=StaffUserFactory())
    [message] = mail.outbox
    assert f"https://careers.example.edu/mentors/{profile.pk}/" in message.body
    assert "https://careers.example.edu/mentors/me/" in message.body
    html = message.alternatives[0][0]
    assert f"https://careers.example.edu/mentors/{profile.pk}/" in html
    assert "example.com" not in message.body + html


def test_profile_update_refreshes_search_columns_and_time_zone():
    profile = MentorProfileFactory()
    law = CareerField.objects.get(slug="law")
    mentor_profile_update(
        profile=profile,
        data={**PROFILE, "employer": "Ropes & Gray"},
        career_fields=[law],
        time_zone="Europe/London",
    )
    profile.refresh_from_db()
    assert profile.employer == "Ropes & Gray"
    assert profile.fields_text == "Law (Derecho)"
    assert profile.user.time_zone == "Europe/London"
    assert profile.status == MentorProfile.Status.APPROVED


def test_pause_resume_and_retire():
    profile = MentorProfileFactory()
    until = timezone.localdate() + datetime.timedelta(days=10)
    mentor_pause(profile=profile, until=until)
    assert (profile.status, profile.paused_until) == (MentorProfile.Status.PAUSED, until)
    mentor_resume(profile=profile)
    assert (profile.status, profile.paused_until) == (MentorProfile.Status.APPROVED, None)
    mentor_retire(profile=profile)
    assert profile.status == MentorProfile.Status.RETIRED
    with pytest.raises(MentorStateError):
        mentor_pause(profile=profile, until=until)


def test_pause_needs_a_future_date_and_an_approved_mentor():
    with pytest.raises(MentorStateError):
        mentor_pause(profile=MentorProfileFactory(), until=timezone.localdate())
    with pytest.raises(MentorStateError):
        mentor_pause(
            profile=MentorProfileFactory(status="pending"),
            until=timezone.localdate() + datetime.timedelta(days=3),
        )


def test_daily_task_resumes_mentors_whose_return_date_has_come():
    today = timezone.localdate()
    due = MentorProfileFactory(status="paused", paused_until=today)
    later = MentorProfileFactory(status="paused", paused_until=today + datetime.timedelta(days=1))
    assert resume_paused_mentors.delay().get() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, due.paused_until) == (MentorProfile.Status.APPROVED, None)
    assert later.status == MentorProfile.Status.PAUSED


def test_monthly_load_counts_up_and_never_below_zero():
    mentor = MentorProfileFactory(monthly_cap=2)
    now = timezone.now()
    assert mentor_has_capacity(mentor=mentor, month_of=now)
    assert mentor_load_add(mentor=mentor, month_of=now, delta=1).count == 1
    assert mentor_has_capacity(mentor=mentor, month_of=now)
    load = mentor_load_add(mentor=mentor.pk, month_of=now.date(), delta=1)
    assert load.count == 2
    assert load.month == timezone.localdate().replace(day=1)
    assert not mentor_has_capacity(mentor=mentor, month_of=now)
    assert mentor_load_add(mentor=mentor, month_of=now, delta=-5).count == 0
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    assert mentor_has_capacity(mentor=mentor, month_of=next_month)
