"""Alumni imports and the invitations they send. The reports themselves store nothing:
they are read-only selectors over the other apps (``reports.selectors``).

Invariants the database holds:
- one invitation per email address, whatever its case (a unique index on ``lower(email)``),
  so importing the same list again can never create a second one;
- an invitation's token is stored only as its SHA-256 digest, unique.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class AlumniImport(models.Model):
    """One uploaded alumni list: its rows as read (with each row's problems), then the
    progress of the import that invites the good ones."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    encoding = models.CharField(_("read as"), max_length=16)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW
    )
    # Every row as read: {"line", the columns, "problems": [...], "state"}; see
    # reports.alumni.parse for the states.
    rows = models.JSONField(_("rows"), default=list)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    to_invite = models.PositiveIntegerField(_("to invite"), default=0)
    problem_rows = models.PositiveIntegerField(_("rows with problems"), default=0)
    known_rows = models.PositiveIntegerField(_("already known"), default=0)
    # Progress of the import, committed chunk by chunk.
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    invited = models.PositiveIntegerField(_("invited"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("alumni import")
        verbose_name_plural = _("alumni imports")
        permissions = [("view_program_report", _("Can view the program reports"))]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent_done(self) -> int:
        if not self.to_invite:
            return 100 if self.is_finished else 0
        return min(100, round(100 * self.processed_rows / self.to_invite))


class AlumniInvitation(models.Model):
    """An alum invited to volunteer as a Career Mentor. The link only prefills the
    volunteer form: the person still consents there, confirms their address, and waits
    for staff approval like every volunteer."""

    email = models.EmailField(_("email"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    employer = models.CharField(_("employer"), max_length=160, blank=True)
    job_title = models.CharField(_("job title"), max_length=160, blank=True)
    token_hash = models.CharField(_("token digest"), max_length=64, unique=True, editable=False)
    source = models.ForeignKey(
        AlumniImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("last imported by"),
    )
    sent_at = models.DateTimeField(_("invited on"))
    times_sent = models.PositiveSmallIntegerField(_("times invited"), default=1)
    accepted_at = models.DateTimeField(_("volunteered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("alumni invitation")
        verbose_name_plural = _("alumni invitations")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="alumni_invitation_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def subject_key(self) -> str:
        """How the outbox refers to this invitation."""
        return f"alumni-invitation:{self.pk}"
