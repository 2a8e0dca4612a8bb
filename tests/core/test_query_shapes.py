"""core.query_shapes: a query compiled once per shape sends the server exactly the
statement that building it again would (its constants written in, its values as
parameters), or is not kept at all."""

import datetime

import psycopg
import pytest
from django.db import connection
from django.db.models import Q
from django.utils import translation

from core import query_shapes
from core.query_shapes import compiled_query
from mentors import selectors
from mentors.models import CareerField
from users.models import User

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _no_learnt_shapes():
    query_shapes.compiled_queries_clear()
    yield
    query_shapes.compiled_queries_clear()


def learnt(shape_name: str) -> list:
    return [v for k, v in query_shapes._shapes.items() if k[0][0] == shape_name]


def bound(sql: str, params) -> str:
    """The statement as the server would run it, every parameter quoted into it."""
    connection.ensure_connection()
    return psycopg.ClientCursor(connection.connection).mogrify(sql, tuple(params))


def directory_sql(filters: dict, *, page: int = 1) -> tuple[tuple, tuple, tuple]:
    """The directory page's query as mentor_directory makes it: through the learnt
    shape, and built afresh, for the same filters."""
    shape, build, values = selectors._page_query(
        filters, q=filters.get("q", ""), page=page, today=TODAY
    )
    fresh = build(values)
    return compiled_query(shape, build, values), (fresh[0], tuple(fresh[1])), shape


def test_each_directory_shape_gives_the_fresh_sql_and_parameters():
    field = CareerField.objects.create(name="Robotics", slug="robotics", cluster="STEM")
    every_filter = {
        "field": field,
        "industry": "education",
        "format": "video",
        "location": "New 100%_York\\",
        "remote": True,
        "year_from": 1990,
        "year_to": 2020,
        "major": "Art_s",
        "resumes": True,
        "capacity": True,
    }
    cases = [
        ({}, 1),
        ({}, 7),
        ({"location": "Boston"}, 1),
        ({"location": "50%"}, 2),
        ({"year_from": 2001, "major": "History"}, 1),
        (every_filter, 3),
        ({"q": "Pixar"}, 1),
        ({"q": "pixar"}, 4),
        ({"q": "software engineer"}, 1),
        ({"q": '"data science" -finance'}, 2),
        ({"q": "Okafer", **every_filter}, 1),
        ({"q": "user experience", "field": field, "location": "Chicago"}, 5),
    ]
    for filters, page in cases:
        # The first call learns the shape; the second fills it in without building.
        for _ in range(2):
            (sql, params), (fresh_sql, fresh_params), shape = directory_sql(filters, page=page)
            assert bound(sql, params) == bound(fresh_sql, fresh_params), filters
        assert learnt(shape[0]), f"{filters}: the shape was not learnt"


def test_a_learnt_shape_takes_other_values_of_the_same_shape():
    (sql, params), _, _ = directory_sql({"q": "Pixar", "location": "Austin"})
    (sql2, params2), fresh2, _ = directory_sql({"q": "Okafor", "location": "100%"})
    assert bound(sql2, params2) == bound(*fresh2)
    assert sql2 == sql and params2 != params
    assert "%100\\%%" in params2


def test_constants_are_written_into_the_sql_and_values_stay_parameters():
    """What every directory page of a shape shares (the listed statuses, the page's
    bounds) is in the SQL, where the database's one plan for the statement sees it."""
    (sql, params), (_, fresh_params), _ = directory_sql({"location": "Austin"}, page=2)
    assert "'approved'" in sql and "'paused'" in sql
    assert "LIMIT 21 OFFSET 20" in sql
    assert "approved" not in params and len(params) < len(fresh_params)
    assert "%Austin%" in params


def test_a_constant_with_a_percent_sign_is_written_in_as_it_is():
    def build(values):
        return "SELECT %s::text, %s::text, 7 %% 4", ["50%", values["name"]]

    for _ in range(2):
        sql, params = compiled_query("percent", build, {"name": "100%"})
        assert params == ("100%",)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            assert cursor.fetchone() == ("50%", "100%", 3)


def test_the_directory_finds_the_same_mentors_through_a_learnt_shape():
    from tests.factories import MentorProfileFactory, MentorUserFactory

    for first, last, employer in [("Ada", "Stone", "Pixar"), ("Bo", "Lake", "Acme")]:
        MentorProfileFactory(
            user=MentorUserFactory(first_name=first, last_name=last), employer=employer
        )
    for _ in range(2):
        assert [m.display_name for m in selectors.mentor_directory(filters={}).mentors] == [
            "Ada Stone",
            "Bo Lake",
        ]
        found = selectors.mentor_directory(filters={"q": "Pixar"}).mentors
        assert [m.display_name for m in found] == ["Ada Stone"]
        # A different word of the same shape, through what was learnt.
        found = selectors.mentor_directory(filters={"q": "Acme"}).mentors
        assert [m.display_name for m in found] == ["Bo Lake"]
    assert learnt("mentors.directory") and learnt("mentors.search")


