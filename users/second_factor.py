"""Staff pass the second factor in this very session before any staff-only page.

Two-factor is a property of the session, not of the user: a session that signed in
with a password before its user enrolled (from another browser) has not passed it.
allauth records each way a session authenticated (password, mfa); enrolling here
counts too, since entering the first code proves the authenticator is at hand.
"""

from __future__ import annotations

import time

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.http import HttpRequest

MFA = "mfa"


def session_passed_second_factor(request: HttpRequest) -> bool:
    records = get_authentication_records(request, getattr(request, "user", None))
    return any(record.get("method") == MFA for record in records)


def signed_in_recently(request: HttpRequest | None) -> bool:
    """This session signed in (password or second factor) within allauth's
    reauthentication window."""
    if request is None:
        return False
    records = get_authentication_records(request, getattr(request, "user", None))
    window = account_settings.REAUTHENTICATION_TIMEOUT
    return any(time.time() - record.get("at", 0) < window for record in records)


def second_factor_required(request: HttpRequest) -> bool:
    """Staff (superusers included) need a second factor in this session before any
    page other than signing in, two-factor set-up and static files."""
    user = getattr(request, "user", None)
    return bool(
        settings.ADMIN_REQUIRE_MFA
        and user is not None
        and user.is_authenticated
        and user.is_staff
        and not session_passed_second_factor(request)
    )


def record_enrolment(*, request: HttpRequest | None, user, authenticator, **_kwargs) -> None:
    """allauth's `authenticator_added`: the code that set the authenticator up was a
    second factor passed in this session."""
    if request is not None and getattr(request, "user", None) == user:
        record_authentication(
            request, user, MFA, id=authenticator.pk, type=authenticator.type, enrolled=True
        )
