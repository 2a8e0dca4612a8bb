"""Delete my account, in the browser, by a person with everything a person can have:
afterwards their name and addresses are nowhere in the database."""

import pytest
from playwright.sync_api import expect

from tests.db_text import database_mentions
from tests.factories import PASSWORD
from tests.home.test_account_delete import (
    EMAIL,
    FIRST,
    LAST,
    OTHER_EMAIL,
    _student_with_everything,
)

pytestmark = pytest.mark.browser


def test_deleting_an_account_with_everything_leaves_no_trace(page, audit, log_in, transactional_db):
    person, _scheduled = _student_with_everything()
    words = [FIRST, LAST, EMAIL, OTHER_EMAIL]
    assert {w for _table, _column, w in database_mentions(words)} == set(words)
    log_in(page, person.email, PASSWORD)

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete")
    audit(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_text("deleted", exact=False).first).to_be_visible()
    audit(page)
    assert database_mentions(words) == []
    person.refresh_from_db()
    assert not person.is_active
