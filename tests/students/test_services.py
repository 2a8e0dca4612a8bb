import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from mentors.models import CareerField
from students.models import Contact, StudentProfile
from students.services import (
    contact_create,
    contact_create_referral,
    contact_delete,
    contact_update,
    resume_response,
    student_data_erase,
    student_profile_update,
    student_resume_delete,
    student_resume_replace,
)
from students.storage import private_storage
from tests.factories import ContactFactory, StudentProfileFactory, StudentUserFactory

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def pdf(name="resume.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def complete_values():
    return {
        "class_year": 2028,
        "majors": "History",
        "career_stage": StudentProfile.CareerStage.EXPLORING,
        "goals": "Find out what museum curators do all day.",
        "fields_of_interest": CareerField.objects.order_by("pk")[:2],
    }


def test_profile_becomes_complete_when_nothing_required_is_missing():
    user = StudentUserFactory()
    partial = student_profile_update(user=user, majors="History")
    assert not partial.is_complete

    profile = student_profile_update(user=user, time_zone="Europe/Berlin", **complete_values())

    assert profile.is_complete
    assert profile.fields_of_interest.count() == 2
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"


def test_completed_at_stays_put_on_later_edits():
    user = StudentUserFactory()
    first = student_profile_update(user=user, **complete_values()).completed_at
    again = student_profile_update(user=user, goals="Something new.")
    assert again.completed_at == first


def test_unknown_profile_fields_are_refused():
    with pytest.raises(TypeError):
        student_profile_update(user=StudentUserFactory(), is_staff=True)


def test_resume_is_stored_under_a_random_name_and_replacing_deletes_the_old_file(
    django_capture_on_commit_callbacks, private_media
):
    profile = StudentProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        student_resume_replace(profile=profile, upload=pdf("My CV.pdf"))
    old_name = profile.resume.name
    assert old_name.startswith("resumes/")
    assert "CV" not in old_name
    assert profile.resume_name == "My_CV.pdf"
    assert (private_media / old_name).read_bytes() == PDF_BYTES

    with django_capture_on_commit_callbacks(execute=True):
        student_resume_replace(profile=profile, upload=pdf("new.pdf"))

    assert profile.resume.name != old_name
    assert not private_storage.exists(old_name)
    assert private_storage.exists(profile.resume.name)


def test_resume_can_be_uploaded_with_the_profile(django_capture_on_commit_callbacks):
    user = StudentUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        profile = student_profile_update(user=user, resume=pdf(), **complete_values())
    assert profile.resume
    assert profile.resume_uploaded_at is not None


def test_a_non_pdf_never_reaches_the_disk(private_media):
    profile = StudentProfileFactory()
    with pytest.raises(ValidationError):
        student_resume_replace(profile=profile, upload=pdf(content=b"<html></html>"))
    assert not private_media.exists() or not any(private_media.rglob("*.pdf"))


def test_resume_delete_removes_the_file(django_capture_on_commit_callbacks):
    profile = StudentProfileFactory()
    student_resume_replace(profile=profile, upload=pdf())
    name = profile.resume.name
    with django_capture_on_commit_callbacks(execute=True):
        student_resume_delete(profile=profile)
    profile.refresh_from_db()
    assert not profile.resume
    assert profile.resume_name == ""
    assert not private_storage.exists(name)


def test_resume_response_is_an_attachment_that_browsers_do_not_sniff():
    profile = StudentProfileFactory(user__first_name="Ada", user__last_name="Lovelace")
    student_resume_replace(profile=profile, upload=pdf())

    response = resume_response(profile=profile)

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="resume-ada-lovelace.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_resume_response_without_a_file_is_404():
    with pytest.raises(Http404):
        resume_response(profile=StudentProfileFactory())


def test_contact_create_update_delete():
    student = StudentUserFactory()
    field = CareerField.objects.first()
    contact = contact_create(
        student=student,
        name="Ana Ruiz",
        relationship=Contact.Relationship.FAMILY,
        career_field=field,
        connection="My aunt; she is a nurse.",
    )
    assert contact.status == Contact.Status.TO_CONTACT
    assert contact.origin == Contact.Origin.FIRST_DEGREE

    contact_update(contact=contact, status=Contact.Status.CONTACTED, notes="Emailed Monday.")
    contact.refresh_from_db()
    assert contact.status == Contact.Status.CONTACTED
    assert contact.notes == "Emailed Monday."

    contact_delete(contact=contact)
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_referral_from_a_conversation():
    student = StudentUserFactory()
    jane = ContactFactory(student=student, name="Jane Doe")

    referral = contact_create_referral(
        student=student,
        name="Lee Park",
        referred_by_name="Jane Doe",
        referred_by=jane,
        organization="Acme Labs",
    )

    assert referral.origin == Contact.Origin.REFERRAL
    assert referral.status == Contact.Status.TO_CONTACT
    assert referral.referred_by == jane
    assert referral.referrer_display == "Jane Doe"


def test_referral_needs_someone_who_referred():
    with pytest.raises(ValidationError):
        contact_create_referral(student=StudentUserFactory(), name="Lee", referred_by_name="")


def test_referrer_must_be_on_the_same_students_list():
    someone_elses = ContactFactory()
    with pytest.raises(ValidationError):
        contact_create_referral(
            student=StudentUserFactory(),
            name="Lee",
            referred_by_name="X",
            referred_by=someone_elses,
        )


def test_contact_cannot_be_its_own_referrer():
    contact = ContactFactory()
    with pytest.raises(ValidationError):
        contact_update(contact=contact, origin=Contact.Origin.REFERRAL, referred_by=contact)


def test_referrals_cannot_go_round_in_a_circle():
    a = ContactFactory(name="Ana")
    b = ContactFactory(student=a.student, name="Ben", origin=Contact.Origin.REFERRAL, referred_by=a)
    c = ContactFactory(student=a.student, name="Cy", origin=Contact.Origin.REFERRAL, referred_by=b)

    with pytest.raises(ValidationError) as error:
        contact_update(contact=a, origin=Contact.Origin.REFERRAL, referred_by=c)

    assert "Cy came to you through Ana" in str(error.value)
    a.refresh_from_db()
    assert a.referred_by is None
    contact_update(contact=c, referred_by=a)  # a shorter chain without a loop is fine
    assert Contact.objects.get(pk=c.pk).referred_by == a


def test_student_data_erase_removes_profile_contacts_and_resume(
    django_capture_on_commit_callbacks,
):
    profile = StudentProfileFactory()
    student_resume_replace(profile=profile, upload=pdf())
    ContactFactory.create_batch(2, student=profile.user)
    other = ContactFactory()
    name = profile.resume.name

    with django_capture_on_commit_callbacks(execute=True):
        student_data_erase(user=profile.user)

    assert not StudentProfile.objects.filter(user=profile.user).exists()
    assert not Contact.objects.filter(student=profile.user).exists()
    assert Contact.objects.filter(pk=other.pk).exists()
    assert not private_storage.exists(name)


def _referral_picked_from_the_list(student, referrer: Contact) -> Contact:
    # The form's "…or pick the referrer from your list", with no name typed.
    return contact_create(
        student=student, name="Lee Park", origin=Contact.Origin.REFERRAL, referred_by=referrer
    )


def test_deleting_a_referrer_keeps_their_name_on_the_people_they_referred():
    student = StudentUserFactory()
    jane = ContactFactory(student=student, name="Jane Doe")
    lee = _referral_picked_from_the_list(student, jane)
    typed = contact_create(
        student=student,
        name="Sam Roe",
        origin=Contact.Origin.REFERRAL,
        referred_by=jane,
        referred_by_name="Jane from the lab",
    )

    contact_delete(contact=jane)

    lee.refresh_from_db()
    typed.refresh_from_db()
    assert lee.referred_by is None
    assert lee.referrer_display == "Jane Doe"
    assert typed.referrer_display == "Jane from the lab"  # what the student typed stays


def test_the_whole_list_with_chains_of_referrals_can_be_erased():
    profile = StudentProfileFactory()
    student = profile.user
    first = ContactFactory(student=student, name="Ana")
    second = _referral_picked_from_the_list(student, first)
    third = contact_create(
        student=student, name="Cy", origin=Contact.Origin.REFERRAL, referred_by=second
    )
    kept = ContactFactory(name="Someone else's")

    student_data_erase(user=student)

    assert not Contact.objects.filter(pk__in=[first.pk, second.pk, third.pk]).exists()
    assert Contact.objects.filter(pk=kept.pk).exists()
