"""Django's and allauth's authentication backends, reading the signed-in user for less.

Every signed-in request first reads its user by id (``get_user``). These backends take
the user that the session's own query has just read with it (``users.sessions``), else
read it with ``users.selectors.user_get_for_session``, a query compiled once per
process. Either way the row is read during this request, and the checks are Django's:
a user who cannot authenticate (deactivated) is signed out on their next request, and
Django still compares the session's hash of the password with the one just read, so a
password change signs out other sessions.
"""

from allauth.account import auth_backends
from django.contrib.auth import backends

from .selectors import user_get_for_session
from .sessions import session_user_take, user_pk


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        pk = user_pk(user_id)
        if pk is None:
            return None
        user = session_user_take(user_id=pk) or user_get_for_session(user_id=pk)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(ModelBackend, auth_backends.AuthenticationBackend):
    """allauth's, for sign-in by email; the user it signs in is read as above."""
