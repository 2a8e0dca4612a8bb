"""Times proposed as windows: checked for sense, the horizon and one's own calendar."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timefmt import window as window_text
from users.models import User

from ..display import other_party_name
from ..models import Interview, TimeProposal
from ..policy import ActionNotAllowed
from ..selectors import interview_scheduled_overlapping

MAX_WINDOWS = 3


@dataclass(frozen=True)
class Window:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def request_horizon_end(now: datetime.datetime | None = None) -> datetime.datetime:
    """The latest a proposed or moved time may start: REQUEST_HORIZON_DAYS ahead."""
    return (now or timezone.now()) + datetime.timedelta(days=settings.REQUEST_HORIZON_DAYS)


def beyond_horizon_message() -> str:
    return _("Propose a time within the next %(days)d days.") % {
        "days": settings.REQUEST_HORIZON_DAYS
    }


def validate_windows(
    windows: Sequence[Window], *, duration_minutes: int, now: datetime.datetime | None = None
) -> list[Window]:
    """Proposed windows: in the future but not too far, long enough, not overlapping; at
    most three."""
    now = now or timezone.now()
    horizon = request_horizon_end(now)
    if len(windows) > MAX_WINDOWS:
        raise ActionNotAllowed(_("Propose at most three times."), field="windows")
    length = datetime.timedelta(minutes=duration_minutes)
    ordered = sorted(windows, key=lambda w: w.starts_at)
    for window in ordered:
        if window.ends_at <= window.starts_at:
            raise ActionNotAllowed(_("Each time must end after it starts."), field="windows")
        if window.starts_at <= now:
            raise ActionNotAllowed(_("Propose times in the future."), field="windows")
        if window.starts_at > horizon:
            raise ActionNotAllowed(beyond_horizon_message(), field="windows")
        if window.ends_at - window.starts_at < length:
            raise ActionNotAllowed(
                _("Each time must be at least as long as the conversation (%(minutes)d minutes).")
                % {"minutes": duration_minutes},
                field="windows",
            )
    for earlier, later in itertools.pairwise(ordered):
        if later.starts_at < earlier.ends_at:
            raise ActionNotAllowed(_("Two of the proposed times overlap."), field="windows")
    return ordered


def windows_check_free(
    windows: Sequence[Window],
    *,
    proposer: User,
    mentor_id: int | None = None,
    student_id: int | None = None,
    exclude_id: int | None = None,
) -> None:
    """Refuse a window that overlaps one of the proposer's own scheduled conversations
    (``mentor_id`` or ``student_id`` names their calendar; ``exclude_id`` the conversation
    being moved): the other side could pick it, and then it could never be fixed."""
    if not windows:
        return
    busy = interview_scheduled_overlapping(
        starts_at=min(w.starts_at for w in windows),
        ends_at=max(w.ends_at for w in windows),
        mentor_id=mentor_id,
        student_id=student_id,
        exclude_id=exclude_id,
    )
    for proposed in windows:
        for other in busy:
            assert other.starts_at is not None and other.ends_at is not None  # scheduled
            if other.starts_at < proposed.ends_at and proposed.starts_at < other.ends_at:
                raise ActionNotAllowed(
                    _(
                        "You already have a conversation with %(name)s then (%(when)s). "
                        "Propose a time that does not overlap it."
                    )
                    % {
                        "name": other_party_name(other, proposer),
                        "when": window_text(other.starts_at, other.ends_at, proposer.tzinfo),
                    },
                    field="windows",
                )


def add_proposals(interview: Interview, windows: Sequence[Window], *, by: str) -> None:
    TimeProposal.objects.filter(interview=interview, withdrawn=False).update(withdrawn=True)
    TimeProposal.objects.bulk_create(
        TimeProposal(interview=interview, proposed_by=by, starts_at=w.starts_at, ends_at=w.ends_at)
        for w in windows
    )


def fit_start(
    proposal: TimeProposal, start_at: datetime.datetime | None, duration: int
) -> datetime.datetime:
    start = start_at or proposal.starts_at
    end = start + datetime.timedelta(minutes=duration)
    if start < proposal.starts_at or end > proposal.ends_at:
        raise ActionNotAllowed(
            _(
                "Choose a start time inside the proposed window, leaving room for %(minutes)d minutes."
            )
            % {"minutes": duration},
            field="start_at",
        )
    if start <= timezone.now():
        raise ActionNotAllowed(_("That time has already passed."), field="start_at")
    return start
