"""Data migrations that carry older rows into newer rules."""

import importlib

import pytest
from django.apps import apps

from students.models import ResumeSnapshot
from tests.factories import InterviewFactory, StudentProfileFactory

pytestmark = pytest.mark.django_db

snapshot_migration = importlib.import_module(
    "interviews.migrations.0006_snapshot_resumes_of_open_requests"
)


def test_open_requests_from_before_snapshots_keep_the_resume_the_mentor_has_been_seeing():
    profile = StudentProfileFactory()
    profile.resume.name = "resumes/older-request.pdf"
    profile.save(update_fields=["resume"])
    open_one = InterviewFactory(student=profile.user, resume_attached=True)
    declined = InterviewFactory(student=profile.user, resume_attached=True, status="declined")
    without = InterviewFactory(student=profile.user, resume_attached=False)

    snapshot_migration.snapshot_open_requests(apps, None)
    snapshot_migration.snapshot_open_requests(apps, None)  # safe to run again

    [snapshot] = ResumeSnapshot.objects.all()
    assert snapshot.subject_key == open_one.subject_key
    assert snapshot.file.name == "resumes/older-request.pdf"
    assert declined.subject_key != snapshot.subject_key != without.subject_key
