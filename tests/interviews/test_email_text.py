"""Subjects and plain-text parts are read as typed; only the HTML part is escaped."""

import pytest

from interviews import services
from mentors.services import mentor_approve
from notifications.models import Notification
from tests.factories import MentorProfileFactory, StaffUserFactory, StudentProfileFactory
from tests.outbox import rendered

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(db):
    return MentorProfileFactory(
        monthly_cap=5,
        display_name="Pat O'Brien",
        employer="AT&T",
        user__first_name="Pat",
        user__last_name="O'Brien",
    )


@pytest.fixture
def student(db):
    return StudentProfileFactory(user__first_name="D'Andre", user__last_name="Smith").user


def test_names_with_apostrophes_and_ampersands_reach_the_reader_unescaped(
    student, mentor, request_kwargs
):
    interview = services.interview_request_create(
        student=student,
        mentor_id=mentor.pk,
        **request_kwargs(goal="How AT&T's network teams plan a year.", research="Q&A <notes>"),
    )
    services.interview_accept(
        interview=interview,
        by=mentor.user,
        format="video",
        meeting_details="https://video.example.com/?a=1&b=2",
        proposal_id=interview.proposals.order_by("starts_at").first().pk,
    )
    accepted = rendered(
        Notification.objects.get(kind="interview.scheduled", to_email=student.email)
    )
    assert accepted.subject.startswith("Pat O'Brien accepted: informational interview, ")
    assert "Dear D'Andre," in accepted.body_text
    assert "https://video.example.com/?a=1&b=2" in accepted.body_text
    assert "&#x27;" not in accepted.body_text and "&amp;" not in accepted.body_text
    # The HTML part is still escaped: what a person typed is never markup.
    assert "O&#x27;Brien" in accepted.body_html
    request_new = rendered(Notification.objects.get(kind="interview.request_new"))
    assert "How AT&T's network teams plan a year." in request_new.body_text
    assert "Q&A <notes>" in request_new.body_text
    assert "Q&amp;A &lt;notes&gt;" in request_new.body_html
    prep = rendered(Notification.objects.get(kind="reminder.prep"))
    assert "&#x27;" not in prep.subject


def test_the_approval_email_greets_a_d_arcy_by_name(db):
    mentor = MentorProfileFactory(status="pending", user__first_name="D'Arcy")
    mentor_approve(profile=mentor, by=StaffUserFactory())
    approved = rendered(Notification.objects.get(to_email=mentor.user.email))
    assert "Dear D'Arcy," in approved.body_text
    assert "&#x27;" not in approved.body_text + approved.subject


def test_interview_emails_are_signed_by_the_institution_unescaped_in_the_text(
    student, mentor, request_kwargs, settings
):
    settings.INSTITUTION_NAME = "St. Mary's College & Seminary"
    services.interview_request_create(student=student, mentor_id=mentor.pk, **request_kwargs())
    request_new = rendered(Notification.objects.get(kind="interview.request_new"))
    assert (
        "With thanks,\n"
        f"{settings.SITE_NAME}\n"
        "St. Mary's College & Seminary\n"
        f"Questions? {settings.INSTITUTION_CONTACT_EMAIL}\n"
    ) in request_new.body_text
    assert "St. Mary&#x27;s College &amp; Seminary" in request_new.body_html
