"""Moving a conversation: the mentor's new time, the student's ask, the answers."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin

from ..models import Interview, RescheduleAsk
from .fields import PickProposalForm, WindowsMixin, date_input, local_datetime, time_input


class RescheduleForm(ServiceErrorsMixin, forms.Form):
    date = forms.DateField(label=gettext_lazy("New date"), widget=date_input())
    start_time = forms.TimeField(
        label=gettext_lazy("New start time"),
        widget=time_input(),
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
