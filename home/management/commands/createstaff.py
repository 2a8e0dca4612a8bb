"""``manage.py createstaff EMAIL``: a Career staff member, and the link to set a password."""

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from home.staff import STAFF_GROUP, staff_member_create, staff_set_password_url


class Command(BaseCommand):
    help = (
        "Create a Career staff member (no password yet, address confirmed) and print the link "
        "where they choose a password; they set up two-factor at their first sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        try:
            user = staff_member_create(
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(f"{user.email} is in the {STAFF_GROUP} group.")
            + "\nSend them this link to choose a password (it works once, for a few days):\n"
            + f"  {staff_set_password_url(user)}\n"
            + "At their first sign-in they set up two-factor authentication before anything else.\n"
        )
