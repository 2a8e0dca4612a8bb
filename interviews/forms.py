"""Input for requests and answers. Forms parse and check what a person typed; the rules
(who may act, from which state, limits) live in ``services``.

Times are typed as wall-clock times in the person's own zone and become aware
datetimes here, so the services only ever see UTC-comparable values.
"""

from __future__ import annotations

import datetime
import itertools
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin, form_field
from mentors.models import MentorProfile
from users.models import User

from .models import Feedback, Interview, RescheduleAsk, TimeProposal
from .services import (
    MAX_WINDOWS,
    ActionNotAllowed,
    Window,
    request_horizon_end,
    validate_windows,
    windows_check_free,
)
from .templatetags.interview_tags import window

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    # The mixins below are only ever mixed into forms; the checker sees them as forms.
    _FormMixinBase = forms.Form
else:
    _FormMixinBase = object

Format = MentorProfile.Format

DECLINE_REASONS = [
    ("full", gettext_lazy("My schedule is full this month. I am sorry I cannot make time now.")),
    (
        "outside",
        gettext_lazy("This is outside my area — another mentor would help you more."),
    ),
    (
        "away",
        gettext_lazy("I am away for a while and cannot take on conversations until I return."),
    ),
    (
        "not_right",
        gettext_lazy(
            "I do not think my experience fits your questions well; please try someone else."
        ),
    ),
]
OWN_WORDS = "own"
# The suggestion list stays short enough to read in a select box.
SUGGESTION_LIMIT = 50


def local_datetime(day: datetime.date, clock: datetime.time, zone: zoneinfo.ZoneInfo):
    """A wall-clock time in ``zone`` as an aware datetime.

    A time the clocks skip (spring forward) does not exist, so it is refused with a
    message; a time that happens twice (fall back) is read as the first of the two.
    """
    naive = datetime.datetime.combine(day, clock)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise forms.ValidationError(
            _(
                "%(time)s does not exist on %(date)s in your time zone (%(zone)s): the clocks "
                "move forward then. Choose another time."
            )
            % {"time": clock.strftime("%H:%M"), "date": day.isoformat(), "zone": zone.key},
            code="dst_gap",
        )
    return aware


class ActionForm(Protocol):
    """What the interview page asks of the form behind each action."""

    def is_valid(self) -> bool: ...

    def service_kwargs(self) -> dict[str, Any]: ...

    def add_service_error(self, error: ActionNotAllowed) -> None: ...


def _date_input():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _time_input():
    return forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class WindowsMixin(_FormMixinBase):
    """Up to three windows, each a date, a start and an end, in the person's zone."""

    window_indexes = range(1, MAX_WINDOWS + 1)

    def add_window_fields(self) -> None:
        for i in self.window_indexes:
            self.fields[f"window_{i}_date"] = forms.DateField(
                label=_("Date"), required=False, widget=_date_input()
            )
            self.fields[f"window_{i}_from"] = forms.TimeField(
                label=_("From"), required=False, widget=_time_input()
            )
            self.fields[f"window_{i}_to"] = forms.TimeField(
                label=_("To"), required=False, widget=_time_input()
            )

    def window_groups(self) -> list[dict]:
        """For the template: each window's three bound fields."""
        return [
            {
                "number": i,
                "date": self[f"window_{i}_date"],
                "start": self[f"window_{i}_from"],
                "end": self[f"window_{i}_to"],
            }
            for i in self.window_indexes
        ]

    def clean_windows(
        self,
        *,
        zone: zoneinfo.ZoneInfo,
        duration_minutes: int,
        calendar: dict[str, Any] | None = None,
    ) -> list[Window]:
        """The windows typed, each checked on its own (and, with ``calendar``, the keyword
        arguments of ``windows_check_free``, against the proposer's scheduled
        conversations), then for overlaps; errors go on the window they are about, and
        nothing typed is cleared."""
        data = self.cleaned_data
        extra = re.compile(rf"^{re.escape(self.add_prefix('window_'))}(\d+)_(date|from|to)$")
        if any(
            (match := extra.match(key)) and int(match[1]) > MAX_WINDOWS and self.data[key]
            for key in self.data
        ):
            self.add_error("window_1_date", _("Propose at most three times."))
        typed: list[tuple[int, Window]] = []
        for i in self.window_indexes:
            names = (f"window_{i}_date", f"window_{i}_from", f"window_{i}_to")
            if any(name in self.errors for name in names):
                continue
            day, start, end = (data.get(name) for name in names)
            if day is None and start is None and end is None:
                continue
            if day is None or start is None or end is None:
                missing = names[[day, start, end].index(None)]
                self.add_error(missing, _("Give the date, the start and the end of this time."))
                continue
            try:
                starts_at = local_datetime(day, start, zone)
            except forms.ValidationError as error:
                self.add_error(names[1], error)
                continue
            try:
                ends_at = local_datetime(day, end, zone)
            except forms.ValidationError as error:
                self.add_error(names[2], error)
                continue
            candidate = Window(starts_at=starts_at, ends_at=ends_at)
            try:
                validate_windows([candidate], duration_minutes=duration_minutes)
            except ActionNotAllowed as error:
                now = timezone.now()
                bad_day = starts_at <= now or starts_at > request_horizon_end(now)
                field = names[0] if bad_day and ends_at > starts_at else names[2]
                self.add_error(field, error.message)
                continue
            if calendar is not None:
                try:
                    windows_check_free([candidate], **calendar)
                except ActionNotAllowed as error:
                    self.add_error(names[1], error.message)
                    continue
            typed.append((i, candidate))
        for (_i, earlier), (j, later) in itertools.combinations(
            sorted(typed, key=lambda pair: pair[1].starts_at), 2
        ):
            if later.starts_at < earlier.ends_at:
                self.add_error(
                    f"window_{j}_from", _("This time overlaps another one you proposed.")
                )
                return []
        return [w for _i, w in typed]


