"""Accepting a request, choosing one of the mentor's times, and meeting details."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin, form_field

from ..models import Interview, TimeProposal
from .fields import (
    PickProposalForm,
    StartInsideWindowMixin,
    WindowsMixin,
    format_choices,
    open_proposals,
    proposal_choices,
    proposal_field,
    start_time_field,
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
        self.proposals = open_proposals(interview, TimeProposal.By.STUDENT)
        proposal = proposal_field(_("Pick one of the student's times"), False)
        proposal.choices = proposal_choices(self.proposals, zone)
        self.fields["proposal"] = proposal
        self.fields["start_time"] = start_time_field()
        form_field(self, "format", forms.ChoiceField).choices = format_choices(interview.formats)
        if len(interview.formats) == 1:
            self.fields["format"].initial = interview.formats[0]
        self.add_window_fields()
        # As the page shows them, so the error summary lists them in the same order.
        self.order_fields(
            ["proposal", "start_time", *self.window_field_names(), "format", "meeting_details"]
        )

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


class ChooseTimeForm(PickProposalForm):
    proposal_label = gettext_lazy("Pick one of the mentor's times")

    def __init__(self, *args, interview: Interview, zone: zoneinfo.ZoneInfo, **kwargs):
        kwargs.setdefault("prefix", f"choose-{interview.pk}")
        proposals = open_proposals(interview, TimeProposal.By.MENTOR)
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
        form_field(self, "format", forms.ChoiceField).choices = format_choices(interview.formats)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
