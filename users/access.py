"""Who may change whose account (admin): the one rule, used for people, addresses and
two-factor devices alike."""

from __future__ import annotations

from .models import User


def may_manage_account(*, actor: User, account: User) -> bool:
    """A superuser may change anyone. Other staff may change students' and mentors'
    accounts, and their own, but never another staff member's or a superuser's: changing
    what signs them in would let the actor become them."""
    if actor.is_superuser:
        return True
    if account.is_superuser:
        return False
    return not account.is_staff or account.pk == actor.pk
