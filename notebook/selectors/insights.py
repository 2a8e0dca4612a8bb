"""Reads for insights: the student's picture of each career field, and staff's counts.

A *perspective* in a field is a person the student has heard from there: a Career
Mentor in that field with whom a conversation took place (completed), or any person whose
conversation the student filed an insight from under that field. Three or more people
(``ENOUGH_PEOPLE``) make a fairer picture than one or two; the page, the recommendations
and staff's counts all use this one definition.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from core.localized import Localized, localized_sql
from interviews.models import Interview
from mentors.models import CareerField, MentorProfile
from students.models import StudentProfile
from users.models import User

from ..insights_models import Claim, Perspective
from ..models import Topic

ENOUGH_PEOPLE = 3


@dataclass
class ClaimSummary:
    """One point and who said what about it."""

    claim_id: int
    text: str
    topic: str
    topic_label: str
    # Distinct people (mentors) recorded on the point.
    people: int = 0
    agree: int = 0
    disagree: int = 0
    nuance: int = 0

    @property
    def single_voice(self) -> bool:
        return self.people == 1


@dataclass
class FieldPicture:
    """What the student heard in one career field."""

    field_id: int
    name: str = ""
    slug: str = ""
    interested: bool = False
    # The people heard from (mentor ids) and the conversations held or filed under it.
    mentor_ids: set[int] = field(default_factory=set)
    interview_ids: set[int] = field(default_factory=set)
    claims: dict[int, ClaimSummary] = field(default_factory=dict)
    # Claim id -> the mentors recorded on it (to count people, not conversations).
    _claim_people: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    @property
    def people(self) -> int:
        return len(self.mentor_ids)

    @property
    def conversations(self) -> int:
        return len(self.interview_ids)

    @property
    def enough(self) -> bool:
        return self.people >= ENOUGH_PEOPLE

    @property
    def people_to_go(self) -> int:
        return max(ENOUGH_PEOPLE - self.people, 0)

    @property
    def shared(self) -> list[ClaimSummary]:
        """Points heard from several people, the most often heard first."""
        rows = [c for c in self.claims.values() if c.people > 1]
        return sorted(rows, key=lambda c: (-c.people, -c.agree, c.text.casefold(), c.claim_id))

    @property
    def single(self) -> list[ClaimSummary]:
        """Points from one voice only, by topic."""
        order = {value: i for i, value in enumerate(Topic.values)}
        rows = [c for c in self.claims.values() if c.people <= 1]
        return sorted(rows, key=lambda c: (order.get(c.topic, 99), c.text.casefold(), c.claim_id))

    @property
    def topics_heard(self) -> set[str]:
        return {c.topic for c in self.claims.values()}

    @property
    def topics_unheard(self) -> list[str]:
        """The labels of the topics nobody has spoken to yet in this field."""
        heard = self.topics_heard
        return [str(label) for value, label in Topic.choices if value not in heard]


def student_field_pictures(*, student: User) -> dict[int, FieldPicture]:
    """Every field the student follows (of interest), held a conversation in, or filed an
    insight under, by field id. Four queries whatever the number of conversations,
    claims or fields."""
    pictures: dict[int, FieldPicture] = {}

    def picture(field_id: int) -> FieldPicture:
        if field_id not in pictures:
            pictures[field_id] = FieldPicture(field_id=field_id)
        return pictures[field_id]

    interests = StudentProfile.fields_of_interest.through.objects.filter(
        studentprofile__user=student
    ).values_list("careerfield_id", flat=True)
    for field_id in interests:
        picture(field_id).interested = True
    held = Interview.objects.filter(
        student=student, status=Interview.Status.COMPLETED, mentor__career_fields__isnull=False
    ).values_list("pk", "mentor_id", "mentor__career_fields")
    for interview_id, mentor_id, field_id in held:
        pic = picture(field_id)
        pic.mentor_ids.add(mentor_id)
        pic.interview_ids.add(interview_id)
    _add_perspectives(student, picture)
    names = CareerField.objects.filter(pk__in=list(pictures)).values_list("pk", "name", "slug")
    for field_id, name, slug in names:
        pictures[field_id].name = name
        pictures[field_id].slug = slug
    return pictures


def _add_perspectives(student: User, picture) -> None:
    labels = dict(Topic.choices)
    rows = (
        Perspective.objects.filter(claim__student=student)
        .order_by("claim_id", "id")
        .values_list(
            "claim_id",
            "claim__text",
            "claim__topic",
            "claim__career_field_id",
            "interview_id",
            "interview__mentor_id",
            "stance",
        )
    )
    for claim_id, text, topic, field_id, interview_id, mentor_id, stance in rows:
        pic = picture(field_id)
        pic.mentor_ids.add(mentor_id)
        pic.interview_ids.add(interview_id)
        summary = pic.claims.get(claim_id)
        if summary is None:
            summary = pic.claims[claim_id] = ClaimSummary(
                claim_id=claim_id, text=text, topic=topic, topic_label=str(labels.get(topic, topic))
            )
        people = pic._claim_people[claim_id]
        people.add(mentor_id)
        summary.people = len(people)
        setattr(summary, stance, getattr(summary, stance) + 1)


def insight_overview_for_student(*, student: User) -> list[FieldPicture]:
    """The /insights/ page: fields with people heard first (most first), then the
    fields of interest nobody has spoken to yet, each by name."""
    pictures = student_field_pictures(student=student)
    return sorted(pictures.values(), key=lambda p: (-p.people, p.name.casefold(), p.field_id))


def insight_conversations_for_student(*, student: User) -> list[Interview]:
    """The conversations the student can record insights from (started or held), the
    latest first, each with ``insight_count``. One query."""
    return list(
        Interview.objects.filter(
            student=student,
            status__in=[Interview.Status.SCHEDULED, Interview.Status.COMPLETED],
            starts_at__lte=timezone.now(),
        )
        .select_related("mentor")
        .annotate(insight_count=Count("perspectives"))
        .order_by("-starts_at", "-id")
    )


def insight_list_for_interview(*, interview: Interview) -> list[Perspective]:
    """What the student recorded from one conversation, by topic and claim. One query."""
    return list(
        Perspective.objects.filter(interview=interview)
        .select_related("claim", "claim__career_field")
        .order_by("claim__topic", "claim__text", "id")
    )


def claim_texts_for_student(*, student: User) -> list[tuple[str, str]]:
    """``(text, field name)`` of the student's claims, for the type-ahead, the field named
    in the language of the page. One query."""
    return list(
        Claim.objects.filter(student=student)
        .annotate(field_name=Localized("career_field__name"))
        .order_by("field_name", "text", "id")
        .values_list("text", "field_name")
    )


def insight_field_choices(
    *, interview: Interview, student: User
) -> tuple[list[CareerField], int | None]:
    """The fields an insight from this conversation can be filed under (the mentor's), and
    the one to offer first: one the student is interested in, else the mentor's first."""
    fields = list(interview.mentor.career_fields.order_by(Localized("name")))
    interested = set(
        StudentProfile.fields_of_interest.through.objects.filter(
            studentprofile__user=student, careerfield__in=fields
        ).values_list("careerfield_id", flat=True)
    )
    first = next((f.pk for f in fields if f.pk in interested), fields[0].pk if fields else None)
    return fields, first


@dataclass
class FieldCount:
    field_id: int
    name: str
    students: int
    fewer_than_enough: int

    @property
    def enough(self) -> int:
        return self.students - self.fewer_than_enough


# Per (student, field): the people heard from, by the module docstring's definition;
# every active student who follows a field, held a conversation or filed an insight in
# it counts there. Table names come from the models (see field_perspective_counts).
_COUNTS_SQL = """
WITH heard AS (
    SELECT i.student_id, mcf.careerfield_id AS field_id, i.mentor_id
    FROM {interview} i
    JOIN {mentor_fields} mcf ON mcf.mentorprofile_id = i.mentor_id
    WHERE i.status = %(completed)s
  UNION
    SELECT c.student_id, c.career_field_id, i.mentor_id
    FROM {perspective} p
    JOIN {claim} c ON c.id = p.claim_id
    JOIN {interview} i ON i.id = p.interview_id
),
pairs AS (
    SELECT student_id, field_id FROM heard
  UNION
    SELECT sp.user_id, sfi.careerfield_id
    FROM {interests} sfi
    JOIN {profile} sp ON sp.id = sfi.studentprofile_id
),
per_pair AS (
    SELECT pairs.student_id, pairs.field_id, COUNT(DISTINCT heard.mentor_id) AS people
    FROM pairs
    JOIN {user} u ON u.id = pairs.student_id AND u.is_active AND u.role = %(student)s
    LEFT JOIN heard ON heard.student_id = pairs.student_id AND heard.field_id = pairs.field_id
    GROUP BY pairs.student_id, pairs.field_id
)
SELECT f.id, {field_name} AS name, COUNT(*), COUNT(*) FILTER (WHERE per_pair.people < %(enough)s)
FROM per_pair
JOIN {field} f ON f.id = per_pair.field_id
GROUP BY f.id
ORDER BY name, f.id
"""


def field_perspective_counts() -> list[FieldCount]:
    """Per career field with at least one student: how many students follow it and how
    many of them have heard fewer than ``ENOUGH_PEOPLE`` people there. Counts only; one
    query whatever the number of students."""
    tables = {
        "interview": Interview._meta.db_table,
        "mentor_fields": MentorProfile.career_fields.through._meta.db_table,
        "perspective": Perspective._meta.db_table,
        "claim": Claim._meta.db_table,
        "interests": StudentProfile.fields_of_interest.through._meta.db_table,
        "profile": StudentProfile._meta.db_table,
        "user": User._meta.db_table,
        "field": CareerField._meta.db_table,
    }
    sql = _COUNTS_SQL.format(
        **{k: connection.ops.quote_name(v) for k, v in tables.items()},
        # Each field by its name in the staff member's language.
        field_name=localized_sql("f", "name"),
    )
    params: dict[str, str | int] = {
        "completed": Interview.Status.COMPLETED.value,
        "student": User.Role.STUDENT.value,
        "enough": ENOUGH_PEOPLE,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [FieldCount(*row) for row in cursor.fetchall()]
