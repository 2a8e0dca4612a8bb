"""The institution's colour: white text on it must stay readable, or the site won't start."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.contrast import checked_primary_colour, contrast_ratio


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    # #767676 is the lightest grey that keeps 4.5:1 on white.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_dark_colour_is_accepted_and_a_light_one_refused_with_the_ratio():
    assert checked_primary_colour("#1F3A68") == "#1f3a68"
    with pytest.raises(ImproperlyConfigured, match=r"contrast of 1\.\d\d:1.*at least 4\.5:1"):
        checked_primary_colour("#ffcc00")
    with pytest.raises(ImproperlyConfigured, match="#rrggbb"):
        checked_primary_colour("navy")


def test_the_default_colour_passes():
    assert contrast_ratio(settings.INSTITUTION_PRIMARY_COLOUR, "#ffffff") >= 4.5


def test_the_site_refuses_to_start_with_a_colour_too_light_for_white_text():
    env = {**os.environ, "INSTITUTION_PRIMARY_COLOUR": "#87ceeb"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "careercenter.settings.test")
    started = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert started.returncode != 0
    assert "INSTITUTION_PRIMARY_COLOUR=#87ceeb gives white text a contrast of" in started.stderr
