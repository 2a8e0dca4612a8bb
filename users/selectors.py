"""Reads about people that other apps share."""

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from allauth.account.models import EmailAddress
from django.db import connection
from django.db.models import Exists, Model, OuterRef
from django.utils import timezone

from core.cache_versions import session_versions, versions_known
from core.query_shapes import Build, compiled_query

from .models import Session, User


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


def _user_by_id_sql(values: Mapping[str, Any]) -> tuple[str, tuple]:
    return User._default_manager.filter(pk=values["pk"]).query.sql_with_params()


def user_get_for_session(*, user_id: int) -> User | None:
    """The user with this id, every field, or None: what a signed-in request reads first.

    The query is the ORM's own, compiled once per process (``core.query_shapes``), and its
    row is read straight into a ``User`` (``Model.from_db``, as the ORM does), which takes
    about half the Python of ``User.objects.get``.
    """
    row = _one_row("users.for_session", _user_by_id_sql, {"pk": user_id})
    return None if row is None else _user_from(row)


def _one_row(shape: str, build: Build, values: Mapping[str, Any]) -> tuple | None:
    sql, params = compiled_query(shape, build, values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


@functools.cache
def _columns(model: type[Model]) -> tuple[str, ...]:
    """The columns the ORM selects for ``model``: every concrete field, in their declared
    order (as ModelIterable reads them: SQLCompiler.get_default_columns)."""
    return tuple(field.attname for field in model._meta.concrete_fields)


def _user_from(row: Sequence[Any]) -> User:
    return User.from_db(connection.alias, _columns(User), row)


def _session_with_user_sql(values: Mapping[str, Any]) -> tuple[str, tuple]:
    return (
        Session.objects.filter(session_key=values["key"])
        .annotate(cache_versions=session_versions(OuterRef("user_id")))
        .select_related("user")
        .query.sql_with_params()
    )


def session_get_with_user(*, session_key: str) -> tuple[str, User | None] | None:
    """An unexpired session's encoded data, and the user it signed in as (None for a
    visitor's session, or one whose user is gone), in one query; None when there is no
    such session, or it has expired (by this process's clock, as Django's own session
    engines judge it). The same query reads the cache versions every signed-in request
    knows (``core.cache_versions.read_with_session``), kept for the rest of the request.
    Compiled once per process, and read as ``user_get_for_session`` reads its row."""
    row = _one_row("users.session_with_user", _session_with_user_sql, {"key": session_key})
    if row is None:
        return None
    # The session's columns, the versions, then select_related's: the user's (None each,
    # for a visitor's session or one whose user is gone).
    session_columns = _columns(Session)
    if row[session_columns.index("expire_date")] <= timezone.now():
        return None
    data = row[session_columns.index("session_data")]
    user_row = row[len(session_columns) + 1 :]
    user_id = user_row[_columns(User).index(User._meta.pk.attname)]
    versions_known(row[len(session_columns)], user_id=user_id)
    if user_id is None:
        return data, None
    return data, _user_from(user_row)
