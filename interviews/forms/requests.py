"""The guided request, and the mentor's kind decline."""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from typing import cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin, form_field
from mentors.models import MentorProfile
from users.models import User

from ..models import Interview
from .fields import WindowsMixin

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
        # As the page shows them, so the error summary lists them in the same order.
        self.order_fields(
            [
                "goal",
                "research",
                "referrer_name",
                "referrer_relation",
                "duration_minutes",
                "formats",
                *self.window_field_names(),
                "at_mentor_convenience",
                "attach_resume",
                "not_a_job_request",
            ]
        )

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
