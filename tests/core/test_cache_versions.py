"""core.cache_versions: entries kept beside the versions they were made at are returned
while those versions stand and never once one has moved; a signed-in request knows the
registered versions from its session's query, and an entry this process read before
costs no round trip to Redis."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.cache_versions import (
    UNCHANGED,
    cache_version,
    cache_version_raise_on_commit,
    copies,
    versioned_get_many,
    versioned_set_many,
)
from core.models import CacheVersion
from mentors.directory_cache import VERSION_KEY as DIRECTORY
from tests.factories import StudentProfileFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

A, B = "test:versions:a", "test:versions:b"
ENTRIES = ["test:entry:1", "test:entry:2"]


@pytest.fixture(autouse=True)
def _clean():
    cache.delete_many(ENTRIES)
    yield
    cache.delete_many(ENTRIES)


def another_process():
    """What another process (or this one, its copies dropped) reads: the shared cache."""
    copies.clear()


def test_an_entry_is_returned_while_its_versions_stand():
    versions, entries = versioned_get_many([A, B], ENTRIES)
    assert versions == (UNCHANGED, UNCHANGED) and entries == {}
    versioned_set_many(versions, {"test:entry:1": "one", "test:entry:2": "two"}, 60)
    expected = (versions, {"test:entry:1": "one", "test:entry:2": "two"})
    assert versioned_get_many([A, B], ENTRIES) == expected
    another_process()
    assert versioned_get_many([A, B], ENTRIES) == expected


def test_raising_any_version_hides_the_entries_made_before_and_the_next_set_replaces_them():
    versions, _ = versioned_get_many([A, B], ["test:entry:1"])
    versioned_set_many(versions, {"test:entry:1": "old"}, 60)
    with transaction.atomic():
        cache_version_raise_on_commit(B)
        # Not before the change commits.
        assert versioned_get_many([A, B], ["test:entry:1"])[1] == {"test:entry:1": "old"}
    versions, entries = versioned_get_many([A, B], ["test:entry:1"])
    assert versions[0] == UNCHANGED and versions[1] != UNCHANGED and entries == {}
    another_process()
    assert versioned_get_many([A, B], ["test:entry:1"])[1] == {}
    versioned_set_many(versions, {"test:entry:1": "new"}, 60)
    assert versioned_get_many([A, B], ["test:entry:1"])[1] == {"test:entry:1": "new"}


def test_an_entry_made_from_data_read_before_a_change_is_never_served_after_it():
    """Read the versions, the data changes and commits, then the entry made from the old
    data is stored: readers after the change do not get it, here or elsewhere."""
    versions, _ = versioned_get_many([A], ["test:entry:1"])
    with transaction.atomic():
        cache_version_raise_on_commit(A)
    versioned_set_many(versions, {"test:entry:1": "made from the old data"}, 60)
    assert versioned_get_many([A], ["test:entry:1"]) == ((cache_version(A),), {})
    another_process()
    assert versioned_get_many([A], ["test:entry:1"]) == ((cache_version(A),), {})


def test_a_rolled_back_change_moves_nothing_and_a_version_never_comes_back():
    with transaction.atomic():
        cache_version_raise_on_commit(A)
    first = cache_version(A)
    with pytest.raises(RuntimeError), transaction.atomic():
        cache_version_raise_on_commit(A)
        raise RuntimeError("the change fails")
    assert cache_version(A) == first
    seen = {UNCHANGED, first}
    for _ in range(20):
        with transaction.atomic():
            cache_version_raise_on_commit(A)
        assert cache_version(A) not in seen
        seen.add(cache_version(A))
    assert CacheVersion.objects.filter(key=A).count() == 1


def test_a_transaction_moves_each_key_once_in_one_statement():
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for _ in range(5):
            cache_version_raise_on_commit(A)
            cache_version_raise_on_commit(B)
    moves = [q for q in queries if "core_cacheversion" in q["sql"]]
    assert len(moves) == 1
    assert UNCHANGED not in (cache_version(A), cache_version(B))


def test_entries_read_before_cost_no_round_trip_and_others_one(monkeypatch):
    versions, _ = versioned_get_many([A, B], ENTRIES)
    versioned_set_many(versions, {"test:entry:1": "one"}, 60)
    another_process()
    calls = []
    real_get_many = cache.get_many

    def counting_get_many(keys, *args, **kwargs):
        calls.append(tuple(keys))
        return real_get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting_get_many)
    monkeypatch.setattr(cache, "get", lambda *a, **k: pytest.fail("a read of its own"))
    assert versioned_get_many([A, B], ENTRIES)[1] == {"test:entry:1": "one"}
    assert calls == [tuple(ENTRIES)]  # the versions are not in Redis
    calls.clear()
    versioned_set_many(versions, {"test:entry:2": "two"}, 60)
    assert versioned_get_many([A, B], ENTRIES)[1] == {"test:entry:1": "one", "test:entry:2": "two"}
    assert calls == []


def test_a_signed_in_request_reads_the_versions_with_its_session(client):
    """The directory's version and the student's own come with the session's one query;
    a change committed during the request is seen by the rest of it."""
    student = StudentProfileFactory().user
    client.force_login(student)
    with transaction.atomic():
        cache_version_raise_on_commit(DIRECTORY)
    expected = (cache_version(DIRECTORY), cache_version(f"notebook:next:{student.pk}:version"))

    from core import cache_versions

    seen = {}

    def view_reads(**_kwargs):
        if "versions" in seen:
            return
        with CaptureQueriesContext(connection) as queries:
            seen["versions"] = cache_versions.cache_versions(
                [DIRECTORY, f"notebook:next:{student.pk}:version"]
            )
        seen["queries"] = len(queries)

    from django.test.signals import template_rendered

    # Read while the page renders: after the session's query, with no other.
    template_rendered.connect(view_reads, dispatch_uid="test-view-reads")
    try:
        assert client.get("/guide/").status_code == 200
    finally:
        template_rendered.disconnect(dispatch_uid="test-view-reads")
    assert seen == {"versions": expected, "queries": 0}
    # Outside a request, the versions are read from the database.
    with CaptureQueriesContext(connection) as queries:
        assert cache_version(DIRECTORY) == expected[0]
    assert len(queries) == 1
