"""The users app's part of "Download my data"."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress

from core.exports import iso


def user_data_export(*, user) -> dict[str, Any]:
    """The account itself and its email addresses."""
    return {
        "user": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("id")
            ],
        }
    }
