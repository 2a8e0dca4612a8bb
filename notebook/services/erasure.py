"""Deleting an account removes the notebooks of the person's conversations as a student.

The interview rows stay (the mentor keeps their history, see ``home/privacy.py``), so
the notebook is deleted on its own: research notes, questions, notes, referrals and the
thank-you letter go with it, and so does the mentor's feedback on the student's résumé.
"""

from __future__ import annotations

from django.db import transaction

from ..models import Notebook, ResumeFeedback


@transaction.atomic
def notebook_data_erase(*, user) -> None:
    Notebook.objects.filter(interview__student=user).delete()
    ResumeFeedback.objects.filter(interview__student=user).delete()
