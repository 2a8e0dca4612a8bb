"""Reads about people that other apps share."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef

from .models import User


def user_email_verified_exists(*, user_ref: str = "pk", email_ref: str = "email") -> Exists:
    """An ``Exists`` that is true when the user's own address (the one they sign in with
    and are emailed at) is confirmed; ``user_ref`` and ``email_ref`` name the user's id and
    address from the outer query, e.g. ``"user_id"`` and ``"user__email"``."""
    return Exists(
        EmailAddress.objects.filter(
            user_id=OuterRef(user_ref), email__iexact=OuterRef(email_ref), verified=True
        )
    )


def user_email_is_verified(*, user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
