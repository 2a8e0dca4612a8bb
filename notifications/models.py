"""The email outbox: every email is a row here before it is sent.

The outbox knows no domain. What an email concerns is a generic `subject_key`
such as ``interview:42``, so any app can void or rewrite the pending rows of
one object without the outbox importing it. Most rows are rendered when they are sent
(``render_on_send``), by the renderer an app registered for their kind
(``notifications.registry``); the text that went out is then stored on the row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        VOID = "void", _("Void")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    to_email = models.EmailField(_("to"))
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    subject_key = models.CharField(
        _("concerns"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("For example, interview:42"),
    )
    dedupe_key = models.CharField(
        _("unique key"),
        max_length=200,
        unique=True,
        help_text=_("The same key is never stored twice, so a reminder cannot be queued twice."),
    )
    # For a row rendered when sent, empty until it is sent, then what went out.
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("plain text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "content": ..., "mimetype": ...}] with text content (.ics).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    render_on_send = models.BooleanField(
        _("rendered when sent"),
        default=False,
        help_text=_(
            "Written when it is sent, from current data, in the recipient's current zone "
            "and language, to their current address. Otherwise its text was stored when "
            "it was queued."
        ),
    )
    # What the renderer needs that the database does not hold (a reason typed once, the
    # old time of a move); JSON of plain values.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    due_at = models.DateTimeField(_("due"), db_index=True)
    expires_at = models.DateTimeField(
        _("send by"),
        null=True,
        blank=True,
        help_text=_("Not sent after this moment (a reminder for a meeting that has begun)."),
    )
    category = models.CharField(
        _("optional category"),
        max_length=32,
        blank=True,
        help_text=_("Empty for essential emails; otherwise people may switch it off."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    sensitive = models.BooleanField(
        _("carries a secret"),
        default=False,
        help_text=_(
            "A sign-in link or code (password reset, address confirmation): never shown, "
            "never sent again, and its text is erased once it is sent or given up on."
        ),
    )
    # Handed to a worker at this moment; ``claimed_by`` names the sender once one has
    # started on the row (empty while the task still waits in the broker).
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=200, blank=True, default="")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="notification_due_pending",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="notification_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """Fixed per row, so a receiver can drop a copy a crashed worker sent twice."""
        return f"<outbox-{self.pk}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


class OptOut(models.Model):
    """A person switched off one category of optional emails (nudges, feedback requests)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_opt_outs",
        verbose_name=_("person"),
    )
    category = models.CharField(_("category"), max_length=32)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("email opt-out")
        verbose_name_plural = _("email opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="optout_once_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.category}"
