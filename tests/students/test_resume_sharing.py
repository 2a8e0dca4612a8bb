"""A résumé attached to a request: the file as it was then, for as long as the request
can still lead to a conversation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.models import Interview
from interviews.services import interview_decline, interview_request_create
from students.models import ResumeSnapshot
from students.services import student_resume_delete, student_resume_replace
from students.storage import private_storage
from tests.factories import MentorProfileFactory, StudentProfileFactory
from tests.interviews.conftest import window

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db
NEWER = PDF_BYTES.replace(b"%%EOF", b"% a newer version\n%%EOF")


def pdf(content=PDF_BYTES):
    return SimpleUploadedFile("cv.pdf", content, "application/pdf")


@pytest.fixture
def shared(django_capture_on_commit_callbacks):
    profile = StudentProfileFactory()
    student_resume_replace(profile=profile, upload=pdf())
    interview = interview_request_create(
        student=profile.user,
        mentor_id=MentorProfileFactory(monthly_cap=5).pk,
        goal="Learn the field.",
        research="Read the annual report.",
        not_a_job_request=True,
        duration_minutes=30,
        formats=["video"],
        windows=[window(3, 15)],
        attach_resume=True,
    )
    return interview


def download(client, interview):
    client.force_login(interview.mentor.user)
    return client.get(f"/interviews/{interview.pk}/resume/")


def test_the_mentor_gets_the_file_attached_at_the_request_not_a_newer_one(
    client, shared, django_capture_on_commit_callbacks
):
    profile = shared.student.student_profile
    first_file = profile.resume.name
    with django_capture_on_commit_callbacks(execute=True):
        student_resume_replace(profile=profile, upload=pdf(NEWER))

    response = download(client, shared)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert private_storage.exists(first_file)  # still shared, so kept
    # Deleting the résumé from the profile does not reach into what was shared either.
    with django_capture_on_commit_callbacks(execute=True):
        student_resume_delete(profile=profile)
    assert download(client, shared).status_code == 200


def test_a_request_without_a_resume_shares_none(client):
    interview = Interview.objects.create(
        student=StudentProfileFactory().user,
        mentor=MentorProfileFactory(),
        goal="x",
        research="y",
        not_a_job_request=True,
        resume_attached=True,  # an old row, from before résumés were kept per request
    )
    assert download(client, interview).status_code == 404


def test_declining_ends_the_mentors_access_and_hides_the_link(client, shared):
    dashboard = f"/interviews/{shared.pk}/resume/"
    client.force_login(shared.mentor.user)
    assert dashboard in client.get(f"/interviews/{shared.pk}/").content.decode()

    interview_decline(interview=shared, by=shared.mentor.user, reason="Travelling this month.")

    assert download(client, shared).status_code == 404
    assert dashboard not in client.get(f"/interviews/{shared.pk}/").content.decode()


@pytest.mark.parametrize("status", ["withdrawn", "expired", "cancelled"])
def test_every_end_without_a_conversation_ends_the_access(client, shared, status):
    Interview.objects.filter(pk=shared.pk).update(status=status)
    assert download(client, shared).status_code == 404


@pytest.mark.parametrize("status", ["accepted", "completed", "no_show"])
def test_a_conversation_that_was_held_or_is_coming_keeps_it(client, shared, status):
    Interview.objects.filter(pk=shared.pk).update(status=status)
    assert download(client, shared).status_code == 200


def test_the_shared_file_goes_with_the_interview(shared, django_capture_on_commit_callbacks):
    name = ResumeSnapshot.objects.get(subject_key=shared.subject_key).file.name
    profile = shared.student.student_profile
    with django_capture_on_commit_callbacks(execute=True):
        student_resume_replace(profile=profile, upload=pdf(NEWER))
    assert private_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        shared.delete()

    assert not ResumeSnapshot.objects.filter(subject_key=shared.subject_key).exists()
    assert not private_storage.exists(name)
    assert private_storage.exists(profile.resume.name)  # the current one is untouched
