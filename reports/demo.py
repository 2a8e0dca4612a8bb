"""A past at scale for the reports (``seed_demo --interviews 50000``): students and closed
interviews spread over the last year, with feedback.

Fast in bulk: users and profiles by ``bulk_create``, the interviews by PostgreSQL's COPY
(``requested_at`` is filled in by Django on every insert, and history needs its own).
Only closed interviews are made, so none can collide with the demo's open ones.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from interviews.models import Feedback, Interview
from mentors.models import CareerField, MentorProfile
from students.models import StudentProfile
from users.models import User

DOMAIN = "history.example.edu"
BATCH = 2000
Status = Interview.Status
# (status, share) of the past requests.
OUTCOMES = (
    (Status.COMPLETED, 0.48),
    (Status.DECLINED, 0.12),
    (Status.EXPIRED, 0.10),
    (Status.WITHDRAWN, 0.05),
    (Status.CANCELLED, 0.17),
    (Status.NO_SHOW, 0.08),
)
COLUMNS = (
    "uid", "student_id", "mentor_id", "status", "goal", "research", "referrer_name",
    "referrer_relation", "not_a_job_request", "duration_minutes", "formats",
    "at_mentor_convenience", "resume_attached", "format", "starts_at", "ends_at",
    "meeting_details", "sequence", "decline_reason", "cancel_reason", "late_cancellation",
    "reschedule_count", "late_reschedule", "no_show_by", "requested_at", "responded_at",
    "scheduled_at", "confirmed_at", "thank_you_sent_at", "thank_you_method", "closed_at",
    "updated_at",
)  # fmt: skip


def _students(rng: random.Random, count: int, fields: list[CareerField]) -> list[int]:
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"student{i}@{DOMAIN}",
                first_name=f"Student{i}",
                last_name="History",
                role=User.Role.STUDENT,
                password=unusable,
            )
            for i in range(count)
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    profiles = StudentProfile.objects.bulk_create(
        [
            StudentProfile(user=u, class_year=rng.randint(2025, 2030), completed_at=now)
            for u in users
        ],
        batch_size=BATCH,
    )
    Through = StudentProfile.fields_of_interest.through
    Through.objects.bulk_create(
        [
            Through(studentprofile_id=p.pk, careerfield_id=f.pk)
            for p in profiles
            # Interest is uneven, as it is in life: a few fields draw most students.
            for f in {rng.choice(fields[: max(3, len(fields) // 4)]), rng.choice(fields)}
        ],
        batch_size=BATCH,
    )
    return [u.pk for u in users]


def _row(rng: random.Random, student: int, mentor: int, now: datetime.datetime) -> tuple:
    status = rng.choices([s for s, _w in OUTCOMES], [w for _s, w in OUTCOMES])[0]
    requested = now - datetime.timedelta(days=rng.uniform(14, 400))
    answered = requested + datetime.timedelta(hours=rng.expovariate(1 / 30))
    held = status in (Status.COMPLETED, Status.NO_SHOW, Status.CANCELLED)
    starts = (answered + datetime.timedelta(days=rng.randint(2, 12))).replace(
        minute=0, second=0, microsecond=0
    )
    minutes = rng.choice((30, 45, 60))
    thanked = status == Status.COMPLETED and rng.random() < 0.7
    return (
        uuid.UUID(int=rng.getrandbits(128), version=4), student, mentor, status.value,
        "What is a typical week like, and how did you get started?",
        "I read about the organization and your path.", "", "", True, minutes, ["video"],
        False, False, "video" if held else "", starts if held else None,
        starts + datetime.timedelta(minutes=minutes) if held else None, "", 1 if held else 0,
        "", "", status == Status.CANCELLED and rng.random() < 0.3, 0, False,
        "student" if status == Status.NO_SHOW else "", requested,
        None if status in (Status.EXPIRED, Status.WITHDRAWN) else answered,
        answered if held else None, None,
        starts + datetime.timedelta(hours=2) if thanked else None,
        "email" if thanked else "",
        (starts if held else answered) + datetime.timedelta(hours=1), now,
    )  # fmt: skip


def seed_history(*, rng: random.Random, interviews: int) -> str:
    """``interviews`` closed past requests among listed mentors (some much asked, many
    never) and a tenth as many students; nothing when the history exists already."""
    if interviews <= 0 or User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        return ""
    mentors = list(
        MentorProfile.objects.filter(status=MentorProfile.Status.APPROVED).values_list(
            "pk", flat=True
        )
    )
    fields = list(CareerField.objects.order_by("pk"))
    if not mentors or not fields:
        return ""
    students = _students(rng, max(50, interviews // 10), fields)
    # Pareto weights: a few mentors are asked again and again, a third never.
    asked = rng.sample(mentors, k=max(1, len(mentors) * 2 // 3))
    weights = [rng.paretovariate(1.2) for _ in asked]
    now = timezone.now()
    chosen = rng.choices(asked, weights, k=interviews)
    table = Interview._meta.db_table
    copy_sql = f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for mentor in chosen:
            copy.write_row(_row(rng, rng.choice(students), mentor, now))
    completed = Interview.objects.filter(
        status=Status.COMPLETED, student__email__endswith=f"@{DOMAIN}"
    ).values_list("pk", "student_id")
    Feedback.objects.bulk_create(
        [
            Feedback(interview_id=pk, author_id=student, rating=rng.choice((2, 3, 3, 4, 4)))
            for pk, student in completed
            if rng.random() < 0.4
        ],
        batch_size=BATCH,
    )
    return f"{interviews} past interviews among {len(students)} students."
