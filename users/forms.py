from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.forms import form_field

from .models import User
from .services import email_domain_is_student, request_language
from .time_zones import time_zone_choices


class TimeZoneSelect(forms.Select):
    """A select for flat choices that writes its options directly.

    Django renders each option through a template; for the four hundred time zones that
    took some 45 ms of every page showing one, about a quarter of the page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, mark_safe(" selected") if str(choice) in selected else "", label)
                for choice, label in self.choices
            ),
        )
        # As django/forms/widgets/attrs.html writes them, in the same order.
        attributes = [
            format_html(" {}", key) if given is True else format_html(' {}="{}"', key, given)
            for key, given in self.build_attrs(self.attrs, attrs).items()
            if given is not False
        ]
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            format_html_join("", "{}", ((part,) for part in attributes)),
            options,
        )


class TimeZoneField(forms.ChoiceField):
    """The canonical zones (users.time_zones). Forms call ``keep(zone)`` with the
    person's current zone, so an older name they have stays a valid choice."""

    widget = TimeZoneSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", time_zone_choices)
        super().__init__(**kwargs)

    def keep(self, current: str) -> None:
        self.choices = time_zone_choices(current)


class StudentSignupForm(SignupForm):
    """allauth's sign-up, for students: only university addresses."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    @property
    def student_domains(self) -> str:
        """The accepted domains as people write them, e.g. "@example.edu"."""
        return ", ".join("@" + d for d in settings.STUDENT_EMAIL_DOMAINS)

    def clean_email(self):
        email = super().clean_email()
        if not email_domain_is_student(email):
            raise forms.ValidationError(
                _(
                    "Student accounts need your university email address (%(domains)s). "
                    "Alumni and other professionals can volunteer as a Career Mentor instead."
                ),
                params={"domains": self.student_domains},
                code="not_student_domain",
            )
        return email

    def save(self, request):
        user = super().save(request)
        user.role = User.Role.STUDENT
        user.language = request_language(request)
        user.save(update_fields=["role", "language"])
        return user


class LanguageSelect(forms.Select):
    """Each language named in itself ("English", "Español") and marked as such, as in the
    layout's language switcher, so a screen reader says each name in its own language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class PersonalSettingsForm(forms.ModelForm):
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_("Every time on the site and in emails is shown in this zone."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "language", "time_zone"]
        widgets = {"language": LanguageSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "time_zone", TimeZoneField).keep(self.instance.time_zone)


class EmailPreferencesForm(forms.Form):
    """Optional emails people may switch off; essential ones are listed, not offered."""

    def __init__(self, *args, opted_out: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        from notifications.categories import OPTIONAL_CATEGORIES

        for category, label in OPTIONAL_CATEGORIES.items():
            self.fields[category] = forms.BooleanField(
                label=label, required=False, initial=category not in opted_out
            )

    def opted_out(self) -> set[str]:
        return {name for name, wanted in self.cleaned_data.items() if not wanted}
