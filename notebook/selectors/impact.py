"""A mentor's impact: the students they spoke with, the thanks sent to them, and the
referrals they gave that led to further conversations.

Only counts and what was sent to the mentor: a thank-you letter's text only when the
student emailed it through the site (``ThankYouLetter.emailed_at``); never a draft, a
note or an insight.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from core.localized import Localized
from interviews.display import student_name
from interviews.models import Interview
from mentors.models import MentorProfile
from students.models import StudentProfile

from ..models import Referral, ThankYouLetter

HELD = Interview.Status.COMPLETED
# A referral led somewhere when the student asked the referred mentor for a
# conversation that is fixed or took place.
LED_TO = (Interview.Status.SCHEDULED, Interview.Status.COMPLETED)


@dataclass
class ThanksReceived:
    student: str
    sent_at: datetime.datetime
    method: str
    # The letter as sent, when it was emailed through the site.
    subject: str = ""
    body: str = ""


@dataclass
class Impact:
    students: int = 0
    conversations: int = 0
    # (field name, how many of those students follow it), the most followed first.
    fields: list[tuple[str, int]] = field(default_factory=list)
    thanks: list[ThanksReceived] = field(default_factory=list)
    referrals_led: int = 0


def mentor_impact(*, mentor: MentorProfile) -> Impact:
    """Five queries whatever the number of conversations, thanks or referrals."""
    held = Interview.objects.filter(mentor=mentor, status=HELD)
    totals = held.aggregate(
        students=Count("student", distinct=True), conversations=Count("pk", distinct=True)
    )
    fields = (
        StudentProfile.fields_of_interest.through.objects.filter(
            studentprofile__user__in=held.values("student")
        )
        # Each field by its name in the language of the page.
        .values("careerfield_id", name=Localized("careerfield__name"))
        .annotate(n=Count("studentprofile", distinct=True))
        .order_by("-n", "name", "careerfield_id")
    )
    return Impact(
        students=totals["students"],
        conversations=totals["conversations"],
        fields=[(row["name"], row["n"]) for row in fields],
        thanks=_thanks(mentor),
        referrals_led=_referrals_led(mentor),
    )


def _thanks(mentor: MentorProfile) -> list[ThanksReceived]:
    thanked = list(
        Interview.objects.filter(mentor=mentor, thank_you_sent_at__isnull=False)
        .select_related("student")
        .only("pk", "thank_you_sent_at", "thank_you_method", "student")
        .order_by("-thank_you_sent_at", "-pk")
    )
    emailed = {
        letter.pk: letter
        for letter in ThankYouLetter.objects.filter(
            notebook_id__in=[i.pk for i in thanked], emailed_at__isnull=False
        ).only("pk", "subject", "body")
    }
    rows = []
    for interview in thanked:
        assert interview.thank_you_sent_at is not None  # filtered above
        letter = emailed.get(interview.pk)
        rows.append(
            ThanksReceived(
                student=student_name(interview.student),
                sent_at=interview.thank_you_sent_at,
                method=interview.get_thank_you_method_display(),
                subject=letter.subject if letter else "",
                body=letter.body if letter else "",
            )
        )
    return rows


def _referrals_led(mentor: MentorProfile) -> int:
    """Students who, after a conversation with this mentor, met someone the mentor
    referred them to (each student and referred mentor counted once)."""
    followed = Interview.objects.filter(
        student_id=OuterRef("notebook__interview__student_id"),
        mentor_id=OuterRef("mentor_id"),
        status__in=LED_TO,
        requested_at__gte=OuterRef("notebook__interview__starts_at"),
    )
    return (
        Referral.objects.filter(notebook__interview__mentor=mentor, mentor__isnull=False)
        .filter(Exists(followed))
        .values("notebook__interview__student_id", "mentor_id")
        .distinct()
        .count()
    )
