"""Writes for Career Mentors: volunteering, approval, pausing, and the monthly load."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from allauth.account.utils import complete_signup
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.db import transaction
from django.db.models import Case, F, Func, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, Trim
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from notifications.services import notification_enqueue, notification_void_pending
from users.models import User
from users.selectors import user_email_is_verified
from users.services import request_language

from .directory_cache import directory_cache_bump
from .emails import APPROVED, REJECTED, STAFF_DIGEST, mentor_email_queue
from .models import CareerField, MentorMonthlyLoad, MentorProfile

# Everything on the profile a mentor may set themselves (status and approval are not).
PROFILE_FIELDS = (
    "graduation_year",
    "degree",
    "major",
    "employer",
    "job_title",
    "industry",
    "city",
    "region",
    "country",
    "open_to_remote",
    "bio",
    "topics",
    "meeting_formats",
    "preferred_contact",
    "phone",
    "monthly_cap",
    "reviews_resumes",
    "associations",
    "website",
)


def first_of_month(day: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return day.replace(day=1)


def _field_search_name() -> Func:
    """One career field as ``fields_text`` holds it: its English name, and its Spanish one
    in brackets where that differs ("Law (Derecho)", "Marketing"), so a search in either
    language finds the mentor."""
    english = F("careerfield__name_en")
    spanish_differs = Q(careerfield__name_es__gt="") & ~Q(careerfield__name_es=english)
    spanish = Case(
        When(
            spanish_differs,
            then=Concat(Value("("), "careerfield__name_es", Value(")"), output_field=TextField()),
        )
    )
    # CONCAT_WS leaves out a NULL: the English alone when there is no other Spanish name.
    return Func(
        english,
        spanish,
        function="CONCAT_WS",
        template="%(function)s(' ', %(expressions)s)",
        output_field=TextField(),
    )


def mentor_search_text_refresh(*, mentor_ids: Iterable[int] | None = None) -> int:
    """Copy names and career field names (in English and Spanish) onto the profiles, for
    the search columns.

    One UPDATE for any number of profiles; call it after the name or the fields change.
    """
    names = (
        User.objects.filter(pk=OuterRef("user_id"))
        .annotate(full=Trim(Concat("first_name", Value(" "), "last_name")))
        .values("full")
    )
    fields = (
        MentorProfile.career_fields.through.objects.filter(mentorprofile_id=OuterRef("pk"))
        .values("mentorprofile_id")
        .annotate(
            text=StringAgg(
                _field_search_name(),
                delimiter=", ",
                order_by=F("careerfield__name_en"),
            )
        )
        # The plugin loses annotations made after values(); "text" is the one just above.
        .values("text")  # type: ignore[misc]
    )
    profiles = MentorProfile.objects.all()
    if mentor_ids is not None:
        profiles = profiles.filter(pk__in=list(mentor_ids))
    updated = profiles.update(
        display_name=Coalesce(Subquery(names), Value("")),
        fields_text=Coalesce(Subquery(fields), Value("")),
    )
    directory_cache_bump()
    return updated


def _apply_profile_data(profile: MentorProfile, data: dict[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])


def _save_profile(
    *, profile: MentorProfile, data: dict[str, Any], career_fields: Iterable[CareerField]
) -> MentorProfile:
    _apply_profile_data(profile, data)
    profile.full_clean(exclude=["user", "career_fields"])
    profile.save()
    profile.career_fields.set(list(career_fields))
    mentor_search_text_refresh(mentor_ids=[profile.pk])
    profile.refresh_from_db(fields=["display_name", "fields_text"])
    return profile


@transaction.atomic
def mentor_volunteer(
    *,
    request: HttpRequest | None,
    profile_data: dict[str, Any],
    career_fields: Iterable[CareerField],
    user: User | None = None,
    account_data: dict[str, Any] | None = None,
    time_zone: str = "",
) -> MentorProfile | None:
    """Create a pending mentor profile, and the account too when ``user`` is None.

    A new account gets an unverified address and allauth's verification email. When the
    address belongs to an account already, nothing is created and that address is told
    so by email (the page reads the same either way, so addresses cannot be probed);
    the function then returns None.
    """
    if user is None:
        assert account_data is not None
        email = account_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists() or (
            EmailAddress.objects.filter(email__iexact=email).exists()
        ):
            from allauth.account.adapter import get_adapter

            get_adapter(request).send_account_already_exists_mail(email)
            return None
        user = User(
            email=email,
            first_name=account_data["first_name"].strip(),
            last_name=account_data["last_name"].strip(),
            role=User.Role.MENTOR,
            time_zone=time_zone or settings.TIME_ZONE,
            language=request_language(request),
        )
        user.set_password(account_data["password"])
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        if request is not None:
            # allauth's own sign-up ending: it sends the confirmation email and keeps the
            # sign-in pending in this browser, so following the link here signs them in
            # (as students are); its "check your inbox" response is not used, the
            # volunteer page thanks them instead.
            with allauth_context.request_context(request):
                complete_signup(
                    request,
                    user,
                    account_settings.EmailVerificationMethod.MANDATORY,
                    reverse("mentors:edit"),
                )
    else:
        update = ["time_zone"]
        user.time_zone = time_zone or user.time_zone
        if user.role == User.Role.STUDENT:
            # An alum with an old student account now volunteers as a mentor.
            user.role = User.Role.MENTOR
            update.append("role")
        user.save(update_fields=update)
    profile = MentorProfile(
        user=user, status=MentorProfile.Status.PENDING, consented_at=timezone.now()
    )
    return _save_profile(profile=profile, data=profile_data, career_fields=career_fields)


@transaction.atomic
def mentor_profile_update(
    *,
    profile: MentorProfile,
    data: dict[str, Any],
    career_fields: Iterable[CareerField],
    time_zone: str = "",
) -> MentorProfile:
    """The mentor edits their own profile; approval status is left as it is."""
    if time_zone and time_zone != profile.user.time_zone:
        profile.user.time_zone = time_zone
        profile.user.save(update_fields=["time_zone"])
    return _save_profile(profile=profile, data=data, career_fields=career_fields)


class MentorStateError(ApplicationError):
    """The profile is not in a state that allows this change."""


class MentorEmailUnverified(MentorStateError):
    """The volunteer has not confirmed their email address, so cannot be listed yet."""


APPROVABLE = (
    MentorProfile.Status.PENDING,
    MentorProfile.Status.REJECTED,
    MentorProfile.Status.RETIRED,
)


@dataclass
class BulkOutcome:
    """What a bulk decision did: the profiles it changed, and those it refused, with why."""

    changed: list[MentorProfile] = field(default_factory=list)
    refused: list[tuple[MentorProfile, str]] = field(default_factory=list)


@transaction.atomic
def mentor_approve(*, profile: MentorProfile, by: User) -> MentorProfile:
    """Staff approve a volunteer, a previously rejected one, or a retired mentor who
    asked to come back; they are told by email. Approved or paused mentors are left as
    they are.

    Raises ``MentorEmailUnverified`` while the volunteer's address is unconfirmed: a
    listed mentor must be reachable at the address students' requests go to.
    """
    profile = MentorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status not in APPROVABLE:
        return profile
    if not user_email_is_verified(user=profile.user):
        raise MentorEmailUnverified(
            _("%(name)s has not confirmed their email address (%(email)s) yet.")
            % {"name": profile.display_name or profile.user, "email": profile.user.email}
        )
    profile.status = MentorProfile.Status.APPROVED
    profile.approved_by = by
    profile.approved_at = timezone.now()
    profile.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    notification_void_pending(subject_key=f"mentor:{profile.pk}", kinds=[REJECTED])
    mentor_email_queue(profile=profile, kind=APPROVED)
    return profile


@transaction.atomic
def mentor_reject(*, profile: MentorProfile, by: User, reason: str = "") -> MentorProfile:
    """Staff decline a pending volunteer; they get a courteous email."""
    profile = MentorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status != MentorProfile.Status.PENDING:
        return profile
    profile.status = MentorProfile.Status.REJECTED
    profile.save(update_fields=["status", "updated_at"])
    mentor_email_queue(profile=profile, kind=REJECTED, params={"reason": reason})
    return profile


def mentors_approve(*, profile_ids: Iterable[int], by: User) -> BulkOutcome:
    """Approve several volunteers, each in its own transaction, so one refusal (an
    unconfirmed address) leaves the others approved."""
    outcome = BulkOutcome()
    for profile in MentorProfile.objects.filter(pk__in=list(profile_ids)).order_by("pk"):
        before = profile.status
        try:
            approved = mentor_approve(profile=profile, by=by)
        except MentorStateError as error:
            outcome.refused.append((profile, str(error)))
        else:
            if approved.status != before:
                outcome.changed.append(approved)
    return outcome


def mentors_reject(*, profile_ids: Iterable[int], by: User) -> int:
    changed = 0
    for profile in MentorProfile.objects.filter(
        pk__in=list(profile_ids), status=MentorProfile.Status.PENDING
    ):
        changed += mentor_reject(profile=profile, by=by).status == MentorProfile.Status.REJECTED
    return changed


@transaction.atomic
def mentor_pause(*, profile: MentorProfile, until: datetime.date) -> MentorProfile:
    """Hide an approved mentor from the directory until ``until``."""
    if until <= timezone.localdate():
        raise MentorStateError("The return date must be in the future.")
    if profile.status not in (MentorProfile.Status.APPROVED, MentorProfile.Status.PAUSED):
        raise MentorStateError("Only an approved mentor can pause.")
    profile.status = MentorProfile.Status.PAUSED
    profile.paused_until = until
    profile.save(update_fields=["status", "paused_until", "updated_at"])
    return profile


@transaction.atomic
def mentor_resume(*, profile: MentorProfile) -> MentorProfile:
    if profile.status != MentorProfile.Status.PAUSED:
        raise MentorStateError("Only a paused mentor can resume.")
    profile.status = MentorProfile.Status.APPROVED
    profile.paused_until = None
    profile.save(update_fields=["status", "paused_until", "updated_at"])
    return profile


@transaction.atomic
def mentor_retire(*, profile: MentorProfile) -> MentorProfile:
    """The mentor stops volunteering; they disappear from the directory for good."""
    profile.status = MentorProfile.Status.RETIRED
    profile.paused_until = None
    profile.save(update_fields=["status", "paused_until", "updated_at"])
    return profile


def mentors_resume_due(*, today: datetime.date) -> int:
    """Return every mentor whose pause has ended to approved; returns how many."""
    resumed = MentorProfile.objects.filter(
        status=MentorProfile.Status.PAUSED, paused_until__lte=today
    ).update(status=MentorProfile.Status.APPROVED, paused_until=None, updated_at=timezone.now())
    directory_cache_bump()
    return resumed


@transaction.atomic
def mentor_load_add(
    *, mentor: MentorProfile | int, month_of: datetime.date | datetime.datetime, delta: int
) -> MentorMonthlyLoad:
    """Count ``delta`` conversations (negative to release) in the month of ``month_of``.

    The row is locked while it changes, so two requests accepted at once both count;
    the count never goes below zero. The scheduling app checks the cap first with
    ``selectors.mentor_has_capacity`` inside the same transaction.
    """
    mentor_id = mentor if isinstance(mentor, int) else mentor.pk
    month = first_of_month(month_of)
    load, _ = MentorMonthlyLoad.objects.get_or_create(mentor_id=mentor_id, month=month)
    load = MentorMonthlyLoad.objects.select_for_update().get(pk=load.pk)
    if delta >= 0:
        load.count = F("count") + delta
    else:
        load.count = max(load.count + delta, 0)
    load.save(update_fields=["count"])
    load.refresh_from_db(fields=["count"])
    return load


def mentor_staff_digest_send(*, now: datetime.datetime) -> int:
    """Weekly: tell each staff member how many volunteers wait for approval (if any).

    Keyed by ISO week, so a second run in the same week (two beats, a retry) adds nothing.
    The digest lists who waits when it is sent. Returns how many digests were queued.
    """
    if not MentorProfile.objects.filter(status=MentorProfile.Status.PENDING).exists():
        return 0
    year, week, _ = now.isocalendar()
    queued = 0
    staff = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    for person in staff:
        queued += (
            notification_enqueue(
                to_email=person.email,
                kind=STAFF_DIGEST,
                dedupe_key=f"{STAFF_DIGEST}:{year}-W{week:02d}:{person.pk}",
                recipient_id=person.pk,
            )
            is not None
        )
    return queued


@transaction.atomic
def mentor_profile_erase(*, user: User) -> None:
    """Account deletion: retire the profile and drop what is personal. The row stays for
    the interviews that point to it."""
    profile = MentorProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        return
    profile.status = MentorProfile.Status.RETIRED
    profile.paused_until = None
    for name in ("phone", "bio", "topics", "associations", "website", "city", "region"):
        setattr(profile, name, "")
    profile.save()
    profile.career_fields.clear()
    MentorProfile.objects.filter(pk=profile.pk).update(display_name="", fields_text="")
    directory_cache_bump()


def career_fields_ensure() -> int:
    """Load the standard career fields that are missing, in English and Spanish (as the
    data migrations do); returns how many were added. Staff edit the list in admin
    afterwards."""
    from django.utils.text import slugify

    from .data.career_fields import CAREER_FIELDS
    from .data.career_fields_es import CAREER_FIELDS_ES, CLUSTERS_ES

    existing = set(CareerField.objects.values_list("slug", flat=True))
    missing = [
        CareerField(
            name_en=name,
            name_es=CAREER_FIELDS_ES[name],
            slug=slugify(name),
            cluster_en=cluster,
            cluster_es=CLUSTERS_ES[cluster],
        )
        for cluster, names in CAREER_FIELDS.items()
        for name in names
        if slugify(name) not in existing
    ]
    CareerField.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
