"""Demo mentors for `manage.py seed_demo`: varied, repeatable, and fast in bulk."""

from __future__ import annotations

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from users.models import User

from .models import CareerField, MentorProfile
from .services import mentor_search_text_refresh

DEMO_DOMAIN = "mentors.example.com"
BATCH = 2000

FIRST_NAMES = [
    "Aaliyah",
    "Aaron",
    "Abigail",
    "Adrian",
    "Aisha",
    "Alejandro",
    "Alex",
    "Alice",
    "Amara",
    "Amir",
    "Ana",
    "Andre",
    "Andrew",
    "Anika",
    "Arjun",
    "Ava",
    "Benjamin",
    "Bianca",
    "Brandon",
    "Brianna",
    "Caleb",
    "Camila",
    "Carlos",
    "Carmen",
    "Chen",
    "Chloe",
    "Chris",
    "Daniel",
    "Darius",
    "David",
    "Deepa",
    "Diego",
    "Dmitri",
    "Elena",
    "Eli",
    "Elijah",
    "Emily",
    "Emma",
    "Esther",
    "Ethan",
    "Fatima",
    "Felix",
    "Grace",
    "Hana",
    "Hannah",
    "Hiro",
    "Isaac",
    "Isabella",
    "Jacob",
    "Jamal",
    "Jasmine",
    "Javier",
    "Jenna",
    "Jin",
    "Jordan",
    "Jose",
    "Julia",
    "Kai",
    "Kaitlyn",
    "Kayla",
    "Kenji",
    "Kwame",
    "Laila",
    "Laura",
    "Leah",
    "Leo",
    "Liam",
    "Lucia",
    "Luis",
    "Malik",
    "Maria",
    "Mateo",
    "Maya",
    "Mei",
    "Michael",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Nathan",
    "Nia",
    "Noah",
    "Olivia",
    "Omar",
    "Priya",
    "Rafael",
    "Rachel",
    "Ravi",
    "Rosa",
    "Ryan",
    "Samuel",
    "Sara",
    "Sofia",
    "Tariq",
    "Thomas",
    "Valentina",
    "Vivian",
    "Wei",
    "William",
    "Yara",
    "Yusuf",
    "Zara",
    "Zoe",
]
LAST_NAMES = [
    "Abara",
    "Adams",
    "Ahmed",
    "Alvarez",
    "Anderson",
    "Bailey",
    "Baker",
    "Banerjee",
    "Bennett",
    "Brooks",
    "Campbell",
    "Castillo",
    "Chang",
    "Chen",
    "Clarke",
    "Cohen",
    "Collins",
    "Cruz",
    "Das",
    "Davis",
    "Diaz",
    "Edwards",
    "Evans",
    "Fernandez",
    "Fischer",
    "Flores",
    "Garcia",
    "Gomez",
    "Gonzalez",
    "Greene",
    "Gupta",
    "Hall",
    "Harris",
    "Hernandez",
    "Hill",
    "Ibrahim",
    "Ito",
    "Jackson",
    "Jensen",
    "Johnson",
    "Kang",
    "Kaur",
    "Kelly",
    "Khan",
    "Kim",
    "Kowalski",
    "Kumar",
    "Lee",
    "Lewis",
    "Lopez",
    "Martin",
    "Martinez",
    "Mendoza",
    "Miller",
    "Mitchell",
    "Moore",
    "Morales",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Nwosu",
    "Okafor",
    "Olsen",
    "Ortiz",
    "Osei",
    "Park",
    "Patel",
    "Perez",
    "Peterson",
    "Phillips",
    "Quinn",
    "Ramirez",
    "Reddy",
    "Reyes",
    "Rivera",
    "Roberts",
    "Robinson",
    "Rodriguez",
    "Rossi",
    "Russo",
    "Sanchez",
    "Santos",
    "Schmidt",
    "Shah",
    "Silva",
    "Singh",
    "Smith",
    "Sullivan",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Thompson",
    "Torres",
    "Tran",
    "Turner",
    "Walker",
    "Wang",
    "Williams",
    "Wilson",
    "Wong",
    "Wright",
    "Yamamoto",
    "Young",
    "Zhang",
]

