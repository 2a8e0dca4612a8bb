"""Emails to mentors and staff about volunteering, rendered when the outbox sends them.

The services queue a row (kind, the profile as ``mentor:<id>``, the reader, and a reason
typed once); the renderers here, registered in ``MentorsConfig.ready``, write the email
from the profile and the reader as they are at sending time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.registry import NoRenderer
from notifications.services import RenderedEmail, absolute_url, email_render, notification_enqueue

from .models import MentorProfile

APPROVED = "mentor.approved"
REJECTED = "mentor.rejected"
STAFF_DIGEST = "staff.digest"

# Most volunteers a digest lists by name (it says how many wait in all).
DIGEST_LISTED = 50


def mentor_email_queue(
    *, profile: MentorProfile, kind: str, params: dict[str, Any] | None = None
) -> None:
    user = profile.user
    notification_enqueue(
        to_email=user.email,
        kind=kind,
        params=params,
        dedupe_key=f"{kind}:{profile.pk}:{timezone.now().isoformat()}",
        recipient_id=user.pk,
        subject_key=f"mentor:{profile.pk}",
    )


def _profile(subject_key: str) -> MentorProfile | None:
    prefix, _sep, pk = subject_key.partition(":")
    if prefix != "mentor" or not pk.isdigit():
        return None
    return MentorProfile.objects.select_related("user").filter(pk=int(pk)).first()


def render_mentor_email(row: Notification) -> RenderedEmail | None:
    """Approval or decline, to the volunteer; None once the profile is gone or no longer
    theirs."""
    if row.kind not in (APPROVED, REJECTED):
        raise NoRenderer(f"No mentor email is written for kind {row.kind!r}.")
    profile = _profile(row.subject_key)
    if profile is None or profile.user_id != row.recipient_id:
        return None
    context: dict[str, Any] = {
        "profile": profile,
        "user": profile.user,
        "site_name": settings.SITE_NAME,
    }
    if row.kind == APPROVED:
        context["profile_url"] = absolute_url(reverse("mentors:detail", args=[profile.pk]))
        context["edit_url"] = absolute_url(reverse("mentors:edit"))
        return email_render(template="emails/mentor_approved", context=context)
    context["reason"] = row.params.get("reason", "")
    return email_render(template="emails/mentor_rejected", context=context)


def render_staff_digest(row: Notification) -> RenderedEmail | None:
    """The volunteers waiting for approval when it is sent; None when nobody waits any
    more, or the reader is no longer active staff (the list names people)."""
    reader = row.recipient
    if reader is None or not (reader.is_staff and reader.is_active):
        return None
    waiting = MentorProfile.objects.filter(status=MentorProfile.Status.PENDING)
    pending = list(waiting.select_related("user").order_by("created_at")[:DIGEST_LISTED])
    if not pending:
        return None
    return email_render(
        template="emails/staff_digest",
        context={
            "reader": reader,
            "pending": pending,
            "total": waiting.count(),
            "queue_url": absolute_url(reverse("admin:mentors_pendingmentorprofile_changelist")),
            "site_name": settings.SITE_NAME,
        },
    )
