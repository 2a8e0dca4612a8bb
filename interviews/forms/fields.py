"""What the interview forms share: times typed in one's own zone, proposed windows,
a pick among proposed times, and the forms with only a reason or nothing to type."""

from __future__ import annotations

import datetime
import itertools
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin, SummaryLabelBoundField
from core.timefmt import window
from mentors.models import MentorProfile

from ..models import Interview, TimeProposal
from ..services import (
    MAX_WINDOWS,
    ActionNotAllowed,
    Window,
    request_horizon_end,
    validate_windows,
    windows_check_free,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    # The mixins below are only ever mixed into forms; the checker sees them as forms.
    _FormMixinBase = forms.Form
else:
    _FormMixinBase = object


Format = MentorProfile.Format


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


def date_input():
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def time_input():
    return forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class WindowsMixin(_FormMixinBase):
    """Up to three windows, each a date, a start and an end, in the person's zone."""

    window_indexes = range(1, MAX_WINDOWS + 1)
    # The error summary's names for fields whose label says little out of their group.
    summary_labels: dict[str, str]
    bound_field_class = SummaryLabelBoundField

    def add_window_fields(self) -> None:
        self.summary_labels = {}
        for i in self.window_indexes:
            self.fields[f"window_{i}_date"] = forms.DateField(
                label=_("Date"), required=False, widget=date_input()
            )
            self.fields[f"window_{i}_from"] = forms.TimeField(
                label=_("From"), required=False, widget=time_input()
            )
            self.fields[f"window_{i}_to"] = forms.TimeField(
                label=_("To"), required=False, widget=time_input()
            )
            self.summary_labels |= {
                f"window_{i}_date": _("Time %(number)s: date") % {"number": i},
                f"window_{i}_from": _("Time %(number)s: from") % {"number": i},
                f"window_{i}_to": _("Time %(number)s: to") % {"number": i},
            }

    def windows_touched(self) -> bool:
        """Whether any window was typed in or has an error (its fields are then shown)."""
        return any(name in self.errors or self[name].value() for name in self.window_field_names())

    def window_field_names(self) -> list[str]:
        """The windows' fields in the order the form shows them."""
        return [
            f"window_{i}_{part}" for i in self.window_indexes for part in ("date", "from", "to")
        ]

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
        extra = re.compile(rf"^{re.escape(self.add_prefix('window_'))}(\d+)_(date|from|to)$")
        if any(
            (match := extra.match(key)) and int(match[1]) > MAX_WINDOWS and self.data[key]
            for key in self.data
        ):
            self.add_error("window_1_date", _("Propose at most three times."))
        typed: list[tuple[int, Window]] = []
        for i in self.window_indexes:
            candidate = self._typed_window(
                i, zone=zone, duration_minutes=duration_minutes, calendar=calendar
            )
            if candidate is not None:
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

    def _typed_window(
        self,
        i: int,
        *,
        zone: zoneinfo.ZoneInfo,
        duration_minutes: int,
        calendar: dict[str, Any] | None,
    ) -> Window | None:
        """Window ``i`` as typed, checked on its own; None when it is empty or has an
        error, which is then on the field it is about."""
        names = (f"window_{i}_date", f"window_{i}_from", f"window_{i}_to")
        if any(name in self.errors for name in names):
            return None
        day, start, end = (self.cleaned_data.get(name) for name in names)
        if day is None and start is None and end is None:
            return None
        if day is None or start is None or end is None:
            missing = names[[day, start, end].index(None)]
            self.add_error(missing, _("Give the date, the start and the end of this time."))
            return None
        try:
            starts_at = local_datetime(day, start, zone)
        except forms.ValidationError as error:
            self.add_error(names[1], error)
            return None
        try:
            ends_at = local_datetime(day, end, zone)
        except forms.ValidationError as error:
            self.add_error(names[2], error)
            return None
        candidate = Window(starts_at=starts_at, ends_at=ends_at)
        try:
            validate_windows([candidate], duration_minutes=duration_minutes)
        except ActionNotAllowed as error:
            now = timezone.now()
            bad_day = starts_at <= now or starts_at > request_horizon_end(now)
            field = names[0] if bad_day and ends_at > starts_at else names[2]
            self.add_error(field, error.message)
            return None
        if calendar is not None:
            try:
                windows_check_free([candidate], **calendar)
            except ActionNotAllowed as error:
                self.add_error(names[1], error.message)
                return None
        return candidate


def proposal_choices(proposals: Iterable[TimeProposal], zone) -> list[tuple[str, str]]:
    return [(str(p.pk), window(p.starts_at, p.ends_at, zone)) for p in proposals]


def format_choices(formats: Sequence[str]) -> list[tuple[str, StrOrPromise]]:
    labels = dict(Format.choices)
    return [(value, labels.get(value, value)) for value in formats]


def open_proposals(interview: Interview, by: str) -> list[TimeProposal]:
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


def proposal_field(label: StrOrPromise, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect,
    )


def start_time_field() -> forms.TimeField:
    return forms.TimeField(
        label=gettext_lazy("Start time (optional)"),
        required=False,
        widget=time_input(),
        help_text=gettext_lazy(
            "Inside the chosen time; leave empty to start when it begins. In your time zone."
        ),
    )


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
        proposal = proposal_field(self.proposal_label, True)
        proposal.choices = proposal_choices(self.proposals, zone)
        proposal.error_messages["required"] = _("Pick one of the times.")
        self.fields["proposal"] = proposal
        self.fields["start_time"] = start_time_field()

    def clean(self):
        data = super().clean()
        data["start_at"] = self.clean_start(self.proposals)
        return data

    def service_kwargs(self) -> dict:
        return {
            "proposal_id": self.cleaned_data["proposal"],
            "start_at": self.cleaned_data["start_at"],
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


class ConfirmForm(ServiceErrorsMixin, forms.Form):
    """An action with nothing to type (confirm you will be there)."""

    def __init__(self, *args, interview: Interview, action: str, **kwargs):
        kwargs.setdefault("prefix", f"{action}-{interview.pk}")
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        return {}
