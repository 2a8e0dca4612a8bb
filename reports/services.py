"""Writes of the reports app: alumni imports and the invitations they send."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from notifications.services import notifications_dispatch_soon, notifications_enqueue_written
from users.models import User

from . import alumni
from .emails import KIND, invitation_emails
from .models import AlumniImport, AlumniInvitation


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def alumni_import_create(*, data: bytes, file_name: str, by: User) -> AlumniImport:
    """Read an uploaded list and keep it for preview; nothing is invited yet.

    Raises ``ApplicationError`` (about ``file``) for a file too large or not an alumni
    list; then nothing is stored."""
    if len(data) > settings.ALUMNI_IMPORT_MAX_BYTES:
        raise ApplicationError(
            _(
                "This file is larger than %(limit)s, the most an alumni list can be. Split it in two."
            )
            % {"limit": filesizeformat(settings.ALUMNI_IMPORT_MAX_BYTES)},
            field="file",
        )
    try:
        parsed = alumni.parse(data)
    except alumni.AlumniFileError as error:
        raise ApplicationError(error.message, field="file") from error
    states = [row["state"] for row in parsed.rows]
    return AlumniImport.objects.create(
        created_by=by,
        file_name=file_name[:255],
        encoding=parsed.encoding,
        rows=parsed.rows,
        total_rows=len(parsed.rows),
        to_invite=sum(state in alumni.INVITE_STATES for state in states),
        problem_rows=states.count(alumni.STATE_PROBLEM),
        known_rows=states.count(alumni.STATE_ACCOUNT) + states.count(alumni.STATE_INVITED),
    )


@transaction.atomic
def alumni_import_queue(*, job: AlumniImport) -> AlumniImport:
    """Staff confirmed the preview, or ask to finish an import that failed: it is handed
    to a worker (the caller enqueues ``reports.tasks.alumni_import_run`` after this
    commits), which goes on from the rows processed so far."""
    job = AlumniImport.objects.select_for_update().get(pk=job.pk)
    if job.status not in (AlumniImport.Status.PREVIEW, AlumniImport.Status.FAILED):
        raise ApplicationError(_("This list has been imported already."))
    job.status = AlumniImport.Status.QUEUED
    job.error = ""
    job.save(update_fields=["status", "error"])
    return job


@transaction.atomic
def alumni_import_unqueue(*, job: AlumniImport) -> None:
    """The task could not be handed to a worker: back to where it was, to try again."""
    AlumniImport.objects.filter(pk=job.pk, status=AlumniImport.Status.QUEUED).update(
        status=AlumniImport.Status.FAILED if job.processed_rows else AlumniImport.Status.PREVIEW
    )


def _invite(rows: list[dict[str, Any]], job: AlumniImport, now: datetime.datetime) -> int:
    """Invite each row still new or due again (checked now, not at preview); returns how
    many were invited."""
    alumni.classify(rows, now=now)
    wanted = {row["email"]: row for row in rows if row["state"] in alumni.INVITE_STATES}
    existing = {
        invitation.email.lower(): invitation
        for invitation in AlumniInvitation.objects.annotate(lower=Lower("email")).filter(
            lower__in=list(wanted)
        )
    }
    tokens: dict[str, str] = {}
    new, again = [], []
    for email, row in wanted.items():
        tokens[email] = secrets.token_urlsafe(32)
        invitation = existing.get(email) or AlumniInvitation(email=email)
        invitation.first_name = row["first_name"]
        invitation.last_name = row["last_name"]
        invitation.graduation_year = int(row["graduation_year"]) if row["graduation_year"] else None
        invitation.employer = row["employer"]
        invitation.job_title = row["job_title"]
        invitation.token_hash = token_digest(tokens[email])
        invitation.source = job
        invitation.sent_at = now
        if invitation.pk:
            invitation.times_sent += 1
            again.append(invitation)
        else:
            new.append(invitation)
    AlumniInvitation.objects.bulk_create(new, batch_size=1000)
    AlumniInvitation.objects.bulk_update(
        again,
        ["first_name", "last_name", "graduation_year", "employer", "job_title", "token_hash",
         "source", "sent_at", "times_sent"],
        batch_size=1000,
    )  # fmt: skip
    invited = new + again
    notifications_enqueue_written(
        emails=zip(
            [i.email for i in invited],
            invitation_emails((i, tokens[i.email]) for i in invited),
            strict=True,
        ),
        kind=KIND,
        # One row per invitation and sending. A task run twice sends nothing twice: the
        # chunk's progress commits with these rows, so no chunk is invited again.
        dedupe_prefix=f"{KIND}:{now.isoformat()}:",
        subject_keys=[i.subject_key for i in invited],
        sensitive=True,
    )
    return len(invited)


@transaction.atomic
def alumni_import_run_chunk(*, job_id: int) -> bool:
    """Invite the next ``ALUMNI_IMPORT_CHUNK_ROWS`` rows of an import and record the
    progress in the same transaction, so a task that dies loses nothing and repeats
    nothing. Returns True while rows remain."""
    size = settings.ALUMNI_IMPORT_CHUNK_ROWS
    job = AlumniImport.objects.select_for_update().get(pk=job_id)
    if job.status not in (AlumniImport.Status.QUEUED, AlumniImport.Status.RUNNING):
        return False
    now = timezone.now()
    if job.status == AlumniImport.Status.QUEUED:
        job.status = AlumniImport.Status.RUNNING
        job.started_at = now
    candidates = [row for row in job.rows if row["state"] in alumni.INVITE_STATES]
    chunk = candidates[job.processed_rows : job.processed_rows + size]
    invited = _invite([dict(row) for row in chunk], job, now) if chunk else 0
    job.processed_rows += len(chunk)
    job.invited += invited
    job.skipped += len(chunk) - invited
    more = job.processed_rows < len(candidates)
    if not more:
        job.status = AlumniImport.Status.DONE
        job.finished_at = now
    job.save(
        update_fields=[
            "status", "started_at", "finished_at", "processed_rows", "invited", "skipped",
        ]
    )  # fmt: skip
    if invited:
        notifications_dispatch_soon()
    return more


def alumni_import_fail(*, job_id: int, error: str) -> None:
    AlumniImport.objects.filter(pk=job_id).update(
        status=AlumniImport.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def alumni_invitation_for_token(token: str) -> AlumniInvitation | None:
    """The invitation this link was sent with, while it works: not yet used, and sent
    less than ``ALUMNI_INVITATION_VALID_DAYS`` ago (a newer invitation replaces the
    token, so an older link stops working)."""
    valid_since = timezone.now() - datetime.timedelta(days=settings.ALUMNI_INVITATION_VALID_DAYS)
    return AlumniInvitation.objects.filter(
        token_hash=token_digest(token), accepted_at__isnull=True, sent_at__gte=valid_since
    ).first()


@transaction.atomic
def alumni_invitation_accept(*, invitation: AlumniInvitation) -> AlumniInvitation:
    """The invited alum volunteered through their link."""
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return invitation
