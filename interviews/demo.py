"""Demo interviews, so a first look shows every side of the practice (idempotent)."""

from __future__ import annotations

import datetime
import random
import zoneinfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from mentors.models import MentorProfile
from students.models import StudentProfile
from users.models import User

from . import services
from .models import Interview

DEMO_GOAL = (
    "I would like to understand what a typical week looks like in your role, which skills "
    "matter most, and how you moved into the field after your degree."
)
DEMO_RESEARCH = (
    "I read your organization's annual report and its careers page, and a profile of your "
    "team in the alumni magazine. I also talked with a professor who works in the field."
)


def _window(days: int, hour: int) -> services.Window:
    start = (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return services.Window(starts_at=start, ends_at=start + datetime.timedelta(hours=2))


def _second_student(rng: random.Random, demo_student: User) -> User:
    user, created = User.objects.get_or_create(
        email="jordan@example.edu",
        defaults={"first_name": "Jordan", "last_name": "Patel", "role": User.Role.STUDENT},
    )
    if created:
        user.set_password(None)
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        profile = StudentProfile.objects.create(
            user=user, class_year=2026, majors="Mechanical Engineering",
            career_stage=StudentProfile.CareerStage.FOCUSED,
            goals="Find out how engineers move into robotics product teams.",
            completed_at=timezone.now(),
        )  # fmt: skip
        profile.fields_of_interest.set(demo_student.student_profile.fields_of_interest.all()[:1])
    return user


def _request(student: User, mentor: MentorProfile, *, days: int, referrer: str = "") -> Interview:
    format = (mentor.meeting_formats or ["video"])[0]
    return services.interview_request_create(
        student=student, mentor_id=mentor.pk, goal=DEMO_GOAL, research=DEMO_RESEARCH,
        not_a_job_request=True, duration_minutes=30, formats=[format],
        windows=[_window(days, 15), _window(days + 1, 16), _window(days + 2, 14)],
        referrer_name=referrer,
        referrer_relation="They worked together on a hospital project" if referrer else "",
    )  # fmt: skip


def _details(format: str) -> str:
    return {
        "in_person": "Main lobby, 100 Federal Street, Boston",
        "phone": "+1 617 555 0142",
    }.get(format, "https://video.example.com/room/demo")


def seed_interviews(*, rng: random.Random, demo_student: User, demo_mentor: User) -> str:
    if Interview.objects.filter(student=demo_student).exists():
        return "Interviews already seeded."
    others = list(
        MentorProfile.objects.listed()
        .exclude(user=demo_mentor)
        .filter(monthly_cap__gte=2)
        .order_by("pk")[:3]
    )
    if len(others) < 3:
        return ""
    # 1. The demo mentor has a request waiting, from another student, citing a referral.
    _request(_second_student(rng, demo_student), demo_mentor.mentor_profile, days=6,
             referrer="Dr. Alicia Gomez")  # fmt: skip
    # 2. The demo student has a conversation scheduled in a few days.
    scheduled = _request(demo_student, others[0], days=3)
    first = scheduled.proposals.order_by("starts_at").first()
    assert first is not None  # _request always offers three windows
    services.interview_accept(
        interview=scheduled, by=others[0].user, format=scheduled.formats[0],
        meeting_details=_details(scheduled.formats[0]), proposal_id=first.pk,
    )  # fmt: skip
    # 3. ... a request still waiting for an answer ...
    _request(demo_student, others[1], days=8)
    # 4. ... and a conversation two days ago, at 2 PM in the site's zone (not whatever hour
    # the demo was seeded at), with the thank-you still to send.
    site_zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = (timezone.now().astimezone(site_zone) - datetime.timedelta(days=2)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    Interview.objects.create(
        student=demo_student, mentor=others[2], status=Interview.Status.COMPLETED,
        goal=DEMO_GOAL, research=DEMO_RESEARCH, not_a_job_request=True, duration_minutes=45,
        formats=["video"], format="video", meeting_details=_details("video"),
        starts_at=start, ends_at=start + datetime.timedelta(minutes=45),
        scheduled_at=start - datetime.timedelta(days=5), closed_at=start + datetime.timedelta(minutes=45),
    )  # fmt: skip
    return "4 demo interviews."
