"""`seed_demo --interviews N`: a past at scale the report can be tried on."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from interviews.models import Feedback, Interview
from reports.selectors import program_report


@pytest.mark.django_db
def test_seed_demo_adds_a_past_the_report_counts_once(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", "--mentors", "30", "--interviews", "400")
    assert "400 past interviews" in capsys.readouterr().out

    past = Interview.objects.filter(student__email__endswith="@history.example.edu")
    assert past.count() == 400
    assert not past.filter(status__in=Interview.OPEN_STATES).exists()
    assert Feedback.objects.filter(interview__in=past).exists()
    today = timezone.localdate()
    report = program_report(start=today - datetime.timedelta(days=420), end=today)
    assert report.outcomes.requests >= 400
    assert report.load.never_asked > 0  # some mentors are never asked

    call_command("seed_demo", "--mentors", "30", "--interviews", "400")
    assert past.count() == 400
