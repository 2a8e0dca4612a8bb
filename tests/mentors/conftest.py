import pytest
from django.test import Client

from mentors.demo import _copy
from mentors.models import MentorProfile
from tests.factories import MentorUserFactory, StudentUserFactory


@pytest.fixture
def student(db):
    return StudentUserFactory()


@pytest.fixture
def student_client(student):
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def copied_mentor(db) -> MentorProfile:
    """A mentor written as seed_demo writes them: with COPY, which sends no signals
    (only the database's own triggers see it)."""
    user = MentorUserFactory()
    _copy(
        MentorProfile,
        [{"user_id": user.pk, "status": "approved", "display_name": "Hal Pilot",
          "job_title": "Harbour pilot", "employer": "Port of Oakland"}],
    )  # fmt: skip
    return MentorProfile.objects.get(user=user)
