"""The career staff group: what staff may see and do in admin, in one place.

Staff run the program from admin without being superusers: they approve volunteers, keep
the career fields, follow requests and interviews, resend emails, help people with their
accounts, keep the notebook's question bank, read the program reports and import alumni
lists. They never see students' networking lists or notebooks (those are the student's
alone; reading notebooks takes ``notebook.read_notebook``, which the group does not get)
and cannot make anyone a superuser (users/admin.py).
"""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from users.models import User

STAFF_GROUP = "Career staff"

STAFF_PERMISSIONS: dict[str, list[str]] = {
    "mentors": [
        "add_careerfield", "change_careerfield", "delete_careerfield", "view_careerfield",
        "view_mentorprofile", "change_mentorprofile",
        "view_pendingmentorprofile", "change_pendingmentorprofile", "view_mentormonthlyload",
    ],
    "students": ["view_studentprofile", "view_resume"],
    "interviews": [
        "view_interview", "change_interview", "view_feedback", "view_timeproposal",
        "view_rescheduleask",
    ],
    # The question bank (retiring a question, not deleting it, is how it leaves) and
    # counts of perspectives per career field; never a student's notebook or insights.
    "notebook": [
        "view_bankquestion", "add_bankquestion", "change_bankquestion",
        "view_fieldperspectives",
    ],
    "notifications": ["view_notification", "change_notification"],
    "users": ["view_user", "change_user"],
    "account": ["view_emailaddress", "change_emailaddress"],
    "reports": [
        "view_program_report", "add_alumniimport", "view_alumniimport", "view_alumniinvitation",
    ],
}  # fmt: skip


def staff_group_ensure(**_signal_kwargs) -> Group:
    """Create the group and give it every permission above that exists by now.

    Also a post_migrate receiver: each app's permissions appear as its own migrations
    finish, so by the end of `migrate` the group has them all. Permissions staff added
    to the group by hand stay.
    """
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    wanted = Q()
    for app_label, codenames in STAFF_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.filter(wanted))
    return group


@transaction.atomic
def staff_member_create(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """A Career staff member: in the group, with a confirmed address and no usable
    password (they choose one through a set-password link). Two-factor is set up at
    their first sign-in: StaffSecondFactorMiddleware lets staff nowhere else until then.

    Raises ``ApplicationError`` when the address has an account already."""
    email = User.objects.normalize_email(email).strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ApplicationError(
            _("“%(email)s” is not an email address.") % {"email": email}
        ) from error
    if User.objects.filter(email__iexact=email).exists() or (
        EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise ApplicationError(_("%(email)s has an account already.") % {"email": email})
    user = User(
        email=email, first_name=first_name, last_name=last_name, role=User.Role.STAFF, is_staff=True
    )
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(staff_group_ensure())
    return user


def staff_set_password_url(user: User) -> str:
    """An absolute link where ``user`` chooses a password (allauth's password reset,
    valid for PASSWORD_RESET_TIMEOUT, and once: setting a password spends it)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"