def test_the_profile_query_is_learnt_and_finds_each_mentor():
    from tests.factories import MentorProfileFactory

    one, two = MentorProfileFactory(), MentorProfileFactory(status="pending")
    first = selectors.mentor_get_for_profile_page(mentor_id=one.pk)
    second = selectors.mentor_get_for_profile_page(mentor_id=two.pk)
    assert (first.pk, first.is_listed, first.has_capacity) == (one.pk, True, True)
    assert (second.pk, second.is_listed) == (two.pk, False)
    assert selectors.mentor_get_for_profile_page(mentor_id=two.pk + 1000) is None
    assert learnt("mentors.profile")


def _upper_build(values):
    # The value reaches its parameter changed (upper-cased): nothing to learn from.
    return User.objects.filter(email=values["email"].upper()).query.sql_with_params()


def _lower_build(values):
    # A change the stand-ins would hide if they were all lower case.
    return User.objects.filter(email=values["email"].lower()).query.sql_with_params()


def _strip_build(values):
    return User.objects.filter(email=values["email"] + "x").query.sql_with_params()


def _shifted_build(values):
    return User.objects.filter(pk=values["pk"] + 1).query.sql_with_params()


def _sometimes_changed_build(values):
    # A change that leaves one set of stand-ins as it is ("2" to "3").
    return User.objects.filter(email=values["email"].replace("2", "3")).query.sql_with_params()


def _inlined_build(values):
    # Sliced by a value: the ORM writes LIMIT into the SQL itself.
    return User.objects.all()[: values["pk"]].query.sql_with_params()


@pytest.mark.parametrize(
    ("build", "values"),
    [
        (_upper_build, {"email": "ada@example.edu"}),
        (_lower_build, {"email": "Ada@Example.edu"}),
        (_strip_build, {"email": "ada@example.edu"}),
        (_shifted_build, {"pk": 41}),
        (_sometimes_changed_build, {"email": "ada2@example.edu"}),
        (_inlined_build, {"pk": 3}),
    ],
)
def test_a_value_changed_on_its_way_is_never_learnt(build, values):
    for _ in range(2):
        sql, params = compiled_query(("test", build.__name__), build, values)
        fresh_sql, fresh_params = build(values)
        assert (sql, params) == (fresh_sql, tuple(fresh_params))
    assert learnt("test") == [query_shapes._UNLEARNABLE]


def test_only_str_and_int_values():
    with pytest.raises(TypeError, match="in the shape"):
        compiled_query("dates", lambda v: ("SELECT %s", [v["day"]]), {"day": TODAY})
    with pytest.raises(TypeError, match="in the shape"):
        compiled_query("flags", lambda v: ("SELECT %s", [v["on"]]), {"on": True})


def test_each_language_has_its_own_sql():
    def build(values):
        return CareerField.objects.filter(
            Q(name=values["name"]) | Q(pk=values["pk"])
        ).query.sql_with_params()

    values = {"name": "Derecho", "pk": 3}
    with translation.override("es"):
        spanish = compiled_query("fields", build, values)
    english = compiled_query("fields", build, values)
    assert '"name_es"' in spanish[0] and '"name_en"' in english[0]
    assert bound(*english) == bound(*build(values))


def test_each_process_keeps_a_bounded_number_of_shapes(monkeypatch):
    monkeypatch.setattr(query_shapes, "MAX_SHAPES", 3)

    def build(values):
        return User.objects.filter(pk=values["pk"]).query.sql_with_params()

    for n in range(5):
        compiled_query(("bounded", n), build, {"pk": n})
    assert [k[0] for k in query_shapes._shapes] == [("bounded", 2), ("bounded", 3), ("bounded", 4)]


def test_result_columns_are_read_once_per_sql_and_bounded(monkeypatch):
    monkeypatch.setattr(query_shapes, "MAX_SHAPES", 2)
    statements = [f"SELECT 1 AS one, {n} AS n{n}" for n in range(3)]
    read = []
    with connection.cursor() as cursor:
        for sql in [*statements, statements[2]]:
            cursor.execute(sql)
            read.append(query_shapes.result_columns(cursor, sql))
        # Kept: the same columns without the cursor's description.
        kept = query_shapes.result_columns(None, statements[2])

    assert read == [("one", "n0"), ("one", "n1"), ("one", "n2"), ("one", "n2")]
    assert kept == ("one", "n2")
    assert list(query_shapes._columns) == statements[1:]


def test_the_day_is_part_of_the_directory_shape():
    """Today's date and this month are constants of the learnt SQL: a new day is a new
    shape, so a paused mentor returns on their date."""
    from tests.factories import MentorProfileFactory

    tomorrow = TODAY + datetime.timedelta(days=1)
    back = MentorProfileFactory(status="paused", paused_until=tomorrow)
    for _ in range(2):
        assert selectors.mentor_directory(filters={}, today=TODAY).mentors == []
        assert [m.pk for m in selectors.mentor_directory(filters={}, today=tomorrow).mentors] == [
            back.pk
        ]
    assert len(learnt("mentors.directory")) == 2
