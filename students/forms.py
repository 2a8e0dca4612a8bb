from __future__ import annotations

from urllib.parse import urlsplit

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentors.directory_cache import career_fields_markup_key
from mentors.models import CareerField, phone_validator
from users.forms import TimeZoneField

from .models import Contact, StudentProfile
from .selectors import career_fields_for_choice
from .validators import validate_resume


def _grouped_field_choices(queryset) -> list:
    """Career fields grouped under their industry cluster, for the checkbox list."""
    groups: dict[str, list] = {}
    for career_field in queryset:
        groups.setdefault(career_field.cluster, []).append((career_field.pk, career_field.name))
    return list(groups.items())


class StudentProfileForm(forms.ModelForm):
    class_year = forms.IntegerField(
        label=_("Class year"),
        help_text=_("The year you expect to graduate, for example 2028."),
        min_value=1950,
    )
    fields_of_interest: forms.ModelMultipleChoiceField[CareerField] = (
        forms.ModelMultipleChoiceField(
            label=_("Career fields you are curious about"),
            queryset=None,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Choose one or more. You can change them as your interests grow."),
        )
    )
    resume = forms.FileField(
        label=_("Résumé (PDF, up to 5 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Optional. Mentors see it only when you attach it to a request."),
    )
    linkedin_url = forms.URLField(
        label=_("LinkedIn profile address"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Optional, for example https://www.linkedin.com/in/your-name"),
    )
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Interview times are shown to you in this zone."),
    )

    class Meta:
        model = StudentProfile
        fields = ["class_year", "majors", "minors", "career_stage", "goals", "linkedin_url"]
        labels = {
            "majors": _("Major(s)"),
            "minors": _("Minor(s)"),
            "career_stage": _("Where are you in your career thinking?"),
            "goals": _("Your goals, in your own words"),
        }
        help_texts = {
            "majors": _("Separate several with commas."),
            "minors": _("Optional."),
            "goals": _(
                "What do you hope to learn from the people you talk to? A few sentences are plenty."
            ),
        }
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        latest_year = timezone.now().year + 10
        self.fields["class_year"].validators.append(MaxValueValidator(latest_year))
        self.fields["class_year"].widget.attrs["max"] = latest_year
        for name in ("majors", "career_stage", "goals"):
            self.fields[name].required = True
        career_fields = self.fields["fields_of_interest"]
        career_fields.queryset = career_fields_for_choice()
        career_fields.choices = _grouped_field_choices(career_fields.queryset)
        tz = self.fields["time_zone"]
        tz.initial = user.time_zone
        tz.keep(user.time_zone)  # an older name they still have stays valid
        first_time = self.instance.pk is None or self.instance.completed_at is None
        if first_time and not self.is_bound:
            # static/js/timezone.js fills in the browser's zone until the student picks one.
            tz.widget.attrs["data-browser-time-zone"] = "true"
        if self.instance.pk:
            self.initial.setdefault(
                "fields_of_interest", [f.pk for f in self.instance.fields_of_interest.all()]
            )
        self.helper = FormHelper()
        self.helper.form_id = "profile-form"
        self.helper.attrs = {"novalidate": ""}  # the server's messages, with their summary
        self.helper.layout = Layout(
            Fieldset(_("About you"), "class_year", "majors", "minors", "career_stage"),
            Fieldset(_("What you want to explore"), "fields_of_interest", "goals"),
            Fieldset(_("Résumé, links and time zone"), "resume", "linkedin_url", "time_zone"),
        )
        self.helper.add_input(Submit("save", _("Save profile")))

    def clean_resume(self):
        upload = self.cleaned_data.get("resume")
        if upload:
            validate_resume(upload)
        return upload or None

    def clean_linkedin_url(self):
        url = self.cleaned_data.get("linkedin_url", "")
        if not url:
            return url
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" or not (
            host == "linkedin.com" or host.endswith(".linkedin.com")
        ):
            raise forms.ValidationError(
                _("Enter your LinkedIn address, starting with https://www.linkedin.com/"),
                code="not_linkedin",
            )
        return url


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "relationship",
            "organization",
            "role",
            "career_field",
            "connection",
            "email",
            "phone",
            "status",
            "origin",
            "referred_by_name",
            "referred_by",
            "notes",
        ]
        labels = {
            "origin": _("How do you know them?"),
            "referred_by_name": _("Who referred them to you?"),
            "referred_by": _("…or pick the referrer from your list"),
        }
        help_texts = {
            "connection": _(
                "How might they connect to your interests? Their own work, or people they know."
            ),
            "email": _("Optional."),
            "phone": _("Optional."),
            "referred_by_name": _("For referrals: the person who suggested you contact them."),
            "notes": _("Anything you want to remember."),
        }
        widgets = {
            "connection": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student
        self.fields["career_field"].queryset = career_fields_for_choice()
        self.fields["career_field"].empty_label = _("Not sure yet")
        referrers = Contact.objects.filter(student=student).order_by("name")
        if self.instance.pk:
            referrers = referrers.exclude(pk=self.instance.pk)
        self.fields["referred_by"].queryset = referrers
        self.fields["referred_by"].empty_label = _("Nobody on my list")
        self.fields["phone"].validators.append(phone_validator)
        self.helper = FormHelper()
        self.helper.form_id = "contact-form"
        self.helper.attrs = {"novalidate": ""}  # the server's messages, with their summary
        self.helper.layout = Layout(
            Fieldset(
                _("Who they are"),
                "name",
                "relationship",
                "organization",
                "role",
                "career_field",
                "connection",
            ),
            Fieldset(_("How to reach them"), "email", "phone"),
            Fieldset(
                _("Where things stand"),
                "status",
                "origin",
                "referred_by_name",
                "referred_by",
                "notes",
            ),
        )
        self.helper.add_input(Submit("save", _("Save contact")))
        if not self.instance.pk:
            self.helper.add_input(
                Submit("save_another", _("Save and add another"), css_class="btn-outline-primary")
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("origin") == Contact.Origin.REFERRAL and not (
            cleaned.get("referred_by_name") or cleaned.get("referred_by")
        ):
            self.add_error("referred_by_name", _("Say who referred this person to you."))
        picked, typed = cleaned.get("referred_by"), (cleaned.get("referred_by_name") or "")
        if picked is not None and typed.strip() and typed.strip() != picked.name:
            self.add_error(
                "referred_by_name",
                _(
                    "You also picked %(name)s from your list. Clear this box, or choose "
                    "“Nobody on my list” below, so it is clear who referred them."
                )
                % {"name": picked.name},
            )
        return cleaned

    def _post_clean(self):
        # contact_create/contact_update save and check the rules; the instance stays as
        # loaded so a rejected edit changes nothing.
        pass


ANY = ""


class ContactFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(ANY, _("Any status")), *Contact.Status.choices],
    )
    field: forms.ModelChoiceField[CareerField] = forms.ModelChoiceField(
        label=_("Career field"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("Any field"),
    )
    origin = forms.ChoiceField(
        label=_("Known or referred"),
        required=False,
        choices=[
            (ANY, _("Everyone")),
            (Contact.Origin.FIRST_DEGREE, _("People I know")),
            (Contact.Origin.REFERRAL, _("People referred to me")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = career_fields_for_choice()
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "contact-filters"
        self.helper.layout = Layout(
            Row(
                Column("status", css_class="col-md-3"),
                Column("field", css_class="col-md-4"),
                Column("origin", css_class="col-md-3"),
                Column(
                    Submit("filter", _("Show"), css_class="btn-secondary"),
                    css_class="col-md-2 d-flex align-items-end mb-3",
                ),
            )
        )

    def markup_key(self) -> str | None:
        """All that the filters' markup depends on: the language, the career fields
        offered and each filter's value as typed (``career_fields_markup_key``). The list
        keeps that markup per process under this key (``{% include_kept %}``); None when
        a filter has an error, whose markup is not kept: what is kept is one of the
        choices offered, not whatever an address holds."""
        if self.errors:
            return None
        return career_fields_markup_key([self[name].value() for name in self.fields])

    @property
    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "status": self.cleaned_data["status"],
            "career_field": self.cleaned_data["field"],
            "origin": self.cleaned_data["origin"],
        }


class ResumeDeleteForm(forms.Form):
    """Carries only the CSRF token: a POST removes the file."""
