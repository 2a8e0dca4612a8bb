"""Who to talk to next: up to five listed Career Mentors, each with its reasons.

The ranking is a score the student could work out by hand (nothing else goes in):

- **referred**, 100: someone the student spoke with (or someone on their networking
  list) referred them to this mentor;
- **few perspectives**, 30 + 10 for each person still missing below three: the mentor
  works in a field the student follows (of interest, or talked or filed insights in)
  where they have heard fewer than three people (60 with nobody yet, 40 with two);
- **topic gap**, 20: the mentor works in a field where the student has recorded
  insights but some of the eight topics nobody has spoken to yet.

A mentor's score is the sum of the best reason of each kind; a mentor with no reason is
not suggested. Ties go to the mentor with more room left this month, then to the lower
id (the longer-standing volunteer).

Only mentors who are listed (``MentorProfile.objects.listed()``), have room this month
(``mentors.selectors.with_capacity``) and offer at least one meeting format: a student's
profile records no limits on formats, so any format the mentor offers is one the student
can do. Never a mentor the student has asked before, whatever became of it (open, held,
declined, expired, withdrawn or cancelled): a suggestion is a new person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interviews.models import Interview
from mentors.models import CareerField, MentorProfile
from mentors.selectors import with_capacity
from students.models import Contact
from users.models import User

from ..models import Referral
from .insights import ENOUGH_PEOPLE, FieldPicture, student_field_pictures

RECOMMENDATIONS = 5
REFERRED_SCORE = 100
FEW_BASE_SCORE = 30
FEW_PER_MISSING_SCORE = 10
TOPIC_GAP_SCORE = 20


@dataclass
class Recommendation:
    mentor: MentorProfile
    score: int
    reasons: list[str] = field(default_factory=list)


def _few_score(picture: FieldPicture) -> int:
    return FEW_BASE_SCORE + FEW_PER_MISSING_SCORE * picture.people_to_go


def _referrers(student: User) -> dict[int, str]:
    """Mentor id -> who referred the student to them (the first one recorded)."""
    referrers: dict[int, str] = {}
    from_notes = (
        Referral.objects.filter(notebook__interview__student=student, mentor__isnull=False)
        .order_by("created_at", "id")
        .values_list("mentor_id", "notebook__interview__mentor__display_name")
    )
    for mentor_id, name in from_notes:
        referrers.setdefault(mentor_id, name or _("a mentor you spoke with"))
    from_list = (
        Contact.objects.filter(
            student=student, origin=Contact.Origin.REFERRAL, mentor__isnull=False
        )
        .annotate(referrer=Coalesce(F("referred_by__name"), F("referred_by_name")))
        .order_by("created_at", "id")
        .values_list("mentor_id", "referrer")
    )
    for mentor_id, name in from_list:
        referrers.setdefault(mentor_id, name or _("someone you know"))
    return referrers


def _candidates(
    student: User, *, referred: set[int], few: dict[int, int], gaps: set[int], limit: int
) -> list[MentorProfile]:
    """The best-scored mentors, scored and ranked by the database (one query, plus one
    for their career fields)."""
    through = MentorProfile.career_fields.through
    best_few: Subquery | Value = Value(0)
    if few:
        ranked = through.objects.filter(
            mentorprofile_id=OuterRef("pk"), careerfield_id__in=list(few)
        ).annotate(
            s=Case(
                *[When(careerfield_id=fid, then=Value(s)) for fid, s in few.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        # The plugin does not see annotations on a through model; "s" is the one above.
        best_few = Subquery(ranked.order_by("-s").values("s")[:1])  # type: ignore[misc]
    in_gap: Exists | Value = Value(False)
    if gaps:
        in_gap = Exists(
            through.objects.filter(mentorprofile_id=OuterRef("pk"), careerfield_id__in=list(gaps))
        )
    asked = Exists(Interview.objects.filter(student=student, mentor_id=OuterRef("pk")))
    # Only mentors with some reason are scored, so each has a score above 0: those
    # referred, and those in a field the student follows, not every listed mentor. One
    # list of ids (a UNION, not an OR of two tests, which PostgreSQL can only check row
    # by row over the whole table), so the query starts from the indexes.
    with_reason = (
        through.objects.filter(careerfield_id__in=[*few, *gaps])
        .values("mentorprofile_id")
        .union(
            MentorProfile.objects.filter(pk__in=list(referred)).order_by().values("pk"), all=True
        )
    )
    today = timezone.localdate()
    rows = (
        with_capacity(
            MentorProfile.objects.filter(pk__in=with_reason).listed(today=today), month_of=today
        )
        .filter(has_capacity=True)
        .exclude(meeting_formats=[])
        .exclude(user_id=student.pk)
        .exclude(asked)
        .annotate(
            score=Case(
                When(pk__in=list(referred), then=Value(REFERRED_SCORE)),
                default=Value(0),
                output_field=IntegerField(),
            )
            + Coalesce(best_few, Value(0))
            + Case(When(in_gap, then=Value(TOPIC_GAP_SCORE)), default=Value(0)),
            capacity_left=F("monthly_cap") - F("load_this_month"),
        )
        .order_by("-score", "-capacity_left", "pk")
        .select_related("user")
        .prefetch_related(
            Prefetch("career_fields", queryset=CareerField.objects.only("id", "name", "slug"))
        )
    )
    return list(rows[:limit])


def _reasons(
    mentor: MentorProfile,
    *,
    referrers: dict[int, str],
    pictures: dict[int, FieldPicture],
    few: dict[int, int],
    gaps: set[int],
) -> list[str]:
    reasons = []
    if mentor.pk in referrers:
        reasons.append(_("%(name)s suggested you talk to them.") % {"name": referrers[mentor.pk]})
    fields = list(mentor.career_fields.all())
    for career_field in sorted((f for f in fields if f.pk in few), key=lambda f: -few[f.pk]):
        picture = pictures[career_field.pk]
        if picture.people == 0:
            reasons.append(
                _(
                    "Works in %(field)s, a field you follow where you have not spoken with anyone yet."
                )
                % {"field": career_field.name}
            )
        else:
            reasons.append(
                ngettext(
                    "Works in %(field)s, where you have spoken with %(count)d person so far: "
                    "%(enough)d or more give a fairer picture.",
                    "Works in %(field)s, where you have spoken with %(count)d people so far: "
                    "%(enough)d or more give a fairer picture.",
                    picture.people,
                )
                % {"field": career_field.name, "count": picture.people, "enough": ENOUGH_PEOPLE}
            )
    for career_field in (f for f in fields if f.pk in gaps):
        reasons.append(
            _("Works in %(field)s, where nobody has spoken to you yet about: %(topics)s.")
            % {
                "field": career_field.name,
                "topics": ", ".join(pictures[career_field.pk].topics_unheard).lower(),
            }
        )
    return reasons


def mentors_to_meet_next(*, student: User, limit: int = RECOMMENDATIONS) -> list[Recommendation]:
    """Up to ``limit`` mentors for the student to ask next, best first, each with its
    reasons (see the module docstring for the ranking). Eight queries at most, whatever
    the number of mentors, conversations or insights."""
    pictures = student_field_pictures(student=student)
    referrers = _referrers(student)
    few = {fid: _few_score(p) for fid, p in pictures.items() if p.people < ENOUGH_PEOPLE}
    gaps = {fid for fid, p in pictures.items() if p.claims and p.topics_unheard}
    if not (few or gaps or referrers):
        return []
    mentors = _candidates(student, referred=set(referrers), few=few, gaps=gaps, limit=limit)
    return [
        Recommendation(
            mentor=m,
            score=m.score,  # type: ignore[attr-defined]
            reasons=_reasons(m, referrers=referrers, pictures=pictures, few=few, gaps=gaps),
        )
        for m in mentors
    ]
