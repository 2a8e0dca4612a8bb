"""Writes about students: the profile, the résumé file, the networking list."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from mentors.models import CareerField, MentorProfile

from .models import Contact, ResumeSnapshot, StudentProfile
from .selectors import profile_missing_required
from .storage import private_storage
from .validators import validate_resume

PROFILE_FIELDS = frozenset(
    {"class_year", "majors", "minors", "career_stage", "goals", "linkedin_url"}
)
CONTACT_FIELDS = frozenset(
    {
        "name",
        "relationship",
        "organization",
        "role",
        "career_field",
        "email",
        "phone",
        "connection",
        "status",
        "notes",
        "origin",
        "referred_by_name",
        "referred_by",
        "mentor",
        "may_cite_referrer",
    }
)


logger = logging.getLogger(__name__)


def _file_in_use(name: str) -> bool:
    return (
        StudentProfile.objects.filter(resume=name).exists()
        or ResumeSnapshot.objects.filter(file=name).exists()
    )


def _delete_file_after_commit(name: str | None) -> None:
    """Remove a stored file once the row that pointed at it is safely saved or gone, and
    no other row (a résumé shared with a request) still names it."""
    if not name:
        return

    def delete() -> None:
        if _file_in_use(name):
            return
        try:
            private_storage.delete(name)
        except OSError:  # the row is gone already; an orphan file is only wasted space
            logger.exception("Could not delete the stored file %s", name)

    transaction.on_commit(delete)


def _display_name(upload: UploadedFile) -> str:
    base = os.path.basename((upload.name or "").replace("\\", "/"))
    return (get_valid_filename(base) if base.strip(" ._") else "resume.pdf")[:200]


@transaction.atomic
def student_profile_update(
    *,
    user,
    fields_of_interest: Iterable[CareerField] | None = None,
    time_zone: str | None = None,
    resume: UploadedFile | None = None,
    **values,
) -> StudentProfile:
    """Create or update the student's profile; it is complete once nothing required is missing.

    ``time_zone`` lives on the User, since every app shows times in it.
    """
    unknown = set(values) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    profile, _created = StudentProfile.objects.select_for_update().get_or_create(user=user)
    for name, value in values.items():
        setattr(profile, name, value)
    if fields_of_interest is not None:
        profile.fields_of_interest.set(fields_of_interest)
    if resume is not None:
        _resume_store(profile=profile, upload=resume)
    missing = profile_missing_required(profile=profile)
    if missing:
        profile.completed_at = None
    elif profile.completed_at is None:
        profile.completed_at = timezone.now()
    profile.save()
    if time_zone and time_zone != user.time_zone:
        user.time_zone = time_zone
        user.save(update_fields=["time_zone"])
    return profile


def _resume_store(*, profile: StudentProfile, upload: UploadedFile) -> None:
    validate_resume(upload)
    old_name = profile.resume.name
    display_name = _display_name(upload)
    # The storage name comes from resume_upload_to (a random uuid), never from the upload.
    # The old file stays until the new one is complete and the row committed: a failed
    # upload loses nothing. At most one résumé's worth of extra space is needed meanwhile.
    try:
        profile.resume.save("resume.pdf", upload, save=False)
    except OSError as error:  # a full or read-only disk; the storage left no partial file
        logger.exception("Could not store a résumé")
        raise ValidationError(
            {
                "resume": _(
                    "Your résumé could not be stored just now (a problem on our side). "
                    "Nothing was changed and your answers are kept below: choose the file "
                    "again in a few minutes."
                )
            },
            code="resume_storage_failed",
        ) from error
    profile.resume_name = display_name
    profile.resume_uploaded_at = timezone.now()
    _delete_file_after_commit(old_name)


@transaction.atomic
def student_resume_replace(*, profile: StudentProfile, upload: UploadedFile) -> StudentProfile:
    _resume_store(profile=profile, upload=upload)
    profile.save(update_fields=["resume", "resume_name", "resume_uploaded_at", "updated_at"])
    return profile


@transaction.atomic
def student_resume_delete(*, profile: StudentProfile) -> StudentProfile:
    _delete_file_after_commit(profile.resume.name)
    profile.resume = ""
    profile.resume_name = ""
    profile.resume_uploaded_at = None
    profile.save(update_fields=["resume", "resume_name", "resume_uploaded_at", "updated_at"])
    return profile


def resume_response(*, profile: StudentProfile) -> HttpResponseBase:
    """The résumé as a download. Callers check permission first (``students.access``).

    A résumé shared with a request is served by ``resume_snapshot_response``.
    """
    return _resume_file_response(name=profile.resume.name, user=profile.user)


def _resume_file_response(*, name: str | None, user) -> HttpResponseBase:
    """The file streamed through this response, never a link to the storage itself.

    Streaming (rather than redirecting to a short-lived signed URL of the bucket) keeps
    one behaviour for disk and bucket: the download carries this response's headers (a
    sandboxing Content-Security-Policy, ``nosniff``, ``no-store``), its address never
    leaves the site (a signed URL works for anyone who has it until it expires, from a
    browser history or a forwarded email), and the bucket may stay on a private network
    the browser cannot reach. A résumé is at most 5 MB, so holding a web worker while it
    is sent costs little.
    """
    if not name:
        raise Http404(_("No résumé on file."))
    try:
        if not private_storage.exists(name):
            raise Http404(_("No résumé on file."))
        file = private_storage.open(name, "rb")
        label = slugify(user.get_full_name()) or f"student-{user.pk}"
        response: HttpResponseBase = FileResponse(
            file,
            as_attachment=True,
            filename=f"resume-{label}.pdf",
            content_type="application/pdf",
        )
    except OSError:
        logger.exception("Could not read the stored file %s", name)
        response = HttpResponse(
            _("The résumé cannot be fetched just now. Please try again in a few minutes."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@transaction.atomic
def resume_snapshot_create(*, student, subject_key: str) -> ResumeSnapshot | None:
    """Share the student's current résumé with ``subject_key`` (``interview:42``) as it is
    now; a later upload or deletion does not change what was shared. None without one."""
    # Locked, so a replacement committing meanwhile cannot delete the file named here.
    profile = StudentProfile.objects.select_for_update().filter(user=student).first()
    if profile is None or not profile.resume:
        return None
    return ResumeSnapshot.objects.create(
        student=student, subject_key=subject_key, file=profile.resume.name
    )


def resume_snapshot_response(*, subject_key: str) -> HttpResponseBase:
    """The résumé shared with ``subject_key`` as a download. Callers check permission."""
    snapshot = ResumeSnapshot.objects.select_related("student").filter(subject_key=subject_key)
    found = snapshot.first()
    if found is None:
        raise Http404(_("No résumé was shared."))
    return _resume_file_response(name=found.file.name, user=found.student)


@transaction.atomic
def resume_snapshots_delete(*, subject_keys: Iterable[str]) -> int:
    """Forget what was shared with these objects (and the files nobody else names)."""
    snapshots = list(ResumeSnapshot.objects.filter(subject_key__in=list(subject_keys)))
    ResumeSnapshot.objects.filter(pk__in=[s.pk for s in snapshots]).delete()
    for snapshot in snapshots:
        _delete_file_after_commit(snapshot.file.name)
    return len(snapshots)


def _check_referrer(*, student, referred_by: Contact | None) -> None:
    if referred_by is not None and referred_by.student_id != student.pk:
        raise ValidationError(
            {"referred_by": _("Choose someone from your own networking list.")},
            code="foreign_referrer",
        )


MAX_REFERRAL_CHAIN = 50


def _check_no_referral_loop(*, contact: Contact, referred_by: Contact | None) -> None:
    """Refuse "A was referred by B" when B was (through others) referred by A."""
    if referred_by is None:
        return
    referrer: Contact | None = referred_by
    for _step in range(MAX_REFERRAL_CHAIN):
        if referrer is None:
            return
        if referrer.referred_by_id == contact.pk:
            raise ValidationError(
                {
                    "referred_by": _(
                        "%(referrer)s came to you through %(name)s, so %(name)s cannot have "
                        "been referred by %(referrer)s."
                    )
                    % {"referrer": referred_by.name, "name": contact.name}
                },
                code="referral_loop",
            )
        referrer = referrer.referred_by


def _check_referral_names_someone(contact: Contact) -> None:
    if contact.is_referral and not (contact.referred_by_name or contact.referred_by_id):
        raise ValidationError(
            {"referred_by_name": _("Say who referred this person to you.")},
            code="referral_without_referrer",
        )


@transaction.atomic
def contact_create(*, student, name: str, **values) -> Contact:
    unknown = set(values) - CONTACT_FIELDS
    if unknown:
        raise TypeError(f"Unknown contact fields: {', '.join(sorted(unknown))}")
    _check_referrer(student=student, referred_by=values.get("referred_by"))
    contact = Contact(student=student, name=name, **values)
    _check_referral_names_someone(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, **values) -> Contact:
    unknown = set(values) - CONTACT_FIELDS
    if unknown:
        raise TypeError(f"Unknown contact fields: {', '.join(sorted(unknown))}")
    referred_by = values.get("referred_by")
    _check_referrer(student=contact.student, referred_by=referred_by)
    if referred_by is not None and referred_by.pk == contact.pk:
        raise ValidationError(
            {"referred_by": _("A person cannot refer themselves.")}, code="self_referrer"
        )
    _check_no_referral_loop(contact=contact, referred_by=referred_by)
    for name, value in values.items():
        setattr(contact, name, value)
    _check_referral_names_someone(contact)
    contact.save(update_fields=[*values, "updated_at"])
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    contact.delete()


@transaction.atomic
def contact_create_referral(
    *,
    student,
    name: str,
    referred_by_name: str,
    referred_by: Contact | None = None,
    organization: str = "",
    role: str = "",
    career_field: CareerField | None = None,
    email: str = "",
    phone: str = "",
    connection: str = "",
    notes: str = "",
    mentor: MentorProfile | None = None,
    may_cite_referrer: bool = False,
) -> Contact:
    """Add someone a conversation partner suggested ("Jane Doe suggested I contact you").

    The notebook calls this when a student records a referral from a conversation and
    links the returned contact to it. ``mentor`` is set when the person is a Career
    Mentor in the directory; with ``may_cite_referrer``, a request to them then offers
    the referrer's name as the citation.
    """
    return contact_create(
        student=student,
        name=name,
        origin=Contact.Origin.REFERRAL,
        relationship=Contact.Relationship.OTHER,
        status=Contact.Status.TO_CONTACT,
        referred_by_name=referred_by_name,
        referred_by=referred_by,
        organization=organization,
        role=role,
        career_field=career_field,
        email=email,
        phone=phone,
        connection=connection,
        notes=notes,
        mentor=mentor,
        may_cite_referrer=may_cite_referrer,
    )


@transaction.atomic
def student_data_erase(*, user) -> None:
    """Delete the profile, the résumé files (shared ones too) and the networking list of
    one person."""
    profile = StudentProfile.objects.filter(user=user).first()
    if profile is not None:
        _delete_file_after_commit(profile.resume.name)
        profile.delete()
    resume_snapshots_delete(
        subject_keys=ResumeSnapshot.objects.filter(student=user).values_list(
            "subject_key", flat=True
        )
    )
    Contact.objects.filter(student=user).delete()
