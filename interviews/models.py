"""Informational interviews: the request, the time, and everything around the meeting.

Invariants the database holds (not only the code):
- one open request per student and mentor (partial unique constraint);
- no mentor and no student has two overlapping scheduled interviews (exclusion
  constraint on a tstzrange, btree_gist);
- a length of 30 to 60 minutes; a scheduled interview has a time;
- one calendar feed per person, and no two feeds with the same token.
"""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentors.models import MentorProfile

MIN_MINUTES = 30
MAX_MINUTES = 60


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Interview(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted – choosing a time")
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not take place")

    OPEN_STATES = (Status.REQUESTED, Status.ACCEPTED, Status.SCHEDULED)
    # Closed without the conversation taking place.
    NOT_HELD_STATES = (Status.DECLINED, Status.WITHDRAWN, Status.EXPIRED, Status.CANCELLED)
    # A confirmation link works at most this long (and only until the meeting starts).
    CONFIRM_LINK_MAX_AGE = datetime.timedelta(days=60)

    class Duration(models.IntegerChoices):
        HALF_HOUR = 30, _("30 minutes")
        THREE_QUARTERS = 45, _("45 minutes")
        HOUR = 60, _("60 minutes")

    Format = MentorProfile.Format

    class ThankYouMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Letter")
        CARD = "card", _("Card")

    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="interviews_as_student",
        verbose_name=_("student"),
    )
    mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("mentor"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )

    # The request, as the student wrote it.
    goal = models.TextField(_("what I hope to learn"), max_length=2000)
    research = models.TextField(_("what I have already found out"), max_length=3000)
    referrer_name = models.CharField(_("who referred me"), max_length=150, blank=True)
    referrer_relation = models.CharField(_("how they know the mentor"), max_length=200, blank=True)
    not_a_job_request = models.BooleanField(
        _("I am asking for information and advice, not for a job"), default=False
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("length"), choices=Duration.choices, default=Duration.HALF_HOUR
    )
    formats = ArrayField(
        models.CharField(max_length=16, choices=MentorProfile.Format.choices),
        verbose_name=_("formats I can do"),
        default=list,
    )
    at_mentor_convenience = models.BooleanField(_("at the mentor's convenience"), default=False)
    resume_attached = models.BooleanField(_("résumé attached for feedback"), default=False)

    # The meeting, once fixed.
    format = models.CharField(
        _("format"), max_length=16, choices=MentorProfile.Format.choices, blank=True
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    meeting_details = models.TextField(
        _("meeting details"),
        max_length=1000,
        blank=True,
        help_text=_("The address, phone number or video link the format needs."),
    )
    sequence = models.PositiveIntegerField(
        _("calendar sequence"), default=0, help_text=_("Raised on every change to the invite.")
    )

    # Answers and exits.
    decline_reason = models.TextField(_("reason for declining"), max_length=2000, blank=True)
    suggested_mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested another mentor"),
    )
    cancel_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    late_cancellation = models.BooleanField(_("cancelled late"), default=False)
    # Moves of the agreed time (a mentor's, or a student's ask the mentor took), counted
    # against MAX_RESCHEDULES; a move or an ask close to the start is recorded like a
    # late cancellation.
    reschedule_count = models.PositiveSmallIntegerField(_("times moved"), default=0)
    late_reschedule = models.BooleanField(
        _("moved or asked to move late"),
        default=False,
        help_text=_("A move, or a student's ask to move, less than a day before the start."),
    )
    no_show_by = models.CharField(_("no-show reported by"), max_length=16, blank=True)

    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("time fixed"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed by the student"), null=True, blank=True)
    thank_you_sent_at = models.DateTimeField(_("thank-you sent"), null=True, blank=True)
    thank_you_method = models.CharField(
        _("thank-you sent by"), max_length=16, choices=ThankYouMethod.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    # Not a column: the proposals not withdrawn, by start, when a selector prefetches them
    # (Prefetch to_attr) or the detail page loads them. Declared only; absent otherwise.
    open_proposals: list["TimeProposal"]
    # Not a column either: the student's open ask to move the time, where a view loads it
    # (``selectors.interview_open_asks_load``).
    open_ask: "RescheduleAsk | None"

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        indexes = [
            models.Index(fields=["status", "starts_at"], name="interview_status_start"),
            models.Index(fields=["mentor", "status"], name="interview_mentor_status"),
            models.Index(fields=["student", "status"], name="interview_student_status"),
            # The staff reports read the requests of a period.
            models.Index(fields=["requested_at"], name="interview_requested_at"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "mentor"],
                condition=Q(status__in=["requested", "accepted", "scheduled"]),
                name="interview_one_open_per_pair",
                violation_error_message=_("You already have an open request with this mentor."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_MINUTES, duration_minutes__lte=MAX_MINUTES),
                name="interview_duration_30_to_60",
            ),
            models.CheckConstraint(
                condition=Q(not_a_job_request=True), name="interview_not_a_job_request"
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled")
                | Q(starts_at__isnull=False, ends_at__isnull=False),
                name="interview_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="interview_ends_after_start",
            ),
            ExclusionConstraint(
                name="interview_mentor_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("mentor", RangeOperators.EQUAL),
                ],
                condition=Q(status="scheduled"),
            ),
            ExclusionConstraint(
                name="interview_student_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("student", RangeOperators.EQUAL),
                ],
                condition=Q(status="scheduled"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} ↔ {self.mentor} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("interviews:detail", args=[self.pk])

    @property
    def subject_key(self) -> str:
        """How the outbox refers to this interview."""
        return f"interview:{self.pk}"

    @staticmethod
    def pk_from_subject_key(subject_key: str) -> int | None:
        """The interview id in a ``subject_key`` made by the property above; None for a key
        about anything else."""
        prefix, _sep, pk = subject_key.partition(":")
        return int(pk) if prefix == "interview" and pk.isdigit() else None

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        """Its start has come (now, unless ``now`` is given)."""
        return self.starts_at is not None and self.starts_at <= (now or timezone.now())

    def has_ended(self, now: datetime.datetime | None = None) -> bool:
        """Its end has come (now, unless ``now`` is given)."""
        return self.ends_at is not None and self.ends_at <= (now or timezone.now())

    def is_under_way(self, now: datetime.datetime | None = None) -> bool:
        """Scheduled, and between its start and its end (now, unless ``now`` is given)."""
        now = now or timezone.now()
        return (
            self.status == self.Status.SCHEDULED
            and self.ends_at is not None
            and self.has_started(now)
            and not self.has_ended(now)
        )

    @property
    def resume_shared(self) -> bool:
        """The student's résumé is available to the mentor: attached to the request, and
        the conversation has not ended without taking place (then the sharing ends)."""
        return self.resume_attached and self.status not in self.NOT_HELD_STATES

    def get_formats_display(self) -> list[str]:
        labels = dict(MentorProfile.Format.choices)
        return [str(labels.get(value, value)) for value in self.formats]


class RescheduleAsk(models.Model):
    """A student's ask to move a scheduled conversation: a reason and one to three windows
    (``TimeProposal`` rows with ``ask`` set). The time stays as agreed until the mentor
    picks one of the windows or keeps the time; a new ask replaces an open one."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the mentor")
        MOVED = "moved", _("Moved to a proposed time")
        KEPT = "kept", _("Mentor kept the agreed time")
        REPLACED = "replaced", _("Replaced by a newer ask")
        CLOSED = "closed", _("Closed (moved or cancelled otherwise)")

    interview = models.ForeignKey(
        Interview,
        on_delete=models.CASCADE,
        related_name="reschedule_asks",
        verbose_name=_("interview"),
    )
    reason = models.TextField(_("why the student asks to move"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    late = models.BooleanField(_("asked late"), default=False)
    answer_note = models.TextField(_("mentor's note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ask to move the time")
        verbose_name_plural = _("asks to move the time")
        constraints = [
            models.UniqueConstraint(
                fields=["interview"],
                condition=Q(status="open"),
                name="reschedule_ask_one_open",
            ),
        ]

    # Not a column: the ask's windows, set by ``selectors.interview_open_ask``.
    windows: list["TimeProposal"]

    def __str__(self) -> str:
        return f"{self.interview_id}: {self.get_status_display()}"


class TimeProposal(models.Model):
    """A window one side offers: the meeting starts at ``starts_at`` or later within it."""

    class By(models.TextChoices):
        STUDENT = "student", _("Student")
        MENTOR = "mentor", _("Mentor")

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("interview")
    )
    proposed_by = models.CharField(_("proposed by"), max_length=8, choices=By.choices)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    # Set for the windows of a student's ask to move a scheduled conversation; empty for
    # the times offered while the request was being answered.
    ask = models.ForeignKey(
        RescheduleAsk,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("ask to move"),
    )

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="proposal_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M} UTC"


class Feedback(models.Model):
    """Optional, after the conversation: how it went, from the student or the mentor."""

    class Rating(models.IntegerChoices):
        NOT_USEFUL = 1, _("Not useful")
        SOMEWHAT = 2, _("Somewhat useful")
        USEFUL = 3, _("Useful")
        VERY = 4, _("Very useful")

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("interview")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    rating = models.PositiveSmallIntegerField(_("how useful was it?"), choices=Rating.choices)
    comment = models.TextField(
        _("anything the career center should know?"), max_length=2000, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "author"], name="feedback_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interview_id}: {self.get_rating_display()}"


class CalendarFeed(models.Model):
    """A person's secret calendar subscription: the address carries a random token, and
    only its SHA-256 is stored, so the address cannot be read back from the database.
    Making a new address replaces the hash (the old address stops working at once);
    turning the feed off deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("token fingerprint"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("address made"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.created_at:%Y-%m-%d %H:%M} UTC"

    @staticmethod
    def fingerprint(token: str) -> str:
        """What is stored of a token, and how a presented token is looked up: the
        database compares fingerprints, so no comparison in Python depends on the secret."""
        return hashlib.sha256(token.encode()).hexdigest()
