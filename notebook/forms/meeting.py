"""Notes from the conversation, and referrals."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceErrorsMixin, form_field
from mentors.models import MentorProfile

from ..models import NOTE_MAX_CHARS, ConversationNote, Referral


class NoteForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of note"),
        choices=ConversationNote.Kind.choices,
        initial=ConversationNote.Kind.POINT,
    )
    text = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A few words are enough: you will write the letter from these."),
        error_messages={"required": gettext_lazy("Write the note first.")},
    )

    def service_kwargs(self) -> dict:
        return {"kind": self.cleaned_data["kind"], "text": self.cleaned_data["text"]}


class ReferralForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    organization = forms.CharField(
        label=gettext_lazy("Organization"), max_length=150, required=False
    )
    role = forms.CharField(label=gettext_lazy("Role or job title"), max_length=150, required=False)
    how_to_reach = forms.CharField(
        label=gettext_lazy("How to reach them"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("An email address, a phone number, or how the mentor said to."),
    )
    relation = forms.CharField(
        label=gettext_lazy("How does the mentor know them?"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional, for example: they worked together at Acme."),
    )
    mentor = forms.TypedChoiceField(
        label=gettext_lazy("Is this person a Career Mentor here?"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy(
            "If so, your request to them will start from this referral. A Career Mentor's "
            "email address in the field above is recognised too."
        ),
    )
    may_cite = forms.BooleanField(
        label=gettext_lazy("They said I may mention that they referred me"),
        required=False,
    )

    def __init__(self, *args, mentors: Sequence[MentorProfile], referrer: str, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "mentor", forms.TypedChoiceField).choices = [
            ("", _("No, or not listed")),
            *((m.pk, f"{m.display_name} — {m.job_title}, {m.employer}") for m in mentors),
        ]
        self.fields["may_cite"].label = _("%(name)s said I may mention that they referred me") % {
            "name": referrer
        }
        self.fields["relation"].label = _("How does %(name)s know them?") % {"name": referrer}

    @classmethod
    def initial_for(cls, referral: Referral) -> dict:
        return {
            "name": referral.name,
            "organization": referral.organization,
            "role": referral.role,
            "how_to_reach": referral.how_to_reach,
            "relation": referral.relation,
            "mentor": referral.mentor_id,
            "may_cite": referral.may_cite,
        }

    def clean(self):
        data = super().clean()
        named = (data.get("name") or "").strip() or (data.get("organization") or "").strip()
        # A Career Mentor chosen from the list is named by their profile.
        named = named or data.get("mentor")
        if not named and not (self.has_error("name") or self.has_error("organization")):
            message = _("Give at least a name or an organization.")
            self.add_error("name", message)
            self.add_error("organization", message)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "organization": data["organization"],
            "role": data["role"],
            "how_to_reach": data["how_to_reach"],
            "relation": data["relation"],
            "may_cite": data["may_cite"],
            "mentor_id": data["mentor"],
        }

    service_fields = {"mentor_id": "mentor"}
