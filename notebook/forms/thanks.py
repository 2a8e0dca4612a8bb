"""The thank-you letter, and marking it sent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin
from interviews.models import Interview

from ..models import LETTER_MAX_CHARS
from ..services.thanks import SUBJECT_MAX_CHARS


class LetterForm(ServiceErrorsMixin, forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=SUBJECT_MAX_CHARS,
        error_messages={"required": gettext_lazy("Give the letter a subject.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Your letter"),
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=gettext_lazy(
            "Name one thing you learned and what you will do next. Thank them for their "
            "time, and never ask for a job."
        ),
        error_messages={"required": gettext_lazy("Write the letter first.")},
    )

    def service_kwargs(self) -> dict:
        return {"subject": self.cleaned_data["subject"], "body": self.cleaned_data["body"]}


class MarkSentForm(ServiceErrorsMixin, forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How did you send it?"),
        choices=Interview.ThankYouMethod.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("We stop reminding you once it is marked as sent."),
        error_messages={"required": gettext_lazy("Choose how you sent it.")},
    )

    def service_kwargs(self) -> dict:
        return {"method": self.cleaned_data["method"]}
