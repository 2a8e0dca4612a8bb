"""Signing staff in as the real sign-in leaves the session: password and second factor."""

from __future__ import annotations

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled


def login_with_second_factor(client, user) -> None:
    """Enrol `user` in TOTP if needed and sign them in on `client` as a session that
    entered a password and then an authenticator code (what allauth records)."""
    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": totp.pk, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
