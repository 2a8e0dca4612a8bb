"""A person's own data: export all of it, or delete the account.

Composed here because it spans every app: each app exports its own part
(``<app>/exports.py``) and erases its own rows (its services); this module puts them in
order and removes the person's name from what others wrote.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.redact import redact_text_columns
from interviews.exports import (
    interview_data_export,
    interview_subject_keys_for,
    interview_text_redact,
)
from interviews.services import calendar_feed_turn_off, interviews_close_for_departing_user
from mentors.exports import mentor_data_export, mentor_display_name_for, mentor_subject_keys_for
from mentors.models import MentorProfile
from mentors.services import mentor_profile_erase
from notebook.exports import notebook_data_export, notebook_text_redact
from notebook.exports_insights import insights_data_erase, insights_data_export
from notebook.services.erasure import notebook_data_erase
from notifications.erasure import notification_erase_recipient, notification_redact
from notifications.exports import notification_data_export
from students.exports import student_data_export
from students.models import StudentProfile
from students.services import student_data_erase
from users.exports import user_data_export
from users.models import User, erased_email
from users.services import user_account_erase


def account_data_export(*, user) -> dict[str, Any]:
    """Everything stored about this person, as plain JSON-ready data."""
    return {
        "exported_at": timezone.now().isoformat(),
        **user_data_export(user=user),
        **student_data_export(user=user),
        **mentor_data_export(user=user),
        **interview_data_export(user=user),
        **notebook_data_export(user=user),
        **insights_data_export(user=user),
        **notification_data_export(user=user),
    }


def _person_words(user) -> tuple[list[str], list[str]]:
    """The names and the addresses by which this person may have been copied elsewhere."""
    names = [
        user.get_full_name(),
        mentor_display_name_for(user=user),
        user.first_name,
        user.last_name,
    ]
    addresses = [
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    ]
    return [n.strip() for n in names if n.strip()], [a for a in addresses if a]


def _admin_log_redact(user, words: list[str], addresses: list[str], replacement: str) -> None:
    """Admin's history names the objects it changed (``object_repr``, and inline rows such
    as an email address in ``change_message``)."""
    about_person = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    for model in (StudentProfile, MentorProfile):
        ids = [str(pk) for pk in model.objects.filter(user=user).values_list("pk", flat=True)]
        about_person |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    for address in addresses:
        about_person |= Q(object_repr__icontains=address) | Q(change_message__icontains=address)
    redact_text_columns(LogEntry.objects.filter(about_person), words, replacement)


def _copies_erase(user, words: list[str], addresses: list[str]) -> None:
    """Remove the person's name and address wherever they were copied: the emails to them
    and about them, what was written in their conversations, admin's history."""
    replacement = _("[name removed]")
    interview_keys = interview_subject_keys_for(user=user)
    notification_erase_recipient(
        recipient_id=user.pk, addresses=addresses, replacement_email=erased_email(user.pk)
    )
    notification_redact(
        terms=[*words, *addresses],
        replacement=replacement,
        subject_keys=[*interview_keys, f"user:{user.pk}", *mentor_subject_keys_for(user=user)],
        kinds=["staff.digest"],  # lists the volunteers waiting for approval by name
    )
    interview_text_redact(user=user, words=[*words, *addresses], replacement=replacement)
    notebook_text_redact(user=user, words=[*words, *addresses], replacement=replacement)
    _admin_log_redact(user, [*words, *addresses], addresses, replacement)


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove what is personal and keep an anonymous User row, so records others rely on
    (an interview with a mentor) still have someone to point to."""
    words, addresses = _person_words(user)
    # Close open interviews (the other side is told) and retire a mentor profile; the
    # interview rows themselves stay, anonymised through the User row, for the other party.
    interviews_close_for_departing_user(user=user)
    # The feed's address would otherwise keep listing the conversations' times.
    calendar_feed_turn_off(user=user)
    mentor_profile_erase(user=user)
    _copies_erase(user, words, addresses)
    # The notebooks of their conversations as a student: the interview rows stay.
    notebook_data_erase(user=user)
    student_data_erase(user=user)
    insights_data_erase(user=user)
    user_account_erase(user=user)
