"""A person's own data: export all of it, or delete the account.

Composed here, like the dashboards, because it spans every app. Each app contributes a
section (export) and an eraser (delete); the interviews app adds its own to the two
hooks below.
"""

from __future__ import annotations

import re
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews.models import Feedback, Interview, RescheduleAsk
from interviews.selectors import interview_data_export, record_data
from interviews.services import interviews_close_for_departing_user
from mentors.models import MentorProfile
from mentors.services import mentor_profile_erase
from notifications.erasure import notification_erase_recipient, notification_redact
from notifications.models import Notification
from students.models import StudentProfile
from students.selectors import student_data_export
from students.services import student_data_erase
from users.models import User, erased_email


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _user_data(user) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "time_zone": user.time_zone,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("id")
        ],
    }


def _notifications_data(user) -> list[dict[str, Any]]:
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "id")
    return [
        {
            "to": n.to_email,
            "kind": n.kind,
            "subject": n.subject,
            "body": n.body_text,
            "status": n.status,
            "due_at": _iso(n.due_at),
            "sent_at": _iso(n.sent_at),
        }
        for n in rows
    ]


# Copies kept for the directory's search (the generated search_vector is left out by
# rule); the career fields themselves are exported by name.
_MENTOR_SEARCH_COLUMNS = ("fields_text",)


def _mentor_profile_data(user) -> dict[str, Any] | None:
    """The Career Mentor profile: every column but the search ones, and the career fields.

    Built from the model here (the mentors app has no export of its own), so a column
    added to the profile is exported too."""
    profile = MentorProfile.objects.filter(user=user).prefetch_related("career_fields").first()
    if profile is None:
        return None
    skip = [
        field.name
        for field in MentorProfile._meta.concrete_fields
        if getattr(field, "generated", False) or field.name in _MENTOR_SEARCH_COLUMNS
    ]
    return {
        **record_data(profile, skip=skip),
        "career_fields": [f.name for f in profile.career_fields.all()],
    }


def _interviews_data(user) -> dict[str, Any]:
    """Requests and interviews this person took part in, as student or mentor."""
    return {"interviews": interview_data_export(user=user)}


def _interviews_erase(user) -> None:
    """Close open interviews (the other side is told) and retire a mentor profile.

    Interview rows themselves stay, anonymised through the User row, for the other party.
    """
    interviews_close_for_departing_user(user=user)
    mentor_profile_erase(user=user)


def account_data_export(*, user) -> dict[str, Any]:
    """Everything stored about this person, as plain JSON-ready data."""
    return {
        "exported_at": timezone.now().isoformat(),
        "user": _user_data(user),
        **student_data_export(user=user),
        "mentor_profile": _mentor_profile_data(user),
        **_interviews_data(user),
        "notifications": _notifications_data(user),
    }


class _RegexpReplace(Func):
    function = "REGEXP_REPLACE"
    output_field = models.TextField()


def _person_words(user) -> tuple[list[str], list[str]]:
    """The names and the addresses by which this person may have been copied elsewhere."""
    mentor_name = (
        MentorProfile.objects.filter(user=user).values_list("display_name", flat=True).first()
    )
    names = [user.get_full_name(), mentor_name or "", user.first_name, user.last_name]
    addresses = [
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    ]
    return [n.strip() for n in names if n.strip()], [a for a in addresses if a]


def _redact_text_columns(rows: models.QuerySet, words: list[str], replacement: str) -> None:
    """Replace the words (whole, any case) in every free-text column of these rows: what
    either side wrote may greet or quote the person ("Hi Jordan, ...")."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    pattern = Value(rf"(^|\W)({alternatives})(?=\W|$)")
    updates: dict[str, Any] = {}
    for field in rows.model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        replaced = _RegexpReplace(F(field.name), pattern, Value(rf"\1{replacement}"), Value("gi"))
        max_length = field.max_length if isinstance(field, models.CharField) else None
        updates[field.name] = Left(replaced, max_length) if max_length else replaced
    if updates and alternatives:
        rows.update(**updates)


def _admin_log_redact(user, words: list[str], addresses: list[str], replacement: str) -> None:
    """Admin's history names the objects it changed (``object_repr``, and inline rows such
    as an email address in ``change_message``)."""
    about_person = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    for model in (StudentProfile, MentorProfile):
        ids = [str(pk) for pk in model.objects.filter(user=user).values_list("pk", flat=True)]
        about_person |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    for address in addresses:
        about_person |= Q(object_repr__icontains=address) | Q(change_message__icontains=address)
    _redact_text_columns(LogEntry.objects.filter(about_person), words, replacement)


def _copies_erase(user, words: list[str], addresses: list[str]) -> None:
    """Remove the person's name and address wherever they were copied: the emails to them
    and about them, what was written in their conversations, admin's history."""
    replacement = _("[name removed]")
    interviews = Interview.objects.filter(Q(student=user) | Q(mentor__user=user))
    interview_ids = list(interviews.values_list("pk", flat=True))
    notification_erase_recipient(
        recipient_id=user.pk, addresses=addresses, replacement_email=erased_email(user.pk)
    )
    mentor_keys = [
        f"mentor:{pk}"
        for pk in MentorProfile.objects.filter(user=user).values_list("pk", flat=True)
    ]
    notification_redact(
        terms=[*words, *addresses],
        replacement=replacement,
        subject_keys=[f"interview:{pk}" for pk in interview_ids]
        + [f"user:{user.pk}", *mentor_keys],
        kinds=["staff.digest"],  # lists the volunteers waiting for approval by name
    )
    for rows in (
        Interview.objects.filter(pk__in=interview_ids),
        RescheduleAsk.objects.filter(interview_id__in=interview_ids),
        Feedback.objects.filter(interview_id__in=interview_ids),
    ):
        _redact_text_columns(rows, [*words, *addresses], replacement)
    _admin_log_redact(user, [*words, *addresses], addresses, replacement)


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove what is personal and keep an anonymous User row, so records others rely on
    (an interview with a mentor) still have someone to point to."""
    words, addresses = _person_words(user)
    _interviews_erase(user)
    _copies_erase(user, words, addresses)
    student_data_erase(user=user)
    anonymous_email = erased_email(user.pk)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = anonymous_email
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save(
        update_fields=[
            "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser",
            "password",
        ]
    )  # fmt: skip
