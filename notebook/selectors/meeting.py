"""Reads for the notes page and for the networking list's referrals."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timefmt import day as day_text
from interviews.models import Interview
from mentors.models import MentorProfile
from students.models import Contact
from students.sources import ContactSource

from ..models import ConversationNote, Referral

# The directory mentors a referral can name from a list: those in the referring
# mentor's fields, as many as a select box stays readable with.
MENTOR_CHOICES_LIMIT = 50


def notes_for(interview: Interview) -> QuerySet[ConversationNote]:
    return ConversationNote.objects.filter(notebook_id=interview.pk).order_by("created_at", "id")


def referrals_for(interview: Interview) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(notebook_id=interview.pk)
        .select_related("contact", "mentor")
        .order_by("created_at", "id")
    )


def referral_mentor_choices(interview: Interview) -> list[MentorProfile]:
    """Listed Career Mentors who share a career field with this conversation's mentor."""
    fields = MentorProfile.career_fields.through.objects.filter(
        mentorprofile_id=interview.mentor_id
    )
    return list(
        MentorProfile.objects.listed()
        .filter(career_fields__in=fields.values("careerfield_id"))
        .exclude(pk=interview.mentor_id)
        .only("id", "display_name", "job_title", "employer")
        .distinct()
        .order_by("display_name", "id")[:MENTOR_CHOICES_LIMIT]
    )


def referral_sources(contacts: Sequence[Contact]) -> dict[int, ContactSource]:
    """For the networking list: the conversation each referred contact came from, in one
    query whatever the number of contacts."""
    referrals = Referral.objects.filter(contact_id__in=[c.pk for c in contacts]).select_related(
        "notebook__interview"
    )
    sources = {}
    for referral in referrals:
        interview = referral.notebook.interview
        assert referral.contact_id is not None  # filtered on it
        if interview.starts_at is None:
            continue
        day = timezone.localtime(interview.starts_at).date()
        sources[referral.contact_id] = ContactSource(
            text=_("in your conversation on %(day)s") % {"day": day_text(day)},
            url=interview.get_absolute_url(),
        )
    return sources
