import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ServiceErrorsMixin
from core.localized import Localized
from mentors.models import CareerField

from .selectors import term_containing

# The longest period a report covers (a few academic years).
MAX_DAYS = 5 * 366


class ReportFilterForm(forms.Form):
    """The period and the optional career field; unbound, it is this term."""

    start = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Choose the first day of the period.")},
    )
    end = forms.DateField(
        label=_("To (included)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Choose the last day of the period.")},
    )
    career_field = forms.ModelChoiceField(
        label=_("Career field"),
        # By name in the language of the page: Localized picks the column when the query
        # runs; order_by("name") would pick it now, at import, in English.
        queryset=CareerField.objects.order_by(Localized("name")),
        required=False,
        empty_label=_("All fields"),
        help_text=_("Only requests to mentors who list this field."),
    )

    def __init__(self, data=None, **kwargs):
        term = term_containing(timezone.localdate())
        # No period chosen yet: this term, as if it had been typed.
        if not data or not ({"start", "end"} & set(data)):
            data = {"start": term.start.isoformat(), "end": term.end.isoformat(), **(data or {})}
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end comes before the start. Choose a later day."))
            elif end - start > datetime.timedelta(days=MAX_DAYS):
                self.add_error("end", _("Choose a period of at most five years."))
        return cleaned


class AlumniUploadForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("Alumni list (CSV)"),
        help_text=_(
            "A CSV file whose first line names the columns email, first_name, last_name, "
            "and optionally graduation_year, employer, job_title. UTF-8 is best; a "
            "spreadsheet's Windows encoding is read too."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Choose the CSV file to upload.")},
    )