# cluster -> (industry value, employers, job titles)
CLUSTER_WORK: dict[str, tuple[str, list[str], list[str]]] = {
    "Arts, Media & Communications": (
        MentorProfile.Industry.ARTS_MEDIA,
        ["Boston Globe", "NPR", "Penguin Random House", "Ogilvy", "Pixar", "Edelman", "Condé Nast"],
        ["Editor", "Producer", "Art Director", "Copywriter", "Communications Manager"],
    ),
    "Business & Finance": (
        MentorProfile.Industry.BUSINESS_FINANCE,
        [
            "Goldman Sachs",
            "Deloitte",
            "McKinsey & Company",
            "Fidelity Investments",
            "Procter & Gamble",
            "JPMorgan Chase",
            "Bain & Company",
            "PwC",
            "Wayfair",
            "State Street",
        ],
        [
            "Analyst",
            "Associate",
            "Senior Consultant",
            "Marketing Manager",
            "Controller",
            "Portfolio Manager",
            "HR Business Partner",
            "Founder",
        ],
    ),
    "Education": (
        MentorProfile.Industry.EDUCATION,
        ["Boston Public Schools", "Teach For America", "Khan Academy", "Northeastern University"],
        ["Teacher", "Assistant Dean", "Curriculum Designer", "School Counselor"],
    ),
    "Engineering & Technology": (
        MentorProfile.Industry.ENGINEERING_TECHNOLOGY,
        [
            "Google",
            "Microsoft",
            "HubSpot",
            "Raytheon",
            "Boston Dynamics",
            "Amazon",
            "Salesforce",
            "Moderna",
            "Tesla",
            "IBM",
        ],
        [
            "Software Engineer",
            "Product Manager",
            "Data Scientist",
            "Mechanical Engineer",
            "UX Designer",
            "Engineering Manager",
            "Security Analyst",
        ],
    ),
    "Government, Law & Policy": (
        MentorProfile.Industry.GOVERNMENT_LAW,
        [
            "U.S. Department of State",
            "City of Boston",
            "Ropes & Gray",
            "ACLU",
            "Brookings Institution",
        ],
        ["Attorney", "Policy Analyst", "Foreign Service Officer", "Legislative Aide", "Paralegal"],
    ),
    "Health & Life Sciences": (
        MentorProfile.Industry.HEALTH,
        [
            "Massachusetts General Hospital",
            "Pfizer",
            "Boston Children's Hospital",
            "Vertex",
            "Partners In Health",
            "Mayo Clinic",
        ],
        [
            "Physician",
            "Nurse Practitioner",
            "Clinical Research Coordinator",
            "Physical Therapist",
            "Public Health Analyst",
        ],
    ),
    "Nonprofit & Social Impact": (
        MentorProfile.Industry.NONPROFIT,
        ["United Way", "City Year", "The Nature Conservancy", "Habitat for Humanity"],
        ["Program Director", "Development Officer", "Community Organizer"],
    ),
    "Science & Research": (
        MentorProfile.Industry.SCIENCE,
        [
            "Broad Institute",
            "NASA",
            "Woods Hole Oceanographic Institution",
            "MIT Lincoln Laboratory",
        ],
        ["Research Scientist", "Lab Manager", "Postdoctoral Fellow", "Environmental Scientist"],
    ),
    "Hospitality, Sports & Recreation": (
        MentorProfile.Industry.HOSPITALITY_SPORTS,
        ["Marriott", "Boston Red Sox", "Hilton", "National Park Service", "Nike"],
        ["Event Manager", "Marketing Coordinator", "Operations Manager", "Athletic Trainer"],
    ),
}
CITIES = [
    ("Boston", "Massachusetts"), ("Cambridge", "Massachusetts"), ("New York", "New York"),
    ("Chicago", "Illinois"), ("San Francisco", "California"), ("Los Angeles", "California"),
    ("Seattle", "Washington"), ("Austin", "Texas"), ("Washington", "District of Columbia"),
    ("Denver", "Colorado"), ("Atlanta", "Georgia"), ("Providence", "Rhode Island"),
    ("Philadelphia", "Pennsylvania"), ("Minneapolis", "Minnesota"), ("Miami", "Florida"),
]  # fmt: skip
ABROAD = [("London", "England", "United Kingdom"), ("Toronto", "Ontario", "Canada"),
          ("Berlin", "", "Germany"), ("Singapore", "", "Singapore")]  # fmt: skip
