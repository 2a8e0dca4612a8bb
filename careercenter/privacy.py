"""A person's own data: export all of it, or delete the account.

Composed here, like the dashboards, because it spans every app. Each app contributes a
section (export) and an eraser (delete); the interviews app adds its own to the two
hooks below.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.utils import timezone

from interviews.selectors import interview_data_export, record_data
from interviews.services import interviews_close_for_departing_user
from mentors.models import MentorProfile
from mentors.services import mentor_profile_erase
from notifications.models import Notification
from notifications.services import notification_void_pending
from students.selectors import student_data_export
from students.services import student_data_erase
from users.models import erased_email


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


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove what is personal and keep an anonymous User row, so records others rely on
    (an interview with a mentor) still have someone to point to."""
    _interviews_erase(user)
    student_data_erase(user=user)
    notification_void_pending(recipient_id=user.pk)
    anonymous_email = erased_email(user.pk)
    Notification.objects.filter(recipient=user).update(to_email=anonymous_email)
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
