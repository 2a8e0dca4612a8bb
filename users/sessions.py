"""Sessions in PostgreSQL, each read with its user in one query.

Every signed-in request reads its session, then its user by the id the session holds.
Here the session row carries that id as a column (``users.models.Session.user``), so
``load`` reads both with one join (``users.selectors.session_get_with_user``), and the
authentication backend (``users.backends``) takes the user it just read instead of
asking again. Nothing is cached: the user is the row as it is now, so a deactivated
account, a changed password or an erased person takes effect on the next request, and
a Redis outage cannot touch sessions.

How the user reaches the backend: Django's ``auth.get_user(request)`` reads the user id
from the session (which runs ``load``) and then calls the backend's ``get_user(user_id)``,
which has no request. ``load`` leaves the user it read in a context variable, which the
backend takes (and clears) only for that same id; for any other id, or none left, the
backend reads the user itself, as Django's does. Each ``load`` replaces what the last one
left, so what the backend finds is always what the latest session read of this thread or
task found.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError

from .models import Session, User
from .selectors import session_get_with_user

_user_read: ContextVar[User | None] = ContextVar("users_session_user_read", default=None)


def session_user_take(*, user_id: Any) -> User | None:
    """The user the latest session ``load`` read, if its id is ``user_id``; each is
    given once."""
    user = _user_read.get()
    if user is None or user.pk != user_id:
        return None
    _user_read.set(None)
    return user


def user_pk(value: Any) -> int | None:
    """A user id as a session holds it (a string), as the User's primary key; None when
    there is none, or it is malformed."""
    try:
        return User._meta.pk.to_python(value)
    except ValidationError:
        return None


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        return Session

    def load(self) -> dict[str, Any]:
        _user_read.set(None)
        if self.session_key is None:
            return {}
        found = session_get_with_user(session_key=self.session_key)
        if found is None:
            self._session_key = None  # as Django's: a new key when it is saved
            return {}
        data, user = found
        _user_read.set(user)
        return self.decode(data)

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        session = cast(Session, super().create_model_instance(data))
        session.user_id = user_pk(data.get(SESSION_KEY))
        return session