MAJORS = [
    "Economics",
    "English",
    "Biology",
    "Computer Science",
    "Psychology",
    "History",
    "Political Science",
    "Mechanical Engineering",
    "Chemistry",
    "Mathematics",
    "Communication",
    "Sociology",
    "Art History",
    "Business Administration",
    "Environmental Science",
    "Nursing",
    "Philosophy",
    "Music",
]
DEGREES = ["BA", "BS", "BA", "BS", "MBA", "MS", "MA", "JD", "MD", "PhD"]
TOPICS = [
    "breaking into the field without connections", "graduate school or not", "switching careers",
    "a typical week in the job", "skills employers look for", "remote work", "work-life balance",
    "internships that led somewhere", "negotiating a first offer", "working abroad",
    "being first in my family to go to college", "networking for introverts",
]  # fmt: skip
ASSOCIATIONS = ["IEEE", "American Marketing Association", "Society of Women Engineers", "AICPA",
                "American Bar Association", "National Association of Hispanic Journalists",
                "Product Management Association", "American Public Health Association"]  # fmt: skip
TIME_ZONES = {"United States": "America/New_York", "United Kingdom": "Europe/London",
              "Canada": "America/Toronto", "Germany": "Europe/Berlin", "Singapore": "Asia/Singapore"}  # fmt: skip
WEST = {"California", "Washington"}
CENTRAL = {"Illinois", "Texas", "Minnesota"}


def _profile_values(
    rng: random.Random,
    fields_by_cluster: dict[str, list[CareerField]],
    *,
    cluster: str | None = None,
    work: tuple[str, str] | None = None,
    place: tuple[str, str, str] | None = None,
    major: str | None = None,
) -> dict:
    """A plausible profile; ``cluster``, ``work`` (employer, title), ``place`` (city,
    region, country) and ``major`` fix those parts, and the bio agrees with them."""
    if cluster not in fields_by_cluster:
        cluster = rng.choice(list(fields_by_cluster))
    industry, employers, titles = CLUSTER_WORK.get(cluster, CLUSTER_WORK["Business & Finance"])
    chosen = rng.sample(
        fields_by_cluster[cluster], k=min(rng.randint(1, 3), len(fields_by_cluster[cluster]))
    )
    if place is not None:
        city, region, country = place
    elif rng.random() < 0.85:
        city, region = rng.choice(CITIES)
        country = "United States"
    else:
        city, region, country = rng.choice(ABROAD)
    employer, title = work or (rng.choice(employers), rng.choice(titles))
    year = rng.randint(1975, 2023)
    major = major or rng.choice(MAJORS)
    topics = rng.sample(TOPICS, k=rng.randint(1, 3))
    formats = [f for f in MentorProfile.Format.values if rng.random() < 0.6] or ["video"]
    bio = (
        f"I studied {major} and graduated in {year}. Today I work as {title.lower()} at "
        f"{employer} in {city}, mostly on {chosen[0].name.lower()}. "
        f"I like helping students see what the work is really like, including {topics[0]}."
    )
    return {
        "fields": chosen,
        "employer": employer,
        "job_title": title,
        "industry": industry,
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
    fields_by_cluster: dict[str, list[CareerField]] = {}
    for career_field in CareerField.objects.all():
        fields_by_cluster.setdefault(career_field.cluster, []).append(career_field)
    if not fields_by_cluster:
        return "No career fields, so no mentors."
    now = timezone.now()
    today = timezone.localdate()
    Through = MentorProfile.career_fields.through

    if not MentorProfile.objects.filter(user=demo_mentor).exists():
        values = _profile_values(
            rng,
            fields_by_cluster,
            cluster="Engineering & Technology",
            work=("Boston Dynamics", "Robotics Engineer"),
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
            values = _profile_values(rng, fields_by_cluster)
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
                    fields_text=", ".join(sorted(f.name for f in chosen)),
                    **values,
                )
            )  # fmt: skip
        profiles = MentorProfile.objects.bulk_create(profiles)
        Through.objects.bulk_create(
            Through(mentorprofile_id=profile.pk, careerfield_id=career_field.pk)
            for profile, chosen in zip(profiles, chosen_fields, strict=True)
            for career_field in chosen
        )
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
