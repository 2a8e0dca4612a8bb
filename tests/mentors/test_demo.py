import json
import random
from pathlib import Path

import pytest

import mentors
from mentors.demo import seed_mentors
from mentors.models import MentorProfile
from tests.factories import MentorUserFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

DATA = json.loads((Path(mentors.__file__).parent / "data" / "demo_names.json").read_text())


def test_demo_mentors_are_drawn_from_the_data_file():
    seed_mentors(
        rng=random.Random(3), count=20, demo_mentor=MentorUserFactory(), approver=StaffUserFactory()
    )

    demo = MentorProfile.objects.filter(user__email__endswith="@mentors.example.com")
    assert demo.count() == 20
    employers = {e for work in DATA["cluster_work"].values() for e in work["employers"]}
    industries = {work["industry"] for work in DATA["cluster_work"].values()}
    for profile in demo.select_related("user"):
        assert profile.user.first_name in DATA["first_names"]
        assert profile.user.last_name in DATA["last_names"]
        assert profile.employer in employers
        assert profile.industry in industries
        assert profile.major in DATA["majors"]
