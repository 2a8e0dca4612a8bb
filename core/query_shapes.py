"""ORM queries compiled once per shape, then run with each request's values.

Building a QuerySet and compiling it to SQL can cost more Python than PostgreSQL spends
running it: about 1.4 ms for a mentor's profile page and 3.4 ms for a directory search,
against 0.5 ms and a few ms of SQL. The SQL itself depends only on the query's *shape*:
which filters are present, which branch was taken, the day and the language. The
request's *values* (the words searched, a mentor's id, a page's offset) only fill in
its parameters.

``compiled_query(shape, build, values)`` runs ``build(values)``, which builds the query
with the ORM and returns its SQL and parameters, once per shape in each process, and
afterwards fills in the values alone. The queries stay written with the ORM, each rule
in its one place (``MentorProfile.objects.listed``, for one).

A shape is kept only when what was learnt can be checked: ``build`` runs twice, with two
different sets of stand-ins for the values. Both runs must give the same SQL, and each
parameter must be either the same in both (a constant of the query) or one of the
values, as given or escaped and wrapped for a ``LIKE`` as ``contains``,
``startswith`` and ``endswith`` (and their ``i`` forms) do. Anything else (a value
transformed some other way, or written into the SQL) and the shape is not kept: every
call then runs ``build`` with the real values, as slow as before and as correct.

What ``build`` must not do is decide anything from a value (``if q.isalpha()``), since
both sets of stand-ins might decide alike and the real value otherwise. Such a decision
is part of the shape: take it before calling, and put it in ``shape``.

A shape's constants are written into its SQL as literals, quoted by psycopg as it would
quote them for the server; only the values stay parameters. The database prepares a
statement a connection runs often (``DATABASE_PREPARED_STATEMENTS``) and plans it once
for any parameters when such a plan is as good: with its constants in the SQL, that plan
sees them (a partial index's condition, a ``LIMIT``). With ``status = $1`` and
``LIMIT $2`` the directory's first page had a generic plan of 45 ms, so it was planned
again on every run (1.6 ms); with the constants written in, it runs on one plan in
0.4 ms.

Values are ``str`` and ``int``; anything else (a date, a list, a model) belongs in the
shape. Each process keeps at most ``MAX_SHAPES``, the least recently used dropped first.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from modeltranslation.utils import get_language
from psycopg import sql as psycopg_sql

MAX_SHAPES = 512

Build = Callable[[Mapping[str, Any]], tuple[str, Sequence[Any]]]

# How a value reaches its parameter: as given, or as a LIKE pattern.
_AS_GIVEN = "%s"
_PATTERNS = ("%%%s%%", "%s%%", "%%%s")


@dataclass(frozen=True)
class _Slot:
    """One parameter of a learnt shape: a constant, or a value in a pattern."""

    constant: Any = None
    name: str | None = None
    pattern: str = _AS_GIVEN
    # The type the ORM gave an int (psycopg's Int2 for a smallint column, say).
    int_type: type | None = None

    def fill(self, values: Mapping[str, Any]) -> Any:
        if self.name is None:
            return self.constant
        value = values[self.name]
        if self.int_type is not None:
            return self.int_type(value)
        if self.pattern == _AS_GIVEN:
            return value
        return self.pattern % connection.ops.prep_for_like_query(value)


@dataclass(frozen=True)
class _Learnt:
    sql: str
    slots: tuple[_Slot, ...]


_UNLEARNABLE = object()
_shapes: OrderedDict[Hashable, _Learnt | object] = OrderedDict()
_lock = threading.Lock()


def compiled_query(
    shape: Hashable, build: Build, values: Mapping[str, Any]
) -> tuple[str, tuple[Any, ...]]:
    """``build(values)``'s SQL and parameters, building and compiling the query only the
    first time this ``shape`` is seen in this process with these names of values (and
    the active language, which translated fields' columns depend on)."""
    key = (shape, tuple(sorted(values)), get_language())
    with _lock:
        learnt = _shapes.get(key)
        if learnt is not None:
            _shapes.move_to_end(key)
    if learnt is None:
        learnt = _learn(build, values)
        with _lock:
            _shapes[key] = learnt
            while len(_shapes) > MAX_SHAPES:
                _shapes.popitem(last=False)
    if isinstance(learnt, _Learnt):
        return learnt.sql, tuple(slot.fill(values) for slot in learnt.slots)
    sql, params = build(values)
    return sql, tuple(params)


# The names of each learnt query's result columns, by its SQL.
_columns: dict[str, tuple[str, ...]] = {}


def result_columns(cursor: Any, sql: str) -> tuple[str, ...]:
    """The names of the result columns of ``sql``, which ``cursor`` has just run: read
    from the cursor the first time (psycopg makes an object for each column at every
    reading of its ``description``), then kept with the SQL, whose columns are always
    the same. At most ``MAX_SHAPES`` are kept; the oldest go first."""
    columns = _columns.get(sql)
    if columns is None:
        columns = tuple(column.name for column in cursor.description)
        with _lock:
            _columns[sql] = columns
            while len(_columns) > MAX_SHAPES:
                del _columns[next(iter(_columns))]
    return columns


def compiled_queries_clear() -> None:
    """Forget every learnt shape (after a migration in tests, say)."""
    with _lock:
        _shapes.clear()
        _columns.clear()


def _stand_ins(values: Mapping[str, Any], run: int) -> dict[str, Any]:
    """Stand-ins for ``values``, different in each run and from anything a query holds:
    mixed case, so that a value lowered or stripped on its way is noticed."""
    stand_ins: dict[str, Any] = {}
    for index, (name, value) in enumerate(values.items()):
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise TypeError(f"{name}: only str and int values; put a {type(value)} in the shape")
        if isinstance(value, str):
            stand_ins[name] = f"Qv{run}Xk{index}Zw"
        else:
            # Small and positive: a query may hold a year or a smallint column's value.
            stand_ins[name] = 10_000 + 1_000 * run + index
    return stand_ins


def _learn(build: Build, values: Mapping[str, Any]) -> _Learnt | object:
    first, second = _stand_ins(values, 1), _stand_ins(values, 2)
    try:
        sql, params = build(first)
        other_sql, other_params = build(second)
    except Exception:  # a stand-in the query refuses (EmptyResultSet, say): build each time
        return _UNLEARNABLE
    if sql != other_sql or len(params) != len(other_params):
        return _UNLEARNABLE
    slots = []
    for param, other in zip(params, other_params, strict=True):
        slot = _slot(param, other, first, second)
        if slot is None:
            return _UNLEARNABLE
        slots.append(slot)
    return _constants_written_in(sql, slots)


# A parameter's placeholder, or a percent sign written as "%%".
_PLACEHOLDER = re.compile(r"%%|%s")


def _constants_written_in(sql: str, slots: list[_Slot]) -> _Learnt | object:
    """The shape with each constant written into the SQL as a literal, and a slot left
    for each value. A constant psycopg cannot quote stays a parameter."""
    parts = _PLACEHOLDER.split(sql)
    marks = _PLACEHOLDER.findall(sql)
    if marks.count("%s") != len(slots):
        return _UNLEARNABLE
    connection.ensure_connection()
    written, kept = [parts[0]], []
    remaining = iter(slots)
    for mark, text in zip(marks, parts[1:], strict=True):
        slot = next(remaining) if mark == "%s" else None
        literal = _literal(slot.constant) if slot is not None and slot.name is None else None
        if literal is not None:
            written.append(literal.replace("%", "%%"))
        else:
            written.append(mark)
            if slot is not None:
                kept.append(slot)
        written.append(text)
    return _Learnt(sql="".join(written), slots=tuple(kept))


def _literal(value: Any) -> str | None:
    try:
        return psycopg_sql.Literal(value).as_string(connection.connection)
    except Exception:  # no way to quote it: it stays a parameter
        return None


def _slot(param: Any, other: Any, first: Mapping, second: Mapping) -> _Slot | None:
    """What a parameter is, from its value in the two runs; None when it is neither a
    constant nor a value the module knows how to fill in."""
    for name, stand_in in first.items():
        if isinstance(stand_in, int):
            if isinstance(param, int) and int(param) == stand_in:
                same = type(other) is type(param) and int(other) == second[name]
                return _Slot(name=name, int_type=type(param)) if same else None
            continue
        if not isinstance(param, str):
            continue
        for pattern in (_AS_GIVEN, *_PATTERNS):
            if param == pattern % stand_in:
                same = isinstance(other, str) and other == pattern % second[name]
                return _Slot(name=name, pattern=pattern) if same else None
    # The same in both runs: no stand-in reached it (a list holding one would differ).
    if param == other and type(param) is type(other):
        return _Slot(constant=param)
    return None
