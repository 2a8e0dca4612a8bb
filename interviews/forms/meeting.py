"""After the start: a no-show, the thank-you, and feedback."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin

from ..models import Feedback, Interview


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
