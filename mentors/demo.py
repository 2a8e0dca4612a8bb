"""Demo mentors for `manage.py seed_demo`: varied, repeatable, and fast in bulk."""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from users.models import User

from .models import CareerField, MentorProfile
from .services import mentor_search_text_refresh

DEMO_DOMAIN = "mentors.example.com"
BATCH = 2000

# Names, employers, places and topics to draw from: data, not code (mentors/data/).
_DATA = json.loads((Path(__file__).parent / "data" / "demo_names.json").read_text("utf-8"))
FIRST_NAMES: list[str] = _DATA["first_names"]
LAST_NAMES: list[str] = _DATA["last_names"]


@dataclass(frozen=True)
class Role:
    """A job as it is found in the world: the title, the career fields that work is in,
    and employers who hire for it, so a demo mentor's title, employer, industry and
    fields agree (no "Copywriter at Pixar in Journalism")."""

    cluster: str
    industry: str
    title: str
    fields: tuple[str, ...]
    employers: tuple[str, ...]


ROLES: list[Role] = [
    Role(
        cluster=cluster,
        industry=MentorProfile.Industry(work["industry"]),
        title=role["title"],
        fields=tuple(role["fields"]),
        employers=tuple(role["employers"]),
    )
    for cluster, work in _DATA["cluster_roles"].items()
    for role in work["roles"]
]
CITIES: list[tuple[str, str]] = [(city, region) for city, region in _DATA["cities"]]
ABROAD: list[tuple[str, str, str]] = [
    (city, region, country) for city, region, country in _DATA["abroad"]
]
MAJORS: list[str] = _DATA["majors"]
DEGREES: list[str] = _DATA["degrees"]
TOPICS: list[str] = _DATA["topics"]
ASSOCIATIONS: list[str] = _DATA["associations"]
TIME_ZONES = {"United States": "America/New_York", "United Kingdom": "Europe/London",
              "Canada": "America/Toronto", "Germany": "Europe/Berlin", "Singapore": "Asia/Singapore"}  # fmt: skip
WEST = {"California", "Washington"}
CENTRAL = {"Illinois", "Texas", "Minnesota"}


def _profile_values(
    rng: random.Random,
    fields_by_name: dict[str, CareerField],
    *,
    title: str | None = None,
    employer: str | None = None,
    place: tuple[str, str, str] | None = None,
    major: str | None = None,
) -> dict:
    """A plausible profile from one of the ROLES (the one called ``title``, when given):
    ``employer``, ``place`` (city, region, country) and ``major`` fix those parts, and
    the bio agrees with them. Only career fields that exist are chosen."""
    roles = [role for role in ROLES if role.title == title] or ROLES
    role = rng.choice(roles)
    existing = [name for name in role.fields if name in fields_by_name]
    # The role's first field always, then perhaps the others it lists.
    names = existing[:1] + [name for name in existing[1:] if rng.random() < 0.5]
    chosen = [fields_by_name[name] for name in names]
    if place is not None:
        city, region, country = place
    elif rng.random() < 0.85:
        city, region = rng.choice(CITIES)
        country = "United States"
    else:
        city, region, country = rng.choice(ABROAD)
    employer = employer or rng.choice(role.employers)
    year = rng.randint(1975, 2023)
    major = major or rng.choice(MAJORS)
    topics = rng.sample(TOPICS, k=rng.randint(1, 3))
    formats = [f for f in MentorProfile.Format.values if rng.random() < 0.6] or ["video"]
    # The bio is the mentor's own text, in English like the rest of the profile.
    mostly = f", mostly on {names[0].lower()}" if names else ""
    bio = (
        f"I studied {major} and graduated in {year}. Today I work as {role.title.lower()} "
        f"at {employer} in {city}{mostly}. "
        f"I like helping students see what the work is really like, including {topics[0]}."
    )
    return {
        "fields": chosen,
        "employer": employer,
        "job_title": role.title,
        "industry": role.industry,
        "city": city,
        "region": region,
        "country": country,
        "graduation_year": year,
        "degree": rng.choice(DEGREES),
        "major": major,
        "bio": bio,
        "topics": "; ".join(topics).capitalize(),
        "meeting_formats": formats,
        "open_to_remote": rng.random() < 0.8,
        "preferred_contact": rng.choice(MentorProfile.Contact.values),
        "monthly_cap": rng.choice([1, 2, 2, 2, 3, 4, 5]),
        "reviews_resumes": rng.random() < 0.5,
        "associations": rng.choice(ASSOCIATIONS) if rng.random() < 0.4 else "",
    }


