"""Demo data for a first look: one account per role, career fields, and mentors; with
``--interviews``, a past at scale for the reports.

Running it again keeps what is there: drop the database to start over. Randomness
comes from a fixed seed, so every newcomer sees the same people.
"""

import random

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.staff import staff_group_ensure
from interviews.demo import seed_interviews
from mentors.demo import seed_mentors
from notebook.demo import seed_notebooks
from reports.demo import seed_history
from students.demo import seed_students
from users.models import User

DEMO_PASSWORD = "demo-pass-2026"
STAFF_EMAIL = "staff@example.edu"
STUDENT_EMAIL = "student@example.edu"
MENTOR_EMAIL = "mentor@example.com"
# A fixed TOTP secret for the demo staff account only, so `manage.py demo_totp` can
# print the current code. Real staff enrol their own authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def demo_user(email: str, *, first: str, last: str, role: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "role": role, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def enrol_demo_totp(user: User) -> list[str]:
    """Give the demo staff user TOTP and recovery codes; returns the unused recovery codes."""
    authenticators = Authenticator.objects.filter(user=user)
    if not authenticators.filter(type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    codes = authenticators.filter(type=Authenticator.Type.RECOVERY_CODES).first()
    recovery = RecoveryCodes(codes) if codes else RecoveryCodes.activate(user)
    return recovery.get_unused_codes()


class Command(BaseCommand):
    help = "Load demo accounts, career fields and mentors (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--mentors", type=int, default=50, help="how many demo mentors")
        parser.add_argument(
            "--interviews",
            type=int,
            default=0,
            help="past interviews to add for the reports (with a tenth as many students)",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="seed even with DEBUG off (the demo passwords are public: never on a real site)",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo accounts with public passwords while DEBUG is off."
            )
        rng = random.Random(options["seed"])
        staff = demo_user(
            STAFF_EMAIL, first="Casey", last="Rivera", role=User.Role.STAFF, is_staff=True
        )
        staff.groups.add(staff_group_ensure())
        recovery_codes = enrol_demo_totp(staff)
        student = demo_user(STUDENT_EMAIL, first="Sam", last="Lee", role=User.Role.STUDENT)
        mentor = demo_user(MENTOR_EMAIL, first="Morgan", last="Okafor", role=User.Role.MENTOR)
        summary = self.seed_apps(rng=rng, student=student, mentor=mentor, staff=staff, **options)

        self.stdout.write(self.style.SUCCESS(f"Demo data ready. {summary}".strip()))
        self.stdout.write(
            f"\nDemo logins (password for all three: {DEMO_PASSWORD})\n"
            f"  student  {STUDENT_EMAIL}\n"
            f"  mentor   {MENTOR_EMAIL}\n"
            f"  staff    {STAFF_EMAIL}\n"
            "           two-factor code: .venv/bin/python manage.py demo_totp\n"
            f"           or a one-time recovery code: {', '.join(recovery_codes[:3])}\n"
        )

    def seed_apps(self, *, rng, student, mentor, staff, **options) -> str:
        """Each app seeds its own demo rows; returns their summaries."""
        parts = [
            seed_mentors(rng=rng, count=options["mentors"], demo_mentor=mentor, approver=staff),
            seed_students(rng=rng, demo_student=student),
            seed_interviews(rng=rng, demo_student=student, demo_mentor=mentor),
            seed_notebooks(demo_student=student),
            seed_history(rng=rng, interviews=options["interviews"]),
        ]
        return " ".join(p for p in parts if p)
