"""Demo mentors for `manage.py seed_demo`: varied, repeatable, and fast in bulk."""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from users.models import User

from .directory_cache import directory_cache_bump
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
# Enum.values builds a new list on each call; read once.
FORMATS: list[str] = MentorProfile.Format.values
CONTACTS: list[str] = MentorProfile.Contact.values
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
    formats = [f for f in FORMATS if rng.random() < 0.6] or ["video"]
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
        "preferred_contact": rng.choice(CONTACTS),
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
    # Each batch draws its names and profiles, then its statuses, in that order: the
    # demo's people stay the same whatever way the rows are written.
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        users, drawn = [], []
        for n, user_id in zip(range(start, start + size), _reserve_ids(User, size), strict=True):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            values = _profile_values(rng, fields_by_name)
            users.append(
                {"id": user_id, "email": f"{first}.{last}.{n + 1}@{DEMO_DOMAIN}".lower(),
                 "first_name": first, "last_name": last, "role": User.Role.MENTOR,
                 "password": unusable, "time_zone": _time_zone(values), "date_joined": now}
            )  # fmt: skip
            drawn.append(values)
        _copy(User, users)
        _copy(
            EmailAddress,
            [{"user_id": u["id"], "email": u["email"], "verified": True, "primary": True}
             for u in users],
        )  # fmt: skip
        profiles, links = [], []
        profile_ids = _reserve_ids(MentorProfile, size)
        for profile_id, user, values in zip(profile_ids, users, drawn, strict=True):
            status, paused_until = _status(rng, today)
            chosen = values.pop("fields")
            approved = status != MentorProfile.Status.PENDING
            profiles.append(
                {"id": profile_id, "user_id": user["id"], "status": status,
                 "paused_until": paused_until, "approved_by_id": approver.pk if approved else None,
                 "approved_at": now if approved else None, "consented_at": now,
                 "display_name": f"{user['first_name']} {user['last_name']}", **values}
            )  # fmt: skip
            links += [{"mentorprofile_id": profile_id, "careerfield_id": f.pk} for f in chosen]
        _copy(MentorProfile, profiles)
        _copy(Through, links)
        # The names for the search, as for any mentor: one UPDATE per batch.
        mentor_search_text_refresh(mentor_ids=profile_ids)
        created += len(profiles)
    _tidy_search_indexes()
    directory_cache_bump()  # once for all of them: COPY sends no signals
    return f"{created} mentors."


def _reserve_ids(model: type[Model], count: int) -> list[int]:
    """``count`` primary keys from the table's own sequence, in ascending order, so rows
    written by COPY can be referred to before they exist."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) AS id FROM generate_series(1, %s) "
            "ORDER BY id",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` (attribute name to value, the same names in every row) with one
    COPY: no SQL to build or parse per row, which is what makes 100,000 mentors quick.

    Like ``bulk_create``, it sends no signals and runs no validation. A column the rows
    leave out takes its field's default (now, for ``auto_now`` ones), or the database's
    (the primary key).
    """
    if not rows:
        return
    now = timezone.now()
    given = list(rows[0])
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.generated}
    defaults: dict[str, Any] = {}
    for name, f in fields.items():
        if name in given or f.primary_key:
            continue
        auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        defaults[name] = now if auto else f.get_default()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(fields[name].column)) for name in [*given, *defaults])
    fixed = tuple(defaults.values())
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row((*row.values(), *fixed))


def _tidy_search_indexes() -> None:
    """After a bulk insert, move GIN's pending entries into the index proper and refresh
    the planner's statistics, so the first searches do not scan the whole table."""
    with connection.cursor() as cursor:
        for index in ("mentor_search_vector_gin", "mentor_name_employer_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE mentors_mentorprofile")
        cursor.execute("ANALYZE mentors_mentorsearchterm")
        cursor.execute("ANALYZE mentors_mentorprofile_career_fields")
        cursor.execute("ANALYZE users_user")