def _time_zone(values: dict) -> str:
    if values["region"] in WEST:
        return "America/Los_Angeles"
    if values["region"] in CENTRAL:
        return "America/Chicago"
    if values["region"] == "Colorado":
        return "America/Denver"
    return TIME_ZONES.get(values["country"], "America/New_York")


def _status(rng: random.Random, today: datetime.date) -> tuple[str, datetime.date | None]:
    roll = rng.random()
    if roll < 0.04:
        return MentorProfile.Status.PENDING, None
    if roll < 0.07:
        return MentorProfile.Status.PAUSED, today + datetime.timedelta(days=rng.randint(5, 90))
    if roll < 0.08:
        return MentorProfile.Status.RETIRED, None
    return MentorProfile.Status.APPROVED, None


@transaction.atomic
def seed_mentors(*, rng: random.Random, count: int, demo_mentor: User, approver: User) -> str:
    """Create ``count`` demo mentors plus an approved profile for ``demo_mentor``.

    Runs once: when demo mentors exist already it leaves them alone.
    """
    # By the English names the ROLES use, whatever the language the demo is seeded in.
    fields_by_name = {f.name_en: f for f in CareerField.objects.all() if f.name_en}
    if not fields_by_name:
        return "No career fields, so no mentors."
    now = timezone.now()
    today = timezone.localdate()
    Through = MentorProfile.career_fields.through

    if not MentorProfile.objects.filter(user=demo_mentor).exists():
        values = _profile_values(
            rng,
            fields_by_name,
            title="Robotics Engineer",
            employer="Boston Dynamics",
            place=("Boston", "Massachusetts", "United States"),
            major="Mechanical Engineering",
        )
        chosen = values.pop("fields")
        values["monthly_cap"] = 3
        profile = MentorProfile.objects.create(
            user=demo_mentor, status=MentorProfile.Status.APPROVED, approved_by=approver,
            approved_at=now, consented_at=now, **values,
        )  # fmt: skip
        profile.career_fields.set(chosen)
        mentor_search_text_refresh(mentor_ids=[profile.pk])

    if User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        return "Mentors already seeded."

    unusable = make_password(None)  # demo mentors cannot sign in; hashing 10,000 would be slow
    created = 0
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        rows = []
        for n in range(start, start + size):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            values = _profile_values(rng, fields_by_name)
            user = User(
                email=f"{first}.{last}.{n + 1}@{DEMO_DOMAIN}".lower(),
                first_name=first, last_name=last, role=User.Role.MENTOR,
                password=unusable, time_zone=_time_zone(values), date_joined=now,
            )  # fmt: skip
            rows.append((user, values))
        users = User.objects.bulk_create([user for user, _ in rows])
        EmailAddress.objects.bulk_create(
            EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
        )
        profiles, chosen_fields = [], []
        for user, values in rows:
            status, paused_until = _status(rng, today)
            chosen = values.pop("fields")
            chosen_fields.append(chosen)
            approved = status != MentorProfile.Status.PENDING
            profiles.append(
                MentorProfile(
                    user=user, status=status, paused_until=paused_until,
                    approved_by=approver if approved else None,
                    approved_at=now if approved else None, consented_at=now,
                    display_name=f"{user.first_name} {user.last_name}",
                    **values,
                )
            )  # fmt: skip
        profiles = MentorProfile.objects.bulk_create(profiles)
        Through.objects.bulk_create(
            Through(mentorprofile_id=profile.pk, careerfield_id=career_field.pk)
            for profile, chosen in zip(profiles, chosen_fields, strict=True)
            for career_field in chosen
        )
        # The field names for the search, as for any mentor: one UPDATE per batch.
        mentor_search_text_refresh(mentor_ids=[profile.pk for profile in profiles])
        created += len(profiles)
    _tidy_search_indexes()
    return f"{created} mentors."


def _tidy_search_indexes() -> None:
    """After a bulk insert, move GIN's pending entries into the index proper and refresh
    the planner's statistics, so the first searches do not scan the whole table."""
    with connection.cursor() as cursor:
        for index in ("mentor_search_vector_gin", "mentor_name_employer_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE mentors_mentorprofile")
        cursor.execute("ANALYZE mentors_mentorprofile_career_fields")
        cursor.execute("ANALYZE users_user")
