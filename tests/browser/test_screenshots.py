"""Screenshots of the main pages at a phone's and a laptop's width, kept as test
artefacts for a person to look at (in ``test-artifacts/screenshots/``, or
``$TEST_ARTIFACTS_DIR/screenshots/``; never committed). The test also fails when a page
scrolls sideways at 320 px, the narrowest width WCAG's reflow criterion asks for."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import InterviewFactory, MentorProfileFactory, StudentProfileFactory

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"phone": (320, 640), "laptop": (1280, 800)}


def _artifacts() -> Path:
    base = Path(os.environ.get("TEST_ARTIFACTS_DIR", ROOT / "test-artifacts"))
    folder = base / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(page, folder: Path, name: str) -> list[str]:
    """Screenshots of the current page at each width; the widths where it scrolls sideways."""
    overflowing = []
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(folder / f"{name}-{label}-{width}.png"), full_page=True)
        if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
            overflowing.append(f"{name} at {width} px")
    return overflowing


def test_main_pages_at_320_and_1280_pixels(transactional_db, page, sign_in):
    student = StudentProfileFactory(user__first_name="Ada", user__last_name="Lovelace").user
    mentor = MentorProfileFactory(
        user__first_name="Grace", user__last_name="Hopper-Worthington",
        user__email="grace.hopper-worthington.long-address@engineering.example.com",
        job_title="Principal Software Engineer", employer="Navy Labs",
    )  # fmt: skip
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    interview = InterviewFactory(
        scheduled=True, student=student, mentor=mentor, starts_at=start,
        ends_at=start + datetime.timedelta(minutes=45),
    )  # fmt: skip
    folder = _artifacts()
    overflowing = []
    page.goto("/")
    overflowing += _shoot(page, folder, "landing")
    sign_in(page, student)
    for name, path in (
        ("student-home", "/"),
        ("directory", "/mentors/"),
        ("mentor-profile", f"/mentors/{mentor.pk}/"),
        ("interview", f"/interviews/{interview.pk}/"),
        ("notebook", f"/interviews/{interview.pk}/notebook/"),
        ("insights", "/insights/"),
        ("guide", "/guide/"),
    ):
        page.goto(path)
        overflowing += _shoot(page, folder, name)
    assert overflowing == []
    assert len(list(folder.glob("*.png"))) >= 16
