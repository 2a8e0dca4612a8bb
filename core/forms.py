"""Helpers shared by the apps' forms."""

from typing import TypeVar

from django import forms

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
