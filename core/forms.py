"""Helpers shared by the apps' forms."""

from typing import TYPE_CHECKING, TypeVar

from django import forms
from django.forms import BoundField

from .errors import ApplicationError

_Field = TypeVar("_Field", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[_Field]) -> _Field:
    """``form.fields[name]``, checked to be a ``kind``.

    ``BaseForm.fields`` maps names to plain ``Field``s for the type checker, so attributes
    such as ``choices`` or ``empty_label`` need the field's own class.
    """
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"Field {name!r} is a {type(field).__name__}, not a {kind.__name__}.")
    return field


if TYPE_CHECKING:  # the mixin is used with forms.Form; the checker needs its attributes
    _FormMixinBase = forms.Form
else:
    _FormMixinBase = object


class ServiceErrorsMixin(_FormMixinBase):
    """Puts an ``ApplicationError`` from a service next to the field it is about
    (or above the form when it names no field of this form)."""

    # service field name -> form field name, where they differ
    service_fields: dict[str, str] = {}

    def add_service_error(self, error: ApplicationError) -> None:
        name = self.service_fields.get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)


class SummaryLabelBoundField(BoundField):
    """A field that the error summary (templates/bootstrap5/errors.html) names by its
    form's ``summary_labels`` entry, for a label that says little out of its group
    ("Date" of which proposed time); by its label otherwise."""

    @property
    def summary_label(self) -> str:
        labels: dict[str, str] = getattr(self.form, "summary_labels", {})
        return labels.get(self.name, str(self.label))
