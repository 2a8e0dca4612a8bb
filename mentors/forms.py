from __future__ import annotations

import datetime
import functools
from html import escape
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import form_field
from users.forms import TimeZoneField
from users.models import User

from .directory_cache import career_fields_markup_key
from .models import (
    MAX_GRADUATION_YEAR,
    MIN_GRADUATION_YEAR,
    CareerField,
    MentorProfile,
)
from .selectors import MAX_QUERY_LENGTH, career_field_choices, career_fields_grouped
from .services import PROFILE_FIELDS

MAX_CAREER_FIELDS = 5


class CareerFieldsField(forms.TypedMultipleChoiceField):
    """Career fields grouped by industry cluster; cleans to CareerField objects."""

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce", int)
        super().__init__(**kwargs)

    def clean(self, value):
        ids = super().clean(value)
        if len(ids) > MAX_CAREER_FIELDS:
            raise forms.ValidationError(
                _("Choose at most %(max)d career fields.") % {"max": MAX_CAREER_FIELDS}
            )
        return list(CareerField.objects.filter(pk__in=ids))


def bounded_formfield(db_field, **kwargs):
    """The model field's form field, with the bounds of its Min/MaxValueValidators.

    Without them a PositiveSmallIntegerField's input says min="0" while the server
    wants 1940 or 1; the browser's min and max should say what the server accepts.
    """
    for validator in db_field.validators:
        if isinstance(validator, MinValueValidator):
            kwargs.setdefault("min_value", validator.limit_value)
        elif isinstance(validator, MaxValueValidator):
            kwargs.setdefault("max_value", validator.limit_value)
    return db_field.formfield(**kwargs)


