"""The form for recording an insight from one conversation."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ServiceErrorsMixin, form_field
from core.localized import Localized
from mentors.models import CareerField

from ..insights_models import CLAIM_MAX_CHARS, Perspective
from ..models import Topic

# The id of the <datalist> of the student's earlier claims, which the claim box offers.
SUGGESTIONS_ID = "claim-suggestions"


class InsightForm(ServiceErrorsMixin, forms.Form):
    claim = forms.CharField(
        label=_("What did you hear?"),
        max_length=CLAIM_MAX_CHARS,
        help_text=_(
            "One point, in a few words, for example “A master's degree is needed to "
            "advance.” Start typing to reuse a point you noted before: the same words in "
            "the same field are counted together."
        ),
        widget=forms.TextInput(attrs={"list": SUGGESTIONS_ID, "autocomplete": "off"}),
        error_messages={
            "required": _("Write what you heard, in a few words."),
            "max_length": _("Keep it to %(limit_value)d characters; it has %(show_value)d."),
        },
    )
    stance = forms.ChoiceField(
        label=_("What did this person say about it?"),
        choices=Perspective.Stance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what this person said about it.")},
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("Choose a topic")), *Topic.choices],
        error_messages={"required": _("Choose one of the topics.")},
    )
    career_field = forms.ModelChoiceField(
        label=_("Career field"),
        queryset=CareerField.objects.none(),
        empty_label=None,
        help_text=_("The fields this mentor works in."),
        error_messages={
            "required": _("Choose one of the career fields this conversation was in."),
            "invalid_choice": _("Choose one of the career fields this conversation was in."),
        },
    )

    def __init__(self, *args, fields: list[CareerField], initial_field: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        choice = form_field(self, "career_field", forms.ModelChoiceField)
        choice.queryset = CareerField.objects.filter(pk__in=[f.pk for f in fields]).order_by(
            Localized("name")
        )
        if initial_field is not None:
            self.initial.setdefault("career_field", initial_field)
        self.helper = FormHelper()
        self.helper.add_input(Submit("record", _("Record this insight")))

    def service_kwargs(self) -> dict:
        return {
            "text": self.cleaned_data["claim"],
            "topic": self.cleaned_data["topic"],
            "career_field": self.cleaned_data["career_field"],
            "stance": self.cleaned_data["stance"],
        }
