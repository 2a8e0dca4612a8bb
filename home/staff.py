"""The career staff group: what staff may see and do in admin, in one place.

Staff run the program from admin without being superusers: they approve volunteers, keep
the career fields, follow requests and interviews, resend emails, help people with their
accounts, read the program reports and import alumni lists. They never see students'
networking lists (those are the student's alone) and cannot make anyone a superuser
(users/admin.py).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

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
