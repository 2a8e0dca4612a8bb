"""Keep the copies of career field names that the directory searches in step with deletes.

A career field can go through the admin page, the admin's bulk action or a queryset
``delete()``; only the model signals see all three. The links to mentors are deleted
before ``post_delete`` runs, so ``pre_delete`` notes whom the field concerned while the
links are still there, and ``post_delete`` copies those mentors' remaining field names
back onto their profiles, in the same transaction as the delete.
"""

from __future__ import annotations

from typing import Any

from .models import CareerField
from .services import mentor_search_text_refresh

_AFFECTED = "_mentor_ids_before_delete"


def career_field_note_mentors(*, instance: CareerField, **_kwargs: Any) -> None:
    setattr(instance, _AFFECTED, list(instance.mentors.values_list("pk", flat=True)))


def career_field_refresh_mentors(*, instance: CareerField, **_kwargs: Any) -> None:
    mentor_ids = getattr(instance, _AFFECTED, None)
    if mentor_ids:
        # One UPDATE for all of them; it also raises the directory cache version.
        mentor_search_text_refresh(mentor_ids=mentor_ids)
