import re

import pytest
from django.db import IntegrityError

from students.models import Contact, StudentProfile, resume_upload_to
from students.storage import private_storage
from tests.factories import ContactFactory, StudentProfileFactory

pytestmark = pytest.mark.django_db


def test_resume_names_are_random_and_ignore_the_upload_name():
    first = resume_upload_to(None, "../../etc/passwd")
    second = resume_upload_to(None, "resume.pdf")
    assert re.fullmatch(r"resumes/[0-9a-f]{32}\.pdf", first)
    assert first != second


def test_private_storage_has_no_url(private_media):
    with pytest.raises(ValueError, match="not accessible via a URL"):
        private_storage.url("resumes/x.pdf")
    assert private_storage.location == str(private_media)


def test_profile_is_complete_once_completed():
    profile = StudentProfileFactory()
    assert profile.is_complete
    assert profile.user.student_profile == profile


def test_class_year_must_be_plausible():
    profile = StudentProfileFactory()
    profile.class_year = 20
    with pytest.raises(IntegrityError):
        profile.save(update_fields=["class_year"])


def test_a_referral_must_name_who_referred():
    contact = ContactFactory()
    with pytest.raises(IntegrityError):
        Contact.objects.create(
            student=contact.student, name="Nobody", origin=Contact.Origin.REFERRAL
        )


def test_a_contact_cannot_refer_themselves():
    contact = ContactFactory()
    contact.referred_by = contact
    with pytest.raises(IntegrityError):
        contact.save(update_fields=["referred_by"])


def test_referrer_display_prefers_the_linked_contact():
    known = ContactFactory(name="Jane Doe")
    referral = ContactFactory(
        student=known.student,
        origin=Contact.Origin.REFERRAL,
        referred_by=known,
        referred_by_name="J. Doe",
    )
    assert referral.is_referral
    assert referral.referrer_display == "Jane Doe"
    assert list(known.referrals.all()) == [referral]


def test_career_stages_follow_the_practice():
    assert [c for c, _ in StudentProfile.CareerStage.choices] == [
        "undecided",
        "exploring",
        "focused",
        "job_search",
    ]
