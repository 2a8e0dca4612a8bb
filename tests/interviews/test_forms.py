"""The forms: wall-clock times in a person's zone, windows checked one by one, and the
service's refusals placed next to the field they are about."""

import datetime
import zoneinfo

import pytest
from django import forms as django_forms
from django.utils import timezone

from interviews import forms
from interviews.models import Interview
from interviews.services import ActionNotAllowed
from mentors.models import MentorProfile
from tests.factories import InterviewFactory, TimeProposalFactory

from .conftest import at

DENVER = zoneinfo.ZoneInfo("America/Denver")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_a_wall_clock_time_becomes_an_aware_time_in_that_zone():
    value = forms.local_datetime(datetime.date(2026, 12, 1), datetime.time(15, 0), DENVER)
    assert value.utcoffset() == datetime.timedelta(hours=-7)
    assert value.astimezone(datetime.UTC).hour == 22


def test_a_time_the_clocks_skip_is_refused():
    with pytest.raises(django_forms.ValidationError) as error:
        forms.local_datetime(datetime.date(2026, 3, 8), datetime.time(2, 30), DENVER)
    assert error.value.code == "dst_gap"


def test_a_time_that_happens_twice_is_read_as_the_first():
    value = forms.local_datetime(datetime.date(2026, 11, 1), datetime.time(1, 30), DENVER)
    assert value.tzname() == "MDT"
    assert value.astimezone(datetime.UTC) == datetime.datetime(
        2026, 11, 1, 7, 30, tzinfo=datetime.UTC
    )


def _request_form(data, *, formats=("video", "phone"), has_resume=False):
    mentor = MentorProfile(meeting_formats=list(formats), display_name="Grace")
    return forms.InterviewRequestForm(data, mentor=mentor, zone=NEW_YORK, has_resume=has_resume)


def _day(days: int) -> str:
    return (timezone.now().astimezone(NEW_YORK) + datetime.timedelta(days=days)).date().isoformat()


def _data(**overrides):
    data = {
        "goal": "What is the work like?",
        "research": "I read the annual report.",
        "not_a_job_request": "on",
        "duration_minutes": "30",
        "formats": ["video"],
        "window_1_date": _day(3),
        "window_1_from": "10:00",
        "window_1_to": "11:00",
    }
    data.update(overrides)
    return data


def test_a_valid_request_gives_the_services_what_they_need():
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in _data().items():
        query.setlist(key, value if isinstance(value, list) else [value])
    form = _request_form(query)
    assert form.is_valid(), form.errors
    kwargs = form.service_kwargs()
    assert kwargs["duration_minutes"] == 30
    assert kwargs["formats"] == ["video"]
    [window] = kwargs["windows"]
    assert window.starts_at.tzinfo is not None
    assert window.ends_at - window.starts_at == datetime.timedelta(hours=1)
    assert not kwargs["at_mentor_convenience"]
    assert ("window_1_from", "10:00") in form.typed_values()


def test_the_length_offers_only_30_45_and_60_minutes():
    form = _request_form(_data(duration_minutes="120"))
    assert not form.is_valid()
    assert "never more than an hour" in form.errors["duration_minutes"][0]
    assert [value for value, _label in form.fields["duration_minutes"].choices] == [30, 45, 60]


def test_the_formats_are_the_mentors():
    form = _request_form(_data(), formats=["phone"])
    assert [value for value, _label in form.fields["formats"].choices] == ["phone"]


def test_the_resume_box_appears_only_with_a_resume():
    assert "attach_resume" not in _request_form(None).fields
    assert "attach_resume" in _request_form(None, has_resume=True).fields


def test_a_relation_without_a_name_asks_for_the_name():
    form = _request_form(_data(referrer_relation="colleagues"))
    assert not form.is_valid()
    assert form.errors["referrer_name"]


@pytest.mark.parametrize(
    ("service_field", "form_field"),
    [
        ("windows", "at_mentor_convenience"),
        ("formats", "formats"),
        ("not_a_job_request", "not_a_job_request"),
        (None, "__all__"),
        ("something_else", "__all__"),
    ],
)
def test_a_service_refusal_lands_next_to_its_field(service_field, form_field):
    form = _request_form(_data())
    assert form.is_valid()
    form.add_service_error(ActionNotAllowed("No.", field=service_field))
    assert form.errors[form_field] == ["No."]


