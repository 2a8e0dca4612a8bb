"""core.cache_versions: entries kept beside the versions they were made at are read with
those versions in one round trip, and never returned once a version has moved."""

import pytest
from django.core.cache import cache
from django.db import transaction

from core.cache_versions import (
    cache_version,
    cache_version_raise_on_commit,
    versioned_get_many,
    versioned_set_many,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

A, B = "test:versions:a", "test:versions:b"


@pytest.fixture(autouse=True)
def _clean():
    keys = [A, B, "test:entry:1", "test:entry:2"]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


def test_an_entry_is_returned_while_its_versions_stand():
    versions, entries = versioned_get_many([A, B], ["test:entry:1", "test:entry:2"])
    assert versions == (1, 1) and entries == {}
    versioned_set_many(versions, {"test:entry:1": "one", "test:entry:2": "two"}, 60)
    assert versioned_get_many([A, B], ["test:entry:1", "test:entry:2"]) == (
        (1, 1),
        {"test:entry:1": "one", "test:entry:2": "two"},
    )


def test_raising_any_version_hides_the_entries_made_before_and_the_next_set_replaces_them():
    versions, _ = versioned_get_many([A, B], ["test:entry:1"])
    versioned_set_many(versions, {"test:entry:1": "old"}, 60)
    with transaction.atomic():
        cache_version_raise_on_commit(B)
        # Not before the change commits.
        assert versioned_get_many([A, B], ["test:entry:1"])[1] == {"test:entry:1": "old"}
    versions, entries = versioned_get_many([A, B], ["test:entry:1"])
    assert versions == (1, 2) and entries == {}
    versioned_set_many(versions, {"test:entry:1": "new"}, 60)
    assert versioned_get_many([A, B], ["test:entry:1"])[1] == {"test:entry:1": "new"}


def test_an_entry_made_from_data_read_before_a_change_is_never_served_after_it():
    """Read the versions, the data changes and commits, then the entry made from the old
    data is stored: readers after the change do not get it."""
    versions, _ = versioned_get_many([A], ["test:entry:1"])
    with transaction.atomic():
        cache_version_raise_on_commit(A)
    versioned_set_many(versions, {"test:entry:1": "made from the old data"}, 60)
    assert versioned_get_many([A], ["test:entry:1"]) == ((cache_version(A),), {})


def test_versions_and_entries_come_in_one_round_trip(monkeypatch):
    versions, _ = versioned_get_many([A, B], ["test:entry:1"])
    versioned_set_many(versions, {"test:entry:1": "one"}, 60)
    calls = []
    real_get_many, real_get = cache.get_many, cache.get

    def counting_get_many(keys, *args, **kwargs):
        calls.append(("get_many", tuple(keys)))
        return real_get_many(keys, *args, **kwargs)

    def counting_get(key, *args, **kwargs):
        calls.append(("get", key))
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting_get_many)
    monkeypatch.setattr(cache, "get", counting_get)
    assert versioned_get_many([A, B], ["test:entry:1"])[1] == {"test:entry:1": "one"}
    assert calls == [("get_many", (A, B, "test:entry:1"))]
