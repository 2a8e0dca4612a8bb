"""What every change to a notebook starts from."""

from __future__ import annotations

from interviews.models import Interview

from ..models import Notebook


def notebook_ensure(interview: Interview) -> Notebook:
    """The interview's notebook, created on first use with the request's "what I have
    already found out" as the start of its research notes on the field."""
    notebook, _created = Notebook.objects.get_or_create(
        interview=interview, defaults={"research_field": interview.research}
    )
    return notebook


def notebook_lock(interview: Interview) -> Notebook:
    """The notebook, created if need be, locked for a change (two tabs, a double click)."""
    notebook_ensure(interview)
    return Notebook.objects.select_for_update().get(pk=interview.pk)
