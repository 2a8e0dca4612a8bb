"""One style for times and zones: weekday, date, time and a zone people can tell apart."""

import datetime
import zoneinfo

import pytest
import time_machine

from core.timefmt import day, when, window, zone_label
from tests.factories import InterviewFactory, StudentProfileFactory

EVENING_UTC = datetime.datetime(2026, 12, 1, 20, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("America/New_York", "Tuesday, December 1, 2026, 3:00 PM EST"),
        ("Europe/London", "Tuesday, December 1, 2026, 8:00 PM GMT"),
        # tzdata has no abbreviation for São Paulo: the offset, not a bare "-03".
        ("America/Sao_Paulo", "Tuesday, December 1, 2026, 5:00 PM UTC-3"),
        # IST is India, Israel and Ireland; CST is Chicago and China.
        ("Asia/Kolkata", "Wednesday, December 2, 2026, 1:30 AM IST (UTC+5:30)"),
        ("Asia/Shanghai", "Wednesday, December 2, 2026, 4:00 AM CST (UTC+8)"),
        ("America/Chicago", "Tuesday, December 1, 2026, 2:00 PM CST (UTC-6)"),
        ("UTC", "Tuesday, December 1, 2026, 8:00 PM UTC"),
    ],
)
def test_an_instant_reads_weekday_date_time_and_a_zone_that_cannot_be_mistaken(zone, shown):
    assert when(EVENING_UTC, zoneinfo.ZoneInfo(zone)) == shown


def test_a_window_and_a_day_use_the_same_style():
    zone = zoneinfo.ZoneInfo("America/Sao_Paulo")
    end = EVENING_UTC + datetime.timedelta(hours=1)
    assert (
        window(EVENING_UTC, end, zone)
        == "Tuesday, December 1, 2026, 5:00 PM UTC-3 to 6:00 PM UTC-3"
    )
    assert day(EVENING_UTC, zone) == "Tuesday, December 1, 2026"
    assert day(datetime.date(2026, 12, 1)) == "Tuesday, December 1, 2026"


def test_a_zone_is_named_as_chosen_with_how_its_times_read_now():
    assert zone_label("America/New_York", at=EVENING_UTC) == "America/New York (EST)"
    summer = datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)
    assert zone_label("America/New_York", at=summer) == "America/New York (EDT)"
    assert zone_label("America/Sao_Paulo", at=EVENING_UTC) == "America/Sao Paulo (UTC-3)"
    assert zone_label("Asia/Kolkata", at=EVENING_UTC) == "Asia/Kolkata (IST, UTC+5:30)"
    assert zone_label("UTC") == "UTC"
    assert zone_label("Not/AZone") == "Not/AZone"


@pytest.mark.django_db
@time_machine.travel(EVENING_UTC, tick=False)
def test_pages_and_the_zone_select_name_the_zone_the_same_way(client):
    student = StudentProfileFactory(user__time_zone="America/Sao_Paulo").user
    InterviewFactory(
        student=student,
        scheduled=True,
        starts_at=EVENING_UTC + datetime.timedelta(days=2),
    )
    client.force_login(student)
    listing = client.get("/interviews/").content.decode()
    assert "Times are shown in your time zone, America/Sao Paulo (UTC-3)." in listing
    assert "Thursday, December 3, 2026, 5:00 PM UTC-3" in listing
    assert "5:00 PM -03" not in listing
    profile = client.get("/students/profile/").content.decode()
    assert (
        '<option value="America/Sao_Paulo" selected>America/Sao Paulo (UTC-3)</option>' in profile
    )
    assert ">America/New York (EST)</option>" in profile
