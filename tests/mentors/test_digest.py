import datetime

import pytest
from django.utils import timezone

from mentors.services import mentor_staff_digest_send
from notifications.models import Notification
from tests.factories import MentorProfileFactory, StaffUserFactory
from tests.outbox import rendered

pytestmark = pytest.mark.django_db


def test_staff_hear_weekly_about_waiting_volunteers_once_per_week():
    staff = StaffUserFactory()
    MentorProfileFactory(status="pending", employer="Quillfeather Analytics")
    MentorProfileFactory(status="approved")
    now = timezone.now()
    assert mentor_staff_digest_send(now=now) == 1
    assert mentor_staff_digest_send(now=now + datetime.timedelta(hours=1)) == 0  # same week
    digest = rendered(Notification.objects.get(kind="staff.digest"))
    assert digest.to_email == staff.email
    assert "1 volunteer is waiting for approval" in digest.subject
    assert "Quillfeather Analytics" in digest.body_text
    assert "/admin/mentors/pendingmentorprofile/" in digest.body_text
    assert mentor_staff_digest_send(now=now + datetime.timedelta(days=7)) == 1


def test_no_digest_when_nobody_is_waiting():
    StaffUserFactory()
    MentorProfileFactory(status="approved")
    assert mentor_staff_digest_send(now=timezone.now()) == 0
    assert not Notification.objects.filter(kind="staff.digest").exists()
