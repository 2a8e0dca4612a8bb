"""Recording insights: what a conversation said about a point the student heard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from interviews.models import Interview
from mentors.models import CareerField

from ..insights_models import CLAIM_MAX_CHARS, Claim, Perspective, claim_normalize
from ..models import Topic

# Only a conversation that is taking place or took place has anything to say.
RECORDABLE_STATES = (Interview.Status.SCHEDULED, Interview.Status.COMPLETED)


def insights_refusal(interview: Interview, *, now: datetime.datetime | None = None) -> str | None:
    """Why the student may not record insights from this conversation now, or None when
    they may: from its start on, unless it was called off or did not take place."""
    if interview.status in (*Interview.NOT_HELD_STATES, Interview.Status.NO_SHOW):
        return _("This conversation did not take place, so there is nothing to record from it.")
    if interview.status not in RECORDABLE_STATES or not interview.has_started(now):
        return _("You can record insights once the conversation has started.")
    return None


@dataclass(frozen=True)
class RecordedInsight:
    perspective: Perspective
    # The point was already in the student's list (same words within the field).
    reused_claim: bool
    # This conversation had already been recorded on the point; its stance was replaced.
    replaced: bool


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not claim_normalize(text):
        raise ApplicationError(_("Write what you heard, in a few words."), field="claim")
    if len(text) > CLAIM_MAX_CHARS:
        raise ApplicationError(
            _("Keep it to %(max)d characters; it has %(count)d.")
            % {"max": CLAIM_MAX_CHARS, "count": len(text)},
            field="claim",
        )
    return text


@transaction.atomic
def insight_record(
    *,
    interview: Interview,
    text: str,
    topic: str,
    career_field: CareerField,
    stance: str,
    now: datetime.datetime | None = None,
) -> RecordedInsight:
    """Record that this conversation agreed with, disagreed with or added nuance to a
    point. The same words in the same field reuse the student's earlier claim, so that
    repeated points group together; recording the same point again from the same
    conversation replaces its stance."""
    if refusal := insights_refusal(interview, now=now or timezone.now()):
        raise ApplicationError(refusal, field="claim")
    text = _clean_text(text)
    if topic not in Topic.values:
        raise ApplicationError(_("Choose one of the topics."), field="topic")
    if stance not in Perspective.Stance.values:
        raise ApplicationError(_("Choose what this person said about it."), field="stance")
    if not interview.mentor.career_fields.filter(pk=career_field.pk).exists():
        raise ApplicationError(
            _("Choose one of the career fields this conversation was in."), field="career_field"
        )
    claim, created = Claim.objects.get_or_create(
        student_id=interview.student_id,
        career_field=career_field,
        normalized=claim_normalize(text),
        defaults={"text": text, "topic": topic},
    )
    perspective, new = Perspective.objects.update_or_create(
        claim=claim, interview=interview, defaults={"stance": stance}
    )
    return RecordedInsight(perspective=perspective, reused_claim=not created, replaced=not new)


@transaction.atomic
def insight_remove(*, interview: Interview, perspective_id: int) -> None:
    """Remove what this conversation said about a point; a point nobody is recorded on
    any more leaves the student's list."""
    perspective = (
        Perspective.objects.select_for_update()
        .filter(pk=perspective_id, interview=interview, claim__student_id=interview.student_id)
        .first()
    )
    if perspective is None:
        raise ApplicationError(_("That insight is no longer recorded."))
    claim_id = perspective.claim_id
    perspective.delete()
    Claim.objects.filter(pk=claim_id, perspectives__isnull=True).delete()