class InterviewRequestForm(ServiceErrorsMixin, WindowsMixin, forms.Form):
    goal = forms.CharField(
        label=gettext_lazy("What do you hope to learn?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "A few sentences about what you want to understand: the work, the path into it, "
            "the skills it takes."
        ),
    )
    research = forms.CharField(
        label=gettext_lazy(
            "What have you already found out about the field, the person and the organization?"
        ),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Show that you did your homework: your questions should go beyond what is written."
        ),
    )
    referrer_name = forms.CharField(
        label=gettext_lazy("Who referred you to this mentor?"),
        max_length=150,
        required=False,
        help_text=gettext_lazy(
            "Optional. If someone suggested you contact them, your message opens by saying so."
        ),
    )
    referrer_relation = forms.CharField(
        label=gettext_lazy("How does that person know the mentor?"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional, for example: they worked together at Acme."),
    )
    not_a_job_request = forms.BooleanField(
        label=gettext_lazy("I am asking for information and advice, not for a job."),
        error_messages={
            "required": gettext_lazy(
                "Confirm that you are asking for information and advice, not for a job."
            )
        },
    )
    duration_minutes = forms.TypedChoiceField(
        label=gettext_lazy("How long?"),
        choices=Interview.Duration.choices,
        coerce=int,
        initial=Interview.Duration.HALF_HOUR,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Never more than an hour: stay within the time you ask for."),
        error_messages={
            "invalid_choice": gettext_lazy("Ask for 30, 45 or 60 minutes, never more than an hour.")
        },
    )
    formats = forms.MultipleChoiceField(
        label=gettext_lazy("Ways you can meet"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one way to meet.")},
    )
    at_mentor_convenience = forms.BooleanField(
        label=gettext_lazy("Or leave the time to the mentor: at their convenience"),
        required=False,
    )
    attach_resume = forms.BooleanField(
        label=gettext_lazy("Attach my résumé, for feedback"),
        required=False,
        help_text=gettext_lazy("The mentor can download it only from this request."),
    )

    service_fields = {"windows": "at_mentor_convenience"}

    def __init__(
        self,
        *args,
        mentor: MentorProfile,
        zone: zoneinfo.ZoneInfo,
        has_resume: bool,
        student: User | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        self.zone = zone
        self.student = student
        offered = mentor.meeting_formats or Format.values
        form_field(self, "formats", forms.MultipleChoiceField).choices = [
            (v, label) for v, label in Format.choices if v in offered
        ]
        self.add_window_fields()
        if not has_resume:
            del self.fields["attach_resume"]

    def clean(self):
        data = super().clean()
        if data.get("referrer_relation") and not data.get("referrer_name"):
            self.add_error("referrer_name", _("Say who referred you, or leave both empty."))
        duration = data.get("duration_minutes") or Interview.Duration.HALF_HOUR
        calendar = (
            {"proposer": self.student, "student_id": self.student.pk} if self.student else None
        )
        windows = self.clean_windows(zone=self.zone, duration_minutes=duration, calendar=calendar)
        data["windows"] = windows
        window_errors = any(name.startswith("window_") for name in self.errors)
        if not windows and not data.get("at_mentor_convenience") and not window_errors:
            self.add_error(
                "at_mentor_convenience",
                _("Propose up to three times, or leave it to the mentor's convenience."),
            )
        return data

    def typed_values(self) -> list[tuple[str, str]]:
        """What was posted for this form's fields, as typed: the preview carries it along."""
        return [
            (name, value)
            # Bound to request.POST, a QueryDict; the stubs type form data as a Mapping.
            for name, values in cast(QueryDict, self.data).lists()
            if name in self.fields
            for value in values
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "goal": data["goal"],
            "research": data["research"],
            "referrer_name": data["referrer_name"],
            "referrer_relation": data["referrer_relation"],
            "not_a_job_request": data["not_a_job_request"],
            "duration_minutes": data["duration_minutes"],
            "formats": data["formats"],
            "windows": data["windows"],
            "at_mentor_convenience": data["at_mentor_convenience"] and not data["windows"],
            "attach_resume": data.get("attach_resume", False),
        }


def _proposal_choices(proposals: Iterable[TimeProposal], zone) -> list[tuple[str, str]]:
    return [(str(p.pk), window(p.starts_at, p.ends_at, zone)) for p in proposals]


def _format_choices(formats: Sequence[str]) -> list[tuple[str, StrOrPromise]]:
    labels = dict(Format.choices)
    return [(value, labels.get(value, value)) for value in formats]


def _open_proposals(interview: Interview, by: str) -> list[TimeProposal]:
    proposals = getattr(interview, "open_proposals", None)
    if proposals is None:
        proposals = list(
            interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at")
        )
    return [p for p in proposals if p.proposed_by == by]


class StartInsideWindowMixin(_FormMixinBase):
    """A proposal picked from radio buttons, with an optional start time inside it."""

    zone: zoneinfo.ZoneInfo  # set by the form's __init__

    def clean_start(self, proposals: list[TimeProposal]) -> datetime.datetime | None:
        data = self.cleaned_data
        proposal_id = data.get("proposal")
        clock = data.get("start_time")
        if not proposal_id or clock is None:
            return None
        proposal = next((p for p in proposals if p.pk == proposal_id), None)
        if proposal is None:
            return None
        local_start = timezone.localtime(proposal.starts_at, self.zone)
        try:
            start = local_datetime(local_start.date(), clock, self.zone)
        except forms.ValidationError as error:
            self.add_error("start_time", error)
            return None
        if start < proposal.starts_at:
            # A window that runs past midnight: the time is on the next day.
            start = local_datetime(
                local_start.date() + datetime.timedelta(days=1), clock, self.zone
            )
        return start


def _proposal_field(label: StrOrPromise, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect,
    )


def _start_time_field() -> forms.TimeField:
    return forms.TimeField(
        label=gettext_lazy("Start time (optional)"),
        required=False,
        widget=_time_input(),
        help_text=gettext_lazy(
            "Inside the chosen time; leave empty to start when it begins. In your time zone."
        ),
    )


class AcceptForm(ServiceErrorsMixin, WindowsMixin, StartInsideWindowMixin, forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("How you will meet"), widget=forms.RadioSelect)
    meeting_details = forms.CharField(
        label=gettext_lazy("Meeting details"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "The address for in person, the number to call for phone, the link for video. "
            "The student sees it once you accept."
        ),
    )
    service_fields = {"windows": "window_1_date", "start_at": "start_time"}

    def __init__(self, *args, interview: Interview, zone: zoneinfo.ZoneInfo, **kwargs):
        kwargs.setdefault("prefix", f"accept-{interview.pk}")
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.zone = zone
        self.proposals = _open_proposals(interview, TimeProposal.By.STUDENT)
        proposal = _proposal_field(_("Pick one of the student's times"), False)
        proposal.choices = _proposal_choices(self.proposals, zone)
        self.fields["proposal"] = proposal
        self.fields["start_time"] = _start_time_field()
        form_field(self, "format", forms.ChoiceField).choices = _format_choices(interview.formats)
        if len(interview.formats) == 1:
            self.fields["format"].initial = interview.formats[0]
        self.add_window_fields()
        self.order_fields(["proposal", "start_time"])

    def clean(self):
        data = super().clean()
        data["start_at"] = self.clean_start(self.proposals)
        windows = self.clean_windows(
            zone=self.zone,
            duration_minutes=self.interview.duration_minutes,
            calendar={
                "proposer": self.interview.mentor.user,
                "mentor_id": self.interview.mentor_id,
            },
        )
        data["windows"] = windows
        if data.get("proposal") and windows:
            self.add_error(
                "window_1_date",
                _("Either pick one of the student's times or propose your own, not both."),
            )
        window_errors = any(name.startswith("window_") for name in self.errors)
        if not data.get("proposal") and not windows and not window_errors:
            self.add_error(
                "proposal", _("Pick one of the student's times, or propose up to three of yours.")
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "format": data["format"],
            "meeting_details": data["meeting_details"],
            "proposal_id": data["proposal"],
            "start_at": data["start_at"],
            "windows": data["windows"],
        }


class PickProposalForm(ServiceErrorsMixin, StartInsideWindowMixin, forms.Form):
    """Pick one of the other side's proposed times, and a start inside it."""

    service_fields = {"start_at": "start_time"}
    proposal_label: StrOrPromise = ""

    def __init__(
        self,
        *args,
        proposals: Sequence[TimeProposal],
        zone: zoneinfo.ZoneInfo,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.proposals = list(proposals)
        proposal = _proposal_field(self.proposal_label, True)
        proposal.choices = _proposal_choices(self.proposals, zone)
        proposal.error_messages["required"] = _("Pick one of the times.")
        self.fields["proposal"] = proposal
        self.fields["start_time"] = _start_time_field()

    def clean(self):
        data = super().clean()
        data["start_at"] = self.clean_start(self.proposals)
        return data

    def service_kwargs(self) -> dict:
        return {
            "proposal_id": self.cleaned_data["proposal"],
            "start_at": self.cleaned_data["start_at"],
        }


class ChooseTimeForm(PickProposalForm):
    proposal_label = gettext_lazy("Pick one of the mentor's times")

    def __init__(self, *args, interview: Interview, zone: zoneinfo.ZoneInfo, **kwargs):
        kwargs.setdefault("prefix", f"choose-{interview.pk}")
        proposals = _open_proposals(interview, TimeProposal.By.MENTOR)
        super().__init__(*args, proposals=proposals, zone=zone, **kwargs)


class DetailsForm(ServiceErrorsMixin, forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("How you will meet"), widget=forms.RadioSelect)
    meeting_details = forms.CharField(
        label=gettext_lazy("Meeting details"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The address, the number to call, or the video link."),
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        kwargs.setdefault("prefix", f"details-{interview.pk}")
        kwargs.setdefault(
            "initial", {"format": interview.format, "meeting_details": interview.meeting_details}
        )
        super().__init__(*args, **kwargs)
        form_field(self, "format", forms.ChoiceField).choices = _format_choices(interview.formats)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class DeclineForm(ServiceErrorsMixin, forms.Form):
    reason_choice = forms.ChoiceField(
        label=gettext_lazy("Your answer to the student"),
        widget=forms.RadioSelect,
        choices=[*DECLINE_REASONS, (OWN_WORDS, gettext_lazy("In my own words (below)"))],
        error_messages={"required": gettext_lazy("Choose an answer, or write your own.")},
    )
    own_words = forms.CharField(
        label=gettext_lazy("In your own words"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Optional with a ready answer: added after it."),
    )
    suggested_mentor = forms.TypedChoiceField(
        label=gettext_lazy("Suggest another mentor (optional)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    service_fields = {"reason": "own_words"}

    def __init__(self, *args, interview: Interview, suggestions: Sequence[MentorProfile], **kwargs):
        kwargs.setdefault("prefix", f"decline-{interview.pk}")
        super().__init__(*args, **kwargs)
        form_field(self, "suggested_mentor", forms.TypedChoiceField).choices = [
            ("", _("No suggestion")),
            *((m.pk, f"{m.display_name} — {m.job_title}, {m.employer}") for m in suggestions),
        ]

    def clean(self):
        data = super().clean()
        choice = data.get("reason_choice")
        own = (data.get("own_words") or "").strip()
        if choice == OWN_WORDS and not own:
            self.add_error("own_words", _("Write a short answer to the student."))
        ready = dict(DECLINE_REASONS).get(choice or "", "")
        data["reason"] = "\n\n".join(str(part) for part in (ready, own) if part)
        return data

    def service_kwargs(self) -> dict:
        return {
            "reason": self.cleaned_data["reason"],
            "suggested_mentor_id": self.cleaned_data["suggested_mentor"],
        }


class ReasonForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("A sentence is enough; the other person reads it."),
    )

    def __init__(self, *args, interview: Interview, action: str, required: bool = True, **kwargs):
        kwargs.setdefault("prefix", f"{action}-{interview.pk}")
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].label = _("Reason (optional)")

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class RescheduleForm(ServiceErrorsMixin, forms.Form):
    date = forms.DateField(label=gettext_lazy("New date"), widget=_date_input())
    start_time = forms.TimeField(
        label=gettext_lazy("New start time"),
        widget=_time_input(),
        help_text=gettext_lazy("In your time zone."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Why the time changes"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    service_fields = {"starts_at": "start_time"}

    def __init__(self, *args, interview: Interview, zone: zoneinfo.ZoneInfo, **kwargs):
        kwargs.setdefault("prefix", f"reschedule-{interview.pk}")
        super().__init__(*args, **kwargs)
        self.zone = zone

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start_time"):
            try:
                data["starts_at"] = local_datetime(data["date"], data["start_time"], self.zone)
            except forms.ValidationError as error:
                self.add_error("start_time", error)
        return data

    def service_kwargs(self) -> dict:
        return {"starts_at": self.cleaned_data["starts_at"], "reason": self.cleaned_data["reason"]}


class RescheduleAskForm(ServiceErrorsMixin, WindowsMixin, forms.Form):
    """The student asks the mentor to move the time: a reason and one to three windows."""

    reason = forms.CharField(
        label=gettext_lazy("Why you need another time"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("A sentence is enough; the mentor reads it."),
    )
    service_fields = {"windows": "window_1_date"}

    def __init__(self, *args, interview: Interview, zone: zoneinfo.ZoneInfo, **kwargs):
        kwargs.setdefault("prefix", f"ask_reschedule-{interview.pk}")
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.zone = zone
        self.add_window_fields()

    def clean(self):
        data = super().clean()
        windows = self.clean_windows(
            zone=self.zone,
            duration_minutes=self.interview.duration_minutes,
            calendar={
                "proposer": self.interview.student,
                "student_id": self.interview.student_id,
                "exclude_id": self.interview.pk,
            },
        )
        data["windows"] = windows
        window_errors = any(name.startswith("window_") for name in self.errors)
        if not windows and not window_errors:
            self.add_error("window_1_date", _("Propose one to three times that suit you."))
        return data

    def service_kwargs(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "windows": self.cleaned_data["windows"]}


class RescheduleAskPickForm(PickProposalForm):
    """The mentor takes one of the times the student asked to move to."""

    proposal_label = gettext_lazy("The times the student proposed")

    def __init__(
        self,
        *args,
        interview: Interview,
        zone: zoneinfo.ZoneInfo,
        ask: RescheduleAsk | None,
        **kwargs,
    ):
        kwargs.setdefault("prefix", f"reschedule_pick-{interview.pk}")
        proposals = list(ask.windows) if ask is not None else []
        super().__init__(*args, proposals=proposals, zone=zone, **kwargs)


class RescheduleKeepForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("A note to the student (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        kwargs.setdefault("prefix", f"reschedule_keep-{interview.pk}")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return {"note": self.cleaned_data["note"]}


class ConfirmForm(ServiceErrorsMixin, forms.Form):
    """An action with nothing to type (confirm you will be there)."""

    def __init__(self, *args, interview: Interview, action: str, **kwargs):
        kwargs.setdefault("prefix", f"{action}-{interview.pk}")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return {}


class NoShowForm(ServiceErrorsMixin, forms.Form):
    """Reporting that a conversation did not take place closes it for both sides, so it
    takes a ticked box, not one click."""

    did_not_take_place = forms.BooleanField(
        label=gettext_lazy("Yes, the conversation did not take place."),
        help_text=gettext_lazy(
            "It is closed for both of you, the other person is told, and it cannot be undone."
        ),
        error_messages={
            "required": gettext_lazy("Tick the box to confirm that it did not take place.")
        },
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        kwargs.setdefault("prefix", f"no_show-{interview.pk}")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return {}


class ThankYouForm(ServiceErrorsMixin, forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How did you send it?"),
        choices=Interview.ThankYouMethod.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("We stop reminding you once it is marked as sent."),
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        kwargs.setdefault("prefix", f"thank_you-{interview.pk}")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return {"method": self.cleaned_data["method"]}


class FeedbackForm(ServiceErrorsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("How useful was the conversation?"),
        choices=Feedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything the career center should know? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Only career center staff read this."),
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        kwargs.setdefault("prefix", f"feedback-{interview.pk}")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