class MentorProfileForm(forms.ModelForm):
    """The profile part, shared by the volunteer form and the mentor's own edit form."""

    career_fields = CareerFieldsField(
        label=_("Career fields"),
        help_text=_("Choose up to five."),
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = TimeZoneField(
        label=_("Your time zone"),
        help_text=_("Conversation times are shown to you in this zone."),
    )
    website = forms.URLField(
        label=_("LinkedIn or website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("A full address, e.g. https://www.linkedin.com/in/your-name"),
    )
    meeting_formats = forms.MultipleChoiceField(
        label=_("Meeting formats you offer"),
        choices=MentorProfile.Format.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MentorProfile
        fields = list(PROFILE_FIELDS)
        formfield_callback = bounded_formfield
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "associations": forms.Textarea(attrs={"rows": 2}),
            "preferred_contact": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "graduation_year": _("The year you graduated from the university, if you did."),
            "degree": _("For example BA, BS, MBA, PhD."),
            "bio": _("A few sentences about your path. Students read this first."),
            "topics": _("What you enjoy talking about, e.g. breaking into the field, grad school."),
            "phone": _("Never shown to students; shared only when you accept a request."),
            "monthly_cap": _("How many conversations a month you can take on (1 to 10)."),
            "preferred_contact": _("How you would like students to reach you first."),
        }

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "career_fields", forms.ChoiceField).choices = career_fields_grouped()
        if self.instance.pk:
            self.initial.setdefault(
                "career_fields", list(self.instance.career_fields.values_list("pk", flat=True))
            )
        if user is not None and user.is_authenticated:
            self.initial.setdefault("time_zone", user.time_zone)
            form_field(self, "time_zone", TimeZoneField).keep(user.time_zone)
        else:
            # A newcomer: the site's zone, replaced by the browser's (static/js/timezone.js).
            self.initial.setdefault("time_zone", settings.TIME_ZONE)
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = ""
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self.profile_fieldsets())
        self.order_fields_as_shown()

    def order_fields_as_shown(self) -> None:
        """Fields in the layout's order, so the error summary lists them as the page does."""
        self.order_fields([pointer.name for pointer in self.helper.layout.get_field_names()])

    def profile_fieldsets(self) -> list:
        return [
            Fieldset(
                _("Your work"),
                "employer",
                "job_title",
                "industry",
                "career_fields",
            ),
            Fieldset(
                _("Your studies"),
                Div(
                    Div("graduation_year", css_class="col-md-4"),
                    Div("degree", css_class="col-md-4"),
                    Div("major", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Where you are"),
                Div(
                    Div("city", css_class="col-md-4"),
                    Div("region", css_class="col-md-4"),
                    Div("country", css_class="col-md-4"),
                    css_class="row",
                ),
                "time_zone",
                "open_to_remote",
            ),
            Fieldset(
                _("What you offer students"),
                "bio",
                "topics",
                "meeting_formats",
                "monthly_cap",
                "reviews_resumes",
                "associations",
                "website",
            ),
            Fieldset(
                _("How students reach you"),
                "preferred_contact",
                "phone",
            ),
        ]

    def clean_meeting_formats(self):
        formats = self.cleaned_data["meeting_formats"]
        order = [value for value, _label in MentorProfile.Format.choices]
        return sorted(formats, key=order.index)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("preferred_contact") == MentorProfile.Contact.PHONE and not cleaned.get(
            "phone"
        ):
            self.add_error("phone", _("Add a phone number, or choose another first contact."))
        return cleaned

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VolunteerForm(MentorProfileForm):
    """Account (for visitors who are not signed in), profile and consent, in one form."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send a link to confirm it. Students never see it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that signed-in students and staff of the university may see my "
            "profile (never my email or phone) once staff approve it."
        ),
        required=True,
        error_messages={"required": _("We can only list you with your consent.")},
    )

    ACCOUNT_FIELDS = ("first_name", "last_name", "email", "password1", "password2")

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            for name in self.ACCOUNT_FIELDS:
                del self.fields[name]
        parts = []
        if self.user is None:
            parts.append(
                Fieldset(
                    _("About you"),
                    Div(
                        Div("first_name", css_class="col-md-6"),
                        Div("last_name", css_class="col-md-6"),
                        css_class="row",
                    ),
                    "email",
                    Div(
                        Div("password1", css_class="col-md-6"),
                        Div("password2", css_class="col-md-6"),
                        css_class="row",
                    ),
                )
            )
        parts += self.profile_fieldsets()
        parts.append(Fieldset(_("Consent"), "consent"))
        parts.append(Submit("submit", _("Volunteer as a Career Mentor")))
        self.helper.layout = Layout(*parts)
        self.order_fields_as_shown()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if self.user is None:
            p1, p2 = cleaned.get("password1"), cleaned.get("password2")
            if p1 and p2 and p1 != p2:
                self.add_error("password2", _("The two passwords differ."))
            elif p1:
                probe = User(
                    email=cleaned.get("email", ""),
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                )
                try:
                    password_validation.validate_password(p1, probe)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned

    def account_data(self) -> dict | None:
        if self.user is not None:
            return None
        return {
            "email": self.cleaned_data["email"],
            "first_name": self.cleaned_data["first_name"],
            "last_name": self.cleaned_data["last_name"],
            "password": self.cleaned_data["password1"],
        }


class PauseForm(forms.Form):
    until = forms.DateField(
        label=_("Back on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("You are hidden from students until this date, then listed again."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page writes the <form> and its one button, beside the profile form.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_until(self):
        until = self.cleaned_data["until"]
        today = timezone.localdate()
        if until <= today:
            raise forms.ValidationError(_("Choose a date after today."))
        if until > today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date within a year; you can pause again."))
        return until


ANY_FIELD = _("Any field")
INDUSTRY_CHOICES = [("", _("Any industry")), *MentorProfile.Industry.choices]
FORMAT_CHOICES = [("", _("Any format")), *MentorProfile.Format.choices]


_FIXED_CHOICES = {"industry": INDUSTRY_CHOICES, "format": FORMAT_CHOICES}


@functools.lru_cache(maxsize=16)
def _fixed_choices(name: str, language: str) -> tuple[tuple[str, str], ...]:
    """A select box's fixed choices as text in ``language``, the active one."""
    return tuple((str(value), str(label)) for value, label in _FIXED_CHOICES[name])


@functools.lru_cache(maxsize=256)
def _options_html(pairs: tuple[tuple[str, str], ...], current: str) -> SafeString:
    """``<option>`` elements for ``pairs`` (value, label), ``current`` selected. Kept per
    process: the same few lists are written on every directory page, and escaping and
    joining sixty career fields took a third of a millisecond each time."""
    return mark_safe(  # noqa: S308 -- every value and label escaped
        "".join(
            f'<option value="{escape(value)}"'
            f"{' selected' if value == current else ''}>{escape(label)}</option>"
            for value, label in pairs
        )
    )


class _SharedFields(dict):
    """A form class's fields, which each of its forms shares instead of deep-copying
    them (as Django does, so that a form may change its own). For a form that never
    changes a field, label, widget or choice of its own: the directory's filters, made
    on every page whose results are not cached, where copying eleven fields took about
    0.2 ms of the 2.5 ms of CPU such a page took (measured in one process)."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


class DirectoryFilterForm(forms.Form):
    """The directory's query string. Anything invalid is dropped, never an error page.

    Its fields are shared by every form (``_SharedFields``): nothing here may change one
    for one form."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Name, job title, employer, topic or field"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    field = forms.ModelChoiceField(
        label=_("Career field"),
        queryset=CareerField.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=ANY_FIELD,
    )
    industry = forms.ChoiceField(
        label=_("Industry"),
        required=False,
        # Given as a function, the choices are not deep-copied for each form with the
        # field (each label is a lazy translation: 0.1 ms a field, on every directory page).
        choices=lambda: INDUSTRY_CHOICES,
    )
    format = forms.ChoiceField(
        label=_("Meeting format"),
        required=False,
        choices=lambda: FORMAT_CHOICES,
    )
    location = forms.CharField(label=_("Location"), required=False, max_length=100)
    year_from = forms.IntegerField(
        label=_("Graduated from"),
        required=False,
        min_value=MIN_GRADUATION_YEAR,
        max_value=MAX_GRADUATION_YEAR,
    )
    year_to = forms.IntegerField(
        label=_("Graduated up to"),
        required=False,
        min_value=MIN_GRADUATION_YEAR,
        max_value=MAX_GRADUATION_YEAR,
    )
    major = forms.CharField(label=_("Major"), required=False, max_length=100)
    remote = forms.BooleanField(label=_("Open to remote conversations"), required=False)
    resumes = forms.BooleanField(label=_("Reviews résumés"), required=False)
    capacity = forms.BooleanField(label=_("Has time this month"), required=False)

    # The career fields the filter offers (``career_field_choices``), as the directory
    # read them with the page's cards; read from the database when not given.
    career_fields: list[tuple[str, str]] | None = None

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            # A long search is cut rather than refused: the first words carry the meaning.
            if len(data.get("q", "")) > MAX_QUERY_LENGTH:
                data["q"] = data["q"][:MAX_QUERY_LENGTH]
        super().__init__(data, **kwargs)

    def select_options(self) -> dict[str, SafeString]:
        """The ``<option>`` elements of each select box, the current value selected.

        The directory template writes this form's markup by hand: rendering it through
        crispy and the widget templates cost more than the rest of the page together.
        Career fields come from a cache, so an unfiltered page needs no query for them.
        """
        language = get_language()
        choices = {
            "field": (("", str(ANY_FIELD)), *self._career_fields()),
            "industry": _fixed_choices("industry", language),
            "format": _fixed_choices("format", language),
        }
        options = {}
        for name, pairs in choices.items():
            current = self[name].value()
            options[name] = _options_html(tuple(pairs), "" if current is None else str(current))
        return options

    def _control(self, name: str) -> dict[str, Any]:
        """What the hand-written markup shows of a field, read once: its label and help
        text, the value as typed (None when empty), its errors, and the limits of a text
        or number box as text. Asking a bound field in the template cost more (a new
        empty error list for each question, each number localized)."""
        field = self.fields[name]
        return {
            "label": str(field.label),
            "help_text": str(field.help_text),
            "value": self[name].value(),
            "errors": self.errors.get(name),
            **{
                limit: str(getattr(field, limit))
                for limit in ("max_length", "min_value", "max_value")
                if getattr(field, limit, None) is not None
            },
        }

    def search_control(self) -> dict[str, Any]:
        """The search box's ``_control`` (``search_box.html``)."""
        return self._control("q")

    def controls(self) -> dict[str, dict[str, Any]]:
        """Every filter's ``_control`` but the search box's (``filter_form.html``)."""
        return {name: self._control(name) for name in self.fields if name != "q"}

    def filters_markup_key(self) -> str | None:
        """All that the filters' markup (``filter_form.html``) depends on: the language,
        the career fields offered (read under the directory's version) and each filter's
        value as typed (``career_fields_markup_key``). The directory keeps that markup per
        process under this key (``{% include_kept %}``; most searches set no filter, so
        they share one copy); None when a filter has an error, whose markup is not
        kept."""
        if any(name != "q" for name in self.errors):
            return None
        return career_fields_markup_key([self[name].value() for name in self.fields if name != "q"])

    def _career_fields(self) -> list[tuple[str, str]]:
        if self.career_fields is None:
            self.career_fields = career_field_choices()
        return self.career_fields

    def filters(self) -> dict:
        """The valid filters; invalid ones are left out (and shown as field errors)."""
        self.is_valid()
        cleaned = dict(self.cleaned_data)
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            cleaned["year_from"], cleaned["year_to"] = end, start
        return {key: value for key, value in cleaned.items() if value not in (None, "", False)}


DirectoryFilterForm.base_fields = _SharedFields(DirectoryFilterForm.base_fields)