@pytest.mark.django_db
def test_the_accept_form_labels_each_window_with_date_time_and_zone():
    interview = InterviewFactory()
    start = datetime.datetime(2026, 12, 1, 15, 0, tzinfo=DENVER)
    TimeProposalFactory(
        interview=interview, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    interview.open_proposals = list(interview.proposals.all())
    form = forms.AcceptForm(interview=interview, zone=DENVER)
    [(_value, label)] = form.fields["proposal"].choices
    assert label == "Tuesday, December 1, 2026, 3:00 PM MST to 5:00 PM MST"


@pytest.mark.django_db
def test_the_accept_form_reads_the_start_time_on_the_windows_day_in_the_mentors_zone():
    interview = InterviewFactory()
    proposal = TimeProposalFactory(interview=interview, starts_at=at(3, 15))
    prefix = f"accept-{interview.pk}-"
    local = proposal.starts_at.astimezone(DENVER) + datetime.timedelta(minutes=30)
    form = forms.AcceptForm(
        {
            prefix + "proposal": str(proposal.pk),
            prefix + "start_time": local.strftime("%H:%M"),
            prefix + "format": "video",
            prefix + "meeting_details": "https://video.example.com/x",
        },
        interview=interview,
        zone=DENVER,
    )
    assert form.is_valid(), form.errors
    assert form.service_kwargs()["start_at"] == proposal.starts_at + datetime.timedelta(minutes=30)


@pytest.mark.django_db
def test_the_accept_form_wants_either_a_pick_or_new_times_not_both():
    interview = InterviewFactory()
    proposal = TimeProposalFactory(interview=interview, starts_at=at(3, 15))
    prefix = f"accept-{interview.pk}-"
    form = forms.AcceptForm(
        {
            prefix + "proposal": str(proposal.pk),
            prefix + "format": "video",
            prefix + "window_1_date": _day(6),
            prefix + "window_1_from": "10:00",
            prefix + "window_1_to": "11:00",
        },
        interview=interview,
        zone=NEW_YORK,
    )
    assert not form.is_valid()
    assert "not both" in form.errors["window_1_date"][0]
    empty = forms.AcceptForm({prefix + "format": "video"}, interview=interview, zone=NEW_YORK)
    assert not empty.is_valid()
    assert empty.errors["proposal"]


def test_decline_joins_the_ready_answer_and_own_words():
    interview = Interview(pk=5)
    form = forms.DeclineForm(
        {"decline-5-reason_choice": "full", "decline-5-own_words": "Try me in spring!"},
        interview=interview,
        suggestions=[],
    )
    assert form.is_valid(), form.errors
    reason = form.service_kwargs()["reason"]
    assert reason.startswith("My schedule is full this month")
    assert reason.endswith("Try me in spring!")
    assert form.service_kwargs()["suggested_mentor_id"] is None


def test_decline_offers_only_the_given_suggestions():
    interview = Interview(pk=5)
    colleague = MentorProfile(pk=9, display_name="Grace", job_title="Analyst", employer="Acme")
    form = forms.DeclineForm(
        {"decline-5-reason_choice": "full", "decline-5-suggested_mentor": "10"},
        interview=interview,
        suggestions=[colleague],
    )
    assert not form.is_valid()
    assert form.errors["suggested_mentor"]


def test_reschedule_reads_the_new_time_in_the_persons_zone():
    interview = Interview(pk=3)
    form = forms.RescheduleForm(
        {
            "reschedule-3-date": "2027-01-05",
            "reschedule-3-start_time": "09:00",
            "reschedule-3-reason": "A class moved.",
        },
        interview=interview,
        zone=DENVER,
    )
    assert form.is_valid(), form.errors
    assert form.service_kwargs()["starts_at"] == datetime.datetime(
        2027, 1, 5, 16, 0, tzinfo=datetime.UTC
    )
