"""People choose from canonical time zones, and keep an older name they already have."""

import re
import zoneinfo

import pytest
from django.test import Client

from tests.auth import login_with_second_factor
from tests.factories import MentorProfileFactory, StudentProfileFactory, UserFactory
from users.time_zones import AREAS, canonical_time_zones, time_zone_choices

LEGACY = "US/Eastern"


def test_the_list_is_canonical_area_location_names_and_utc_sorted():
    names = canonical_time_zones()
    assert list(names) == sorted(names)
    assert "UTC" in names
    assert all(name == "UTC" or name.split("/", 1)[0] in AREAS for name in names)
    for wanted in ("America/New_York", "Europe/London", "Asia/Kolkata", "Europe/Oslo"):
        assert wanted in names
    for unwanted in ("localtime", "Factory", "posixrules", "US/Eastern", "Etc/GMT+5", "GMT"):
        assert unwanted not in names
    assert "Asia/Calcutta" not in names  # the legacy alias of Asia/Kolkata
    assert 350 < len(names) < 450  # not the ~600 of available_timezones()
    for name in names:
        zoneinfo.ZoneInfo(name)


def test_an_older_name_is_offered_only_to_the_person_who_has_it():
    assert LEGACY not in dict(time_zone_choices())
    labels = dict(time_zone_choices(LEGACY))
    assert labels[LEGACY] in ("US/Eastern (EST)", "US/Eastern (EDT)")
    assert len(time_zone_choices("Not/AZone")) == len(time_zone_choices())


def _selected_zone(html: str) -> str:
    select = re.search(r'<select name="[^"]*time_zone".*?</select>', html, re.S).group()
    return re.search(r'<option value="([^"]+)" selected>', select).group(1)


def _option_count(html: str) -> int:
    select = re.search(r'<select name="[^"]*time_zone".*?</select>', html, re.S).group()
    return select.count("<option")


@pytest.mark.django_db
def test_settings_save_with_an_older_zone_kept_and_odd_files_refused():
    user = UserFactory(time_zone=LEGACY, first_name="Old")
    client = Client()
    client.force_login(user)
    html = client.get("/accounts/settings/").content.decode()
    assert _selected_zone(html) == LEGACY
    assert _option_count(html) == len(canonical_time_zones()) + 1

    data = {
        "person-first_name": "New",
        "person-last_name": "Name",
        "person-time_zone": LEGACY,
        "person-language": "en",
    }
    assert client.post("/accounts/settings/", data).status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.time_zone) == ("New", LEGACY)

    data["person-time_zone"] = "Europe/Oslo"
    assert client.post("/accounts/settings/", data).status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "Europe/Oslo"
    for odd in ("localtime", "Factory", LEGACY):  # no longer theirs, so no longer offered
        response = client.post("/accounts/settings/", data | {"person-time_zone": odd})
        assert response.status_code == 200
        assert response.context["person"].errors["time_zone"]


@pytest.mark.django_db
def test_mentor_profile_saves_with_an_older_zone_kept():
    from tests.mentors.test_views import _volunteer_data

    mentor = MentorProfileFactory(user=UserFactory(role="mentor", time_zone=LEGACY))
    client = Client()
    client.force_login(mentor.user)
    assert _selected_zone(client.get("/mentors/me/").content.decode()) == LEGACY
    data = _volunteer_data(employer="Kept Zone LLC", time_zone=LEGACY)
    response = client.post("/mentors/me/", data)
    assert response.status_code == 302, response.context["form"].errors
    mentor.refresh_from_db()
    assert (mentor.employer, mentor.user.time_zone) == ("Kept Zone LLC", LEGACY)


@pytest.mark.django_db
def test_student_profile_saves_with_an_older_zone_kept():
    profile = StudentProfileFactory(user=UserFactory(time_zone=LEGACY))
    client = Client()
    client.force_login(profile.user)
    assert _selected_zone(client.get("/students/profile/").content.decode()) == LEGACY
    data = {
        "class_year": "2027",
        "majors": "History",
        "career_stage": "exploring",
        "goals": "Learn what archivists do.",
        "fields_of_interest": [str(f.pk) for f in profile.fields_of_interest.all()],
        "time_zone": LEGACY,
    }
    response = client.post("/students/profile/", data)
    assert response.status_code == 302, response.context["form"].errors
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.majors, profile.user.time_zone) == ("History", LEGACY)


@pytest.mark.django_db
def test_a_newcomer_sees_only_canonical_zones(client):
    html = client.get("/mentors/volunteer/").content.decode()
    assert _option_count(html) == len(canonical_time_zones())
    assert 'value="US/Eastern"' not in html


def test_the_fast_select_writes_what_djangos_select_writes():
    from django import forms

    from users.forms import TimeZoneSelect

    choices = [
        ("America/New_York", "America/New York"),
        ("Europe/Oslo", "Europe/Oslo"),
        ("<&>", "<&>"),
    ]
    attrs = {"id": "id_tz", "required": True, "aria-describedby": "id_tz_helptext"}
    for value in ("Europe/Oslo", None, "Not/Listed"):
        ours = TimeZoneSelect(choices=choices, attrs={"class": "form-select"}).render(
            "tz", value, attrs
        )
        django = forms.Select(choices=choices, attrs={"class": "form-select"}).render(
            "tz", value, attrs
        )
        assert re.sub(r">\s+<", "><", ours) == re.sub(r">\s+<", "><", django.strip())


@pytest.mark.django_db
def test_staff_save_a_person_with_an_older_zone_in_admin(client):

    from tests.factories import StaffUserFactory

    staff = StaffUserFactory(is_superuser=True)
    login_with_second_factor(client, staff)
    person = UserFactory(time_zone=LEGACY)
    url = f"/admin/users/user/{person.pk}/change/"
    form = client.get(url).context["adminform"].form
    assert _selected_zone(client.get(url).content.decode()) == LEGACY
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if v is not False}
    data |= {"first_name": "Renamed", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"}
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert (person.first_name, person.time_zone) == ("Renamed", LEGACY)
