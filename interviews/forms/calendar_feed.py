"""The calendar feed page's one form: which button was pressed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CalendarFeedForm(forms.Form):
    NEW_ADDRESS = "new"
    TURN_OFF = "off"

    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[(NEW_ADDRESS, _("Turn on, or make a new address")), (TURN_OFF, _("Turn off"))],
        error_messages={
            "required": _("Choose one of the buttons."),
            "invalid_choice": _("Choose one of the buttons."),
        },
    )
