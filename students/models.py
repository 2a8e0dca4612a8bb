"""A student's profile and networking list (DESIGN.md, step 1)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentors.models import CareerField

from .storage import get_private_storage


def resume_upload_to(instance, filename: str) -> str:
    # The student's file name never reaches the disk: it may hold a path or markup.
    return f"resumes/{uuid.uuid4().hex}.pdf"


class StudentProfile(models.Model):
    class CareerStage(models.TextChoices):
        UNDECIDED = "undecided", _("Undecided")
        EXPLORING = "exploring", _("Exploring")
        FOCUSED = "focused", _("Focused")
        JOB_SEARCH = "job_search", _("Job search")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="student_profile",
        verbose_name=_("student"),
    )
    class_year = models.PositiveSmallIntegerField(_("class year"), null=True, blank=True)
    majors = models.CharField(_("majors"), max_length=200, blank=True)
    minors = models.CharField(_("minors"), max_length=200, blank=True)
    career_stage = models.CharField(
        _("career stage"), max_length=16, choices=CareerStage.choices, blank=True
    )
    fields_of_interest = models.ManyToManyField(
        CareerField,
        blank=True,
        related_name="interested_students",
        verbose_name=_("career fields of interest"),
    )
    goals = models.TextField(_("goals"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn profile"), blank=True)
    resume = models.FileField(
        _("résumé"),
        upload_to=resume_upload_to,
        storage=get_private_storage,
        blank=True,
        max_length=200,
    )
    # The name the student's computer gave the file, cleaned, shown back to them only.
    resume_name = models.CharField(_("résumé file name"), max_length=200, blank=True)
    resume_uploaded_at = models.DateTimeField(_("résumé uploaded"), null=True, blank=True)
    completed_at = models.DateTimeField(_("profile completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("student profile")
        verbose_name_plural = _("student profiles")
        permissions = [("view_resume", _("Can download students' résumés"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(class_year__isnull=True) | Q(class_year__range=(1900, 2200)),
                name="studentprofile_class_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("students:profile")

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


def set_null_keeping_referrer_name(collector, field, sub_objs, using) -> None:
    """``on_delete`` of ``Contact.referred_by``: like SET_NULL, but a referral whose
    referrer is deleted first keeps that person's name as text.

    The name is copied at once, before the collector's own UPDATE sets the link to NULL,
    so ``contact_referral_names_referrer`` holds at every statement (PostgreSQL checks a
    CHECK constraint per statement; it cannot be deferred), whichever way the referrer
    goes: deleted alone, with the whole list, or with the account in admin.
    """
    referrer_name = Subquery(
        Contact.objects.using(using).filter(pk=OuterRef("referred_by_id")).values("name")[:1]
    )
    sub_objs.filter(referred_by_name="").update(referred_by_name=referrer_name)
    collector.add_field_update(field, None, sub_objs)


# The collector may leave the related rows unfetched, as it does for SET_NULL.
set_null_keeping_referrer_name.lazy_sub_objs = True  # type: ignore[attr-defined]


class Contact(models.Model):
    """Someone on a student's networking list: known already, or referred to them."""

    class Relationship(models.TextChoices):
        FRIEND = "friend", _("Friend")
        ROOMMATE = "roommate", _("Roommate")
        CLASSMATE = "classmate", _("Classmate")
        FAMILY = "family", _("Family member")
        PROFESSOR = "professor", _("Professor")
        PAST_SUPERVISOR = "past_supervisor", _("Past supervisor")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        TO_CONTACT = "to_contact", _("To contact")
        CONTACTED = "contacted", _("Contacted")
        INTERVIEWED = "interviewed", _("Interviewed")

    class Origin(models.TextChoices):
        FIRST_DEGREE = "first_degree", _("Someone I know")
        REFERRAL = "referral", _("Referred to me")

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("student"),
    )
    name = models.CharField(_("name"), max_length=150)
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=Relationship.choices, default=Relationship.OTHER
    )
    organization = models.CharField(_("organization"), max_length=150, blank=True)
    role = models.CharField(_("role or job title"), max_length=150, blank=True)
    career_field = models.ForeignKey(
        CareerField,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("career field"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    connection = models.TextField(_("how they connect to your interests"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.TO_CONTACT
    )
    notes = models.TextField(_("notes"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.FIRST_DEGREE
    )
    referred_by_name = models.CharField(_("referred by"), max_length=150, blank=True)
    referred_by = models.ForeignKey(
        "self",
        on_delete=set_null_keeping_referrer_name,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referred by (contact)"),
    )
    # A referral may name a Career Mentor in the directory; a request to them then offers
    # the referrer's name as the citation, when the student may cite them.
    mentor = models.ForeignKey(
        "mentors.MentorProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Career Mentor"),
    )
    may_cite_referrer = models.BooleanField(_("I may say who referred me"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["student", "status"], name="contact_student_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(referred_by=F("id")), name="contact_not_referred_by_self"
            ),
            models.CheckConstraint(
                condition=Q(origin="first_degree")
                | ~Q(referred_by_name="")
                | Q(referred_by__isnull=False),
                name="contact_referral_names_referrer",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("students:contact_edit", args=[self.pk])

    @property
    def is_referral(self) -> bool:
        return self.origin == self.Origin.REFERRAL

    @property
    def referrer_display(self) -> str:
        # No query when referred_by_id is empty: the descriptor returns None without one.
        return self.referred_by.name if self.referred_by is not None else self.referred_by_name


class ResumeSnapshot(models.Model):
    """The résumé a student shared with something (a request: ``interview:42``), as it was
    when they shared it.

    It names the stored file rather than copying it: a résumé file never changes once
    written (a new upload gets a new name), and a file is deleted only when neither a
    profile nor a snapshot names it (``students.services``).
    """

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resume_snapshots",
        verbose_name=_("student"),
    )
    subject_key = models.CharField(_("shared with"), max_length=64, unique=True)
    file = models.FileField(
        _("résumé"), upload_to=resume_upload_to, storage=get_private_storage, max_length=200
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("shared résumé")
        verbose_name_plural = _("shared résumés")

    def __str__(self) -> str:
        return self.subject_key
