"""The mentor's feedback on the student's résumé."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin

from ..models import LETTER_MAX_CHARS


class ResumeFeedbackForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your feedback on the résumé"),
        max_length=LETTER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "What works, and one or two things to improve. Only the student reads it."
        ),
        error_messages={"required": gettext_lazy("Write your feedback first.")},
    )
