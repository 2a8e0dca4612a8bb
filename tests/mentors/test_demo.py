import json
import random
from pathlib import Path

import pytest

import mentors
from mentors.data.career_fields import CAREER_FIELDS
from mentors.demo import ROLES, seed_mentors
from mentors.models import MentorProfile
from tests.factories import MentorUserFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

DATA = json.loads((Path(mentors.__file__).parent / "data" / "demo_names.json").read_text())
# What a person with each title plausibly is: (industry, employers, career fields).
PLAUSIBLE = {role.title: (role.industry, set(role.employers), set(role.fields)) for role in ROLES}


def test_each_role_names_career_fields_of_its_own_cluster_and_one_industry():
    industry_of_cluster = {}
    for role in ROLES:
        assert role.fields, role.title
        assert set(role.fields) <= set(CAREER_FIELDS[role.cluster]), role.title
        assert industry_of_cluster.setdefault(role.cluster, role.industry) == role.industry
    assert len(PLAUSIBLE) == len(ROLES), "a title appears twice"


def test_every_demo_mentors_title_employer_industry_and_fields_agree():
    demo_mentor = MentorUserFactory()
    seed_mentors(
        rng=random.Random(3), count=60, demo_mentor=demo_mentor, approver=StaffUserFactory()
    )

    profiles = MentorProfile.objects.filter(user__email__endswith="@mentors.example.com")
    assert profiles.count() == 60
    profiles = list(profiles.select_related("user").prefetch_related("career_fields"))
    profiles.append(MentorProfile.objects.get(user=demo_mentor))
    for profile in profiles:
        industry, employers, fields = PLAUSIBLE[profile.job_title]
        names = {career_field.name for career_field in profile.career_fields.all()}
        story = f"{profile.job_title} at {profile.employer} in {sorted(names)}"
        assert profile.industry == industry, story
        assert profile.employer in employers, story
        assert names and names <= fields, story
        assert f"work as {profile.job_title.lower()} at {profile.employer}" in profile.bio
    for profile in profiles[:-1]:
        assert profile.user.first_name in DATA["first_names"]
        assert profile.user.last_name in DATA["last_names"]
        assert profile.major in DATA["majors"]
    assert profiles[-1].job_title == "Robotics Engineer"
    assert profiles[-1].employer == "Boston Dynamics"


def test_bulk_seeded_rows_are_whole_listed_found_and_cached_afresh(
    settings, django_capture_on_commit_callbacks
):
    """The demo's mentors are written with COPY, past the ORM: every column a row leaves
    out still gets its field's default, and the directory sees them at once."""
    from allauth.account.models import EmailAddress

    from mentors.directory_cache import directory_version
    from mentors.selectors import mentor_directory

    version = directory_version()
    demo_mentor = MentorUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        seed_mentors(
            rng=random.Random(5), count=30, demo_mentor=demo_mentor, approver=StaffUserFactory()
        )

    profiles = MentorProfile.objects.filter(user__email__endswith="@mentors.example.com")
    assert profiles.count() == 30
    for profile in profiles.select_related("user"):
        user = profile.user
        assert user.is_active and not user.is_staff and not user.has_usable_password()
        assert user.language == settings.LANGUAGE_CODE
        assert profile.created_at and profile.updated_at and profile.consented_at
        assert profile.phone == "" and profile.website == ""
        assert profile.display_name == f"{user.first_name} {user.last_name}"
        assert EmailAddress.objects.get(user=user, email=user.email, verified=True, primary=True)
    listed = MentorProfile.objects.listed().filter(pk__in=profiles).first()
    page = mentor_directory(filters={"q": listed.employer})
    assert listed.pk in [row.pk for row in page.mentors] or len(page.mentors) == 20
    assert directory_version() != version
