"""Insights' part of "Download my data" and of deleting an account.

Claims and their perspectives are the student's alone: they are exported whole and
deleted with the account. The interviews they point to may stay for the mentor (an
account deletion keeps an anonymised User row, so nothing cascades by itself); a
perspective goes with its claim.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from core.exports import iso
from interviews.display import mentor_name

from .insights_models import Claim, Perspective


def insights_data_export(*, user) -> dict[str, Any]:
    """The student's insights: each point, its topic and field, and what each
    conversation said about it. Two queries."""
    perspectives = Prefetch(
        "perspectives",
        queryset=Perspective.objects.select_related("interview__mentor").order_by(
            "created_at", "id"
        ),
    )
    claims = (
        Claim.objects.filter(student=user)
        .select_related("career_field")
        .prefetch_related(perspectives)
        .order_by("created_at", "id")
    )
    return {
        "insights": [
            {
                "id": claim.pk,
                "text": claim.text,
                "topic": claim.topic,
                "career_field": claim.career_field.name,
                "created_at": iso(claim.created_at),
                "updated_at": iso(claim.updated_at),
                "perspectives": [
                    {
                        "interview_id": p.interview_id,
                        "mentor_name": mentor_name(p.interview.mentor),
                        "stance": p.stance,
                        "created_at": iso(p.created_at),
                        "updated_at": iso(p.updated_at),
                    }
                    for p in claim.perspectives.all()
                ],
            }
            for claim in claims
        ]
    }


def insights_data_erase(*, user) -> None:
    """Delete the person's claims and, with them, every perspective on them."""
    Claim.objects.filter(student=user).delete()
