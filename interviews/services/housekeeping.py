"""Changes nobody asks for: completion, expiry, and closing for a departing account."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from users.models import User

from .. import notify, reminders
from ..models import Interview
from ._common import lock
from .meeting import cancel_locked
from .requests import interview_decline, interview_withdraw

Status = Interview.Status


def _close_due(*, due: Q, to: str, now: datetime.datetime, then=None) -> int:
    """Close each due interview in its own short transaction, skipping any row another
    worker holds; ``then`` runs for each one closed. Returns how many were closed."""
    count = 0
    for pk in Interview.objects.filter(due).values_list("pk", flat=True):
        with transaction.atomic():
            interview = (
                Interview.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("student", "mentor", "mentor__user")
                .filter(due, pk=pk)
                .first()
            )
            if interview is None:
                continue
            interview.status = to
            interview.closed_at = now
            interview.save(update_fields=["status", "closed_at", "updated_at"])
            if then is not None:
                then(interview)
            count += 1
    return count


def interviews_complete_due(*, now: datetime.datetime) -> int:
    """Scheduled interviews whose end has passed become completed."""
    return _close_due(
        due=Q(status=Status.SCHEDULED, ends_at__lte=now), to=Status.COMPLETED, now=now
    )


def _expired(interview: Interview) -> None:
    reminders.reminders_void(interview, kinds=[reminders.STALE])
    notify.expired(interview)


def interviews_expire_due(*, now: datetime.datetime) -> int:
    """Requests left unanswered for REQUEST_EXPIRY_DAYS expire; the student is told kindly."""
    cutoff = now - datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS)
    return _close_due(
        due=Q(status=Status.REQUESTED, requested_at__lte=cutoff),
        to=Status.EXPIRED,
        now=now,
        then=_expired,
    )


def interviews_close_for_departing_user(*, user: User) -> int:
    """Before an account is deleted: close every open interview, telling the other side.

    The rows stay (anonymised through the User row) so the other party keeps its history.
    """
    reason = _("The account was closed.")
    closed = 0
    open_rows = Interview.objects.filter(
        Q(student=user) | Q(mentor__user=user), status__in=Interview.OPEN_STATES
    ).select_related("mentor")
    for interview in open_rows:
        as_student = interview.student_id == user.pk
        if interview.status == Status.SCHEDULED or (
            interview.status == Status.ACCEPTED and not as_student
        ):
            # Not through the policy: a conversation under way is closed too.
            with transaction.atomic():
                cancel_locked(lock(interview), by=user, reason=reason)
        elif as_student:
            interview_withdraw(interview=interview, by=user, reason=reason)
        else:
            interview_decline(interview=interview, by=user, reason=reason)
        closed += 1
    return closed
