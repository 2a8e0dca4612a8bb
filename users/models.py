import zoneinfo
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Migration 0001 names users.models.time_zone_choices, so it stays importable from here.
from .time_zones import time_zone_choices, validate_time_zone  # noqa: F401


def erased_email(user_id: int) -> str:
    """The address a deleted account keeps: unique, and never a real mailbox."""
    return f"deleted-{user_id}@invalid.example"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", User.Role.STAFF)
        user = self._create_user(email, password, **extra_fields)
        # Whoever runs createsuperuser holds the server: the address they typed needs no
        # confirmation email, so the first sign-in goes straight to two-factor set-up.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user


class User(AbstractUser):
    """A person who signs in with an email address."""

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        MENTOR = "mentor", _("Career Mentor")
        STAFF = "staff", _("Career staff")

    # Sign-in is by email: the inherited username column is removed, as Django documents.
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.STUDENT)
    # No choices here: forms offer the canonical zones (and the person's current one);
    # any zone zoneinfo can load stays valid, so older names never fail a save.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )

    # Pages follow it once signed in, and every email to this person is written in it,
    # whoever's action sent it. Sign-up sets it to the language the browser asked for.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Pages and emails are in this language."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # The stubs expect the username-based UserManager; this one creates users by email.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_erased(self) -> bool:
        """The person deleted their account; the row stays, anonymised, for others' records."""
        return self.email == erased_email(self.pk)

    @property
    def is_student(self) -> bool:
        return self.role == self.Role.STUDENT

    @property
    def is_mentor(self) -> bool:
        return self.role == self.Role.MENTOR

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Session(AbstractBaseSession):
    """A browser's session (``SESSION_ENGINE = "users.sessions"``), with the user it
    signed in as a column: a signed-in request reads the session and the user in one
    query (``users.selectors.session_get_with_user``)."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore
