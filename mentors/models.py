import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Q, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.localized import Localized

MIN_GRADUATION_YEAR = 1940
MAX_GRADUATION_YEAR = 2100
MIN_MONTHLY_CAP = 1
MAX_MONTHLY_CAP = 10

phone_validator = RegexValidator(
    regex=r"^\+?[0-9][0-9 ().-]{5,28}[0-9]$",
    message=_("Enter a phone number of digits, spaces and + ( ) - . only, e.g. +1 617 555 0100."),
)


class CareerField(models.Model):
    """A career field students explore and mentors work in, grouped by industry cluster.

    Name, cluster and description are kept in English and Spanish: reading ``name``
    gives the active language's, or the English (mentors/translation.py). The slug is
    the same in every language.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    cluster = models.CharField(_("industry cluster"), max_length=120, db_index=True)
    description = models.TextField(_("description"), blank=True)

    # Django's own manager. Named here because modeltranslation (mentors/translation.py)
    # swaps its class at run time for one mypy cannot see.
    objects: ClassVar[models.Manager["CareerField"]] = models.Manager()

    if TYPE_CHECKING:
        # The columns modeltranslation adds at run time, one per language.
        name_en: str | None
        name_es: str | None
        cluster_en: str | None
        cluster_es: str | None
        description_en: str | None
        description_es: str | None

    class Meta:
        # By the names the reader sees, in the reader's language when the query runs:
        # modeltranslation would order by the Spanish columns alone, putting a field
        # with no Spanish yet after all the others, whatever its English name.
        ordering = [Localized("cluster"), Localized("name")]
        verbose_name = _("career field")
        verbose_name_plural = _("career fields")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentors:directory") + f"?field={self.slug}"


class MentorProfileQuerySet(models.QuerySet):
    """Whether a mentor is listed, the one rule: the directory, the profile page, the
    request form, the services and the recommendations all ask it here."""

    @staticmethod
    def listed_q(*, today: datetime.date | None = None) -> Q:
        """Approved mentors, and paused ones whose return date has come (the nightly task
        may not have run yet); never pending, rejected or retired ones, nor disabled users,
        nor anyone whose email address is unconfirmed (approval requires it; this covers
        mentors approved before it did)."""
        from users.selectors import user_email_verified_exists

        return (
            Q(user__is_active=True)
            & MentorProfileQuerySet.listed_status_q(today=today)
            & Q(user_email_verified_exists(user_ref="user_id", email_ref="user__email"))
        )

    @staticmethod
    def listed_status_q(*, today: datetime.date | None = None) -> Q:
        """The profile's own part of ``listed_q`` (no join): approved, or paused with the
        return date come. Necessary, not sufficient: for narrowing a search before the
        rest of ``listed_q`` is checked."""
        today = today or timezone.localdate()
        return Q(status=MentorProfile.Status.APPROVED) | Q(
            status=MentorProfile.Status.PAUSED, paused_until__lte=today
        )

    def listed(self, *, today: datetime.date | None = None) -> "MentorProfileQuerySet":
        return self.filter(self.listed_q(today=today))

    def with_is_listed(self, *, today: datetime.date | None = None) -> "MentorProfileQuerySet":
        """Every mentor, each with ``is_listed`` (for pages staff and the mentor see too)."""
        # CASE, not the bare condition: SQL's NULL (no return date) must read as False.
        return self.annotate(
            is_listed=Case(When(self.listed_q(today=today), then=True), default=False)
        )


class MentorProfile(models.Model):
    """A volunteer who talks with students. Listed in the directory once staff approve.

    ``display_name`` and ``fields_text`` copy the user's name and the career field names
    (English and Spanish, "Law (Derecho)", so a search in either language finds them) so
    that the generated ``search_vector`` and the trigram index (one table, no joins)
    can cover them; ``mentors.services`` keeps them current.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        PAUSED = "paused", _("Paused")
        RETIRED = "retired", _("Retired")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")

    class Contact(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        LETTER = "letter", _("Letter")

    class Industry(models.TextChoices):
        ARTS_MEDIA = "arts_media", _("Arts, media and communications")
        BUSINESS_FINANCE = "business_finance", _("Business and finance")
        EDUCATION = "education", _("Education")
        ENGINEERING_TECHNOLOGY = "engineering_technology", _("Engineering and technology")
        GOVERNMENT_LAW = "government_law", _("Government, law and policy")
        HEALTH = "health", _("Health and life sciences")
        NONPROFIT = "nonprofit", _("Nonprofit and social impact")
        SCIENCE = "science", _("Science and research")
        HOSPITALITY_SPORTS = "hospitality_sports", _("Hospitality, sports and recreation")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    paused_until = models.DateField(
        _("paused until"),
        null=True,
        blank=True,
        help_text=_("Listed again from this date on."),
    )

    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_GRADUATION_YEAR),
            MaxValueValidator(MAX_GRADUATION_YEAR),
        ],
    )
    degree = models.CharField(_("degree"), max_length=80, blank=True)
    major = models.CharField(_("major"), max_length=120, blank=True)
    employer = models.CharField(_("employer"), max_length=160)
    job_title = models.CharField(_("job title"), max_length=160)
    industry = models.CharField(
        _("industry"), max_length=32, choices=Industry.choices, default=Industry.OTHER
    )
    career_fields = models.ManyToManyField(
        CareerField, related_name="mentors", verbose_name=_("career fields")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("state or region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=120, blank=True, default="United States")
    open_to_remote = models.BooleanField(_("open to remote conversations"), default=True)
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    topics = models.TextField(_("topics I like to discuss"), max_length=1000, blank=True)
    meeting_formats = ArrayField(
        models.CharField(max_length=16, choices=Format.choices),
        verbose_name=_("meeting formats"),
        default=list,
        blank=True,
    )
    preferred_contact = models.CharField(
        _("preferred first contact"), max_length=16, choices=Contact.choices, default=Contact.EMAIL
    )
    phone = models.CharField(
        _("phone (private)"), max_length=32, blank=True, validators=[phone_validator]
    )
    monthly_cap = models.PositiveSmallIntegerField(
        _("conversations per month, at most"),
        default=2,
        validators=[MinValueValidator(MIN_MONTHLY_CAP), MaxValueValidator(MAX_MONTHLY_CAP)],
    )
    reviews_resumes = models.BooleanField(_("willing to review résumés"), default=False)
    associations = models.TextField(_("professional associations"), max_length=1000, blank=True)
    website = models.URLField(_("LinkedIn or website"), max_length=300, blank=True)

    consented_at = models.DateTimeField(_("consented to be listed at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("volunteered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    display_name = models.CharField(_("name"), max_length=301, blank=True, editable=False)
    fields_text = models.TextField(_("career field names"), blank=True, editable=False)
    # Weighted: the name, title and employer (A) count above fields and topics (B),
    # which count above the bio and the rest (C).
    search_vector = models.GeneratedField(
        expression=SearchVector(
            "display_name", "job_title", "employer", weight="A", config="english"
        )
        + SearchVector("fields_text", "topics", weight="B", config="english")
        + SearchVector("bio", "major", "associations", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("Career Mentor")
        verbose_name_plural = _("Career Mentors")
        ordering = ["display_name", "id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="mentor_search_vector_gin"),
            GinIndex(
                OpClass(Lower("display_name"), name="gin_trgm_ops"),
                OpClass(Lower("employer"), name="gin_trgm_ops"),
                name="mentor_name_employer_trgm",
            ),
            GinIndex(fields=["meeting_formats"], name="mentor_formats_gin"),
            # The directory's default order, walked in order and stopped after one page.
            models.Index(
                fields=["display_name", "id"],
                condition=Q(status__in=["approved", "paused"]),
                name="mentor_listed_name_idx",
            ),
            # The mentors with a name or employer of MentorSearchName (a near spelling),
            # read from the index alone, as a search ranks them (name, then id).
            models.Index(Lower("display_name"), "display_name", "id", name="mentor_name_lower_idx"),
            # (The employer itself too: PostgreSQL reads an expression's column from the
            # index only when the index holds that column.)
            models.Index(
                Lower("employer"),
                "display_name",
                "id",
                "employer",
                name="mentor_employer_lower_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_cap__gte=MIN_MONTHLY_CAP, monthly_cap__lte=MAX_MONTHLY_CAP),
                name="mentor_monthly_cap_range",
            ),
            models.CheckConstraint(
                condition=Q(graduation_year__isnull=True)
                | Q(
                    graduation_year__gte=MIN_GRADUATION_YEAR,
                    graduation_year__lte=MAX_GRADUATION_YEAR,
                ),
                name="mentor_graduation_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or str(self.user_id)

    def get_absolute_url(self) -> str:
        return reverse("mentors:detail", args=[self.pk])

    def get_meeting_formats_display(self) -> list[str]:
        labels = dict(self.Format.choices)
        return [str(labels.get(value, value)) for value in self.meeting_formats]

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.city, self.region, self.country) if part)


class PendingMentorProfile(MentorProfile):
    """The staff approval queue in admin: volunteers waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = _("volunteer awaiting approval")
        verbose_name_plural = _("volunteers awaiting approval")


class MentorMonthlyLoad(models.Model):
    """How many conversations a mentor has taken on in one calendar month.

    The scheduling app writes it through ``services.mentor_load_add`` so this app never
    needs to know about interviews; the monthly cap is checked against it.
    """

    mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.CASCADE,
        related_name="monthly_loads",
        verbose_name=_("mentor"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveSmallIntegerField(_("conversations"), default=0)

    class Meta:
        verbose_name = _("monthly load")
        verbose_name_plural = _("monthly loads")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "month"], name="mentor_load_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="mentor_load_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} {self.month:%Y-%m}: {self.count}"


class MentorSearchTerm(models.Model):
    """Each word (lexeme) of each mentor's ``search_vector``, with the mentor's rank for a
    search of that one word: an index for ranking, so that a one-word search reads the
    best matches in order and stops after a page instead of ranking every match.

    Written only by a database trigger on ``MentorProfile`` (migration 0008), for every
    insert, update and delete, COPY included: the rank is ``ts_rank`` of the vector for
    that one lexeme, exactly what the search computes, and ``display_name`` is copied for
    the same tie-break.
    """

    pk = models.CompositePrimaryKey("mentor", "lexeme")
    # No database constraint and no cascade from Django: the trigger deletes a mentor's
    # terms with the mentor.
    mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the primary key starts with it
        related_name="+",
        verbose_name=_("mentor"),
    )
    lexeme = models.TextField(_("word"))
    rank = models.FloatField(_("rank"))
    display_name = models.CharField(_("name"), max_length=301)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            # A one-word search's matches in its own order (rank, name, id).
            models.Index(
                fields=["lexeme", "-rank", "display_name", "mentor"], name="mentor_term_rank_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} {self.lexeme}"


class MentorSearchName(models.Model):
    """Each different name and employer of the mentors, lowercased: what a search looks
    for near spellings in (``mentors.selectors``). A thousand mentors may share a
    surname; its similarity to the word searched is worked out once, here, and the
    mentors who have it are then read from an index alone, their rows left unread.

    Written only by a database trigger on ``MentorProfile`` (migration 0009), for every
    insert (COPY included), update and delete: a name or employer no mentor has any longer
    is deleted with the last one who had it, so an erased person's name does not stay.
    """

    name = models.TextField(_("name"), primary_key=True)

    class Meta:
        verbose_name = _("name searched")
        verbose_name_plural = _("names searched")
        indexes = [
            # Written to at once, not through a pending list (GIN's fastupdate): a list
            # of the names added since the last vacuum is read by every search, and took
            # milliseconds once it held a few thousand.
            GinIndex(
                OpClass("name", name="gin_trgm_ops"),
                name="mentor_search_name_trgm",
                fastupdate=False,
            ),
        ]

    def __str__(self) -> str:
        return self.name
