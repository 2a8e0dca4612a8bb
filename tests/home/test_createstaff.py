"""`manage.py createstaff EMAIL`: a Career staff member who sets a password through a link
and must set up two-factor before anything else."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from home.staff import STAFF_GROUP
from users.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-Brand-new-pass-2026"


def createstaff(*args) -> str:
    out = io.StringIO()
    call_command("createstaff", *args, stdout=out)
    return out.getvalue()


def test_the_new_staff_member_sets_a_password_then_must_set_up_two_factor(client):
    output = createstaff("Casey.Rivera@Example.edu", "--first-name", "Casey")

    user = User.objects.get(email="casey.rivera@example.edu")
    assert user.is_staff and not user.is_superuser
    assert user.role == User.Role.STAFF
    assert user.groups.get().name == STAFF_GROUP
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified

    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", output).group(0)
    form_page = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    client.post("/accounts/login/", {"login": user.email, "password": NEW_PASSWORD})
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"] == "/accounts/2fa/totp/activate/"


def test_an_address_with_an_account_is_refused(client):
    createstaff("casey@example.edu")
    with pytest.raises(CommandError, match="has an account already"):
        createstaff("CASEY@example.edu")
    with pytest.raises(CommandError, match="is not an email address"):
        createstaff("casey")
    assert User.objects.count() == 1
