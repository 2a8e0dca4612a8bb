"""The student's notebook for one conversation, and the question bank it draws from.

A ``Notebook`` belongs to one interview and to its student alone: research notes, the
preparation ticks the student makes, my questions, notes from the conversation,
referrals and the thank-you letter. What is derived stays derived: "questions ready"
counts the questions, "confirmed" is the interview's ``confirmed_at``, "thank-you
sent" is the interview's ``thank_you_sent_at`` and ``thank_you_method``.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Deferrable, Q
from django.utils.translation import gettext_lazy as _

from interviews.models import Interview
from mentors.models import MentorProfile
from students.models import Contact

QUESTION_MAX_CHARS = 500
NOTE_MAX_CHARS = 2000
RESEARCH_MAX_CHARS = 3000
LETTER_MAX_CHARS = 5000


class Topic(models.TextChoices):
    """The eight topics of the question bank (and of insights)."""

    WORK = "work", _("What the work is like")
    MOTIVATION = "motivation", _("Motivation and interest")
    SKILLS = "skills", _("Essential skills and abilities")
    DEVELOPMENT = "development", _("Professional development")
    LIFESTYLE = "lifestyle", _("Lifestyle implications of the work")
    ENVIRONMENT = "environment", _("Work environment")
    INDUSTRY = "industry", _("Current issues in the industry")
    MORE_INFO = "more_info", _("Ways to get more information")


class BankQuestion(models.Model):
    """A starter question staff keep, in English and Spanish: ``text`` reads the active
    language's, or the English (notebook/translation.py). Retiring one stops offering it;
    a student who chose it keeps their copy (``MyQuestion.text``), in the language they
    chose it in."""

    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    text = models.TextField(_("question"), max_length=QUESTION_MAX_CHARS)
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first within the topic.")
    )
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("No longer offered. Students who already chose it keep it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    # Django's own manager. Named here because modeltranslation (notebook/translation.py)
    # swaps its class at run time for one mypy cannot see.
    objects: ClassVar[models.Manager["BankQuestion"]] = models.Manager()

    class Meta:
        ordering = ["topic", "position", "id"]
        verbose_name = _("bank question")
        verbose_name_plural = _("question bank")

    def __str__(self) -> str:
        return self.text


class Notebook(models.Model):
    """One conversation's notebook; created when the student first opens it (its
    research notes start from the request's "what I have already found out")."""

    interview = models.OneToOneField(
        Interview,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notebook",
        verbose_name=_("interview"),
    )
    research_field = models.TextField(
        _("the career field"), max_length=RESEARCH_MAX_CHARS, blank=True
    )
    research_organization = models.TextField(
        _("the organization"), max_length=RESEARCH_MAX_CHARS, blank=True
    )
    research_person = models.TextField(_("the person"), max_length=RESEARCH_MAX_CHARS, blank=True)
    # Checklist items only the student can tick ("questions ready" and "confirmed" are
    # derived, see the module docstring).
    research_done = models.BooleanField(_("research done"), default=False)
    resume_copies = models.BooleanField(_("résumé copies ready"), default=False)
    attire_ready = models.BooleanField(_("what to wear decided"), default=False)
    arrival_planned = models.BooleanField(
        _("arrive 15–20 minutes early, or link or number tested"), default=False
    )
    time_noted = models.BooleanField(_("ready to stay within the time asked for"), default=False)
    # The mentor sees the question list before the meeting only when the student shares it.
    questions_shared = models.BooleanField(_("questions shared with the mentor"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("notebook")
        verbose_name_plural = _("notebooks")
        # Students' notebooks are theirs; the Career staff group does not get this.
        permissions = [("read_notebook", _("Can read students' notebooks"))]

    def __str__(self) -> str:
        return str(self.interview)


class MyQuestion(models.Model):
    """A question the student means to ask, in their order; ``asked_at`` is ticked
    during or after the meeting."""

    notebook = models.ForeignKey(
        Notebook, on_delete=models.CASCADE, related_name="questions", verbose_name=_("notebook")
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_CHARS)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, blank=True)
    bank_question = models.ForeignKey(
        BankQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the question bank"),
    )
    position = models.PositiveIntegerField(_("position"))
    asked_at = models.DateTimeField(_("asked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("my question")
        verbose_name_plural = _("my questions")
        constraints = [
            # Deferred: swapping two positions is two updates in one transaction.
            models.UniqueConstraint(
                fields=["notebook", "position"],
                name="my_question_position_unique",
                deferrable=Deferrable.DEFERRED,
            ),
        ]

    def __str__(self) -> str:
        return self.text


class ConversationNote(models.Model):
    """A short entry written during or after the conversation."""

    class Kind(models.TextChoices):
        POINT = "point", _("Special point")
        TERM = "term", _("Term to look up")
        ADVICE = "advice", _("Advice")
        OTHER = "other", _("Other")

    notebook = models.ForeignKey(
        Notebook, on_delete=models.CASCADE, related_name="notes", verbose_name=_("notebook")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.POINT)
    text = models.TextField(_("note"), max_length=NOTE_MAX_CHARS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("conversation note")
        verbose_name_plural = _("conversation notes")

    def __str__(self) -> str:
        return self.text


class Referral(models.Model):
    """Someone the mentor suggested the student talk to. It becomes a contact on the
    student's networking list (``contact``); ``mentor`` is set when the referred person
    is a Career Mentor in the directory."""

    notebook = models.ForeignKey(
        Notebook, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("notebook")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    organization = models.CharField(_("organization"), max_length=150, blank=True)
    role = models.CharField(_("role or job title"), max_length=150, blank=True)
    how_to_reach = models.CharField(_("how to reach them"), max_length=300, blank=True)
    # How the mentor knows them: a request to them cites it next to the mentor's name.
    relation = models.CharField(_("how the mentor knows them"), max_length=200, blank=True)
    may_cite = models.BooleanField(_("I may say the mentor referred me"), default=False)
    contact = models.OneToOneField(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("contact on the networking list"),
    )
    mentor = models.ForeignKey(
        MentorProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Career Mentor"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(organization=""),
                name="referral_names_someone",
                violation_error_message=_("Give at least a name or an organization."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.organization


class ThankYouLetter(models.Model):
    """The student's thank-you letter, drafted from their notes. ``emailed_at`` is set
    when it was sent through the platform (then the mentor can read the text); whether
    and how it was sent at all is the interview's ``thank_you_sent_at`` and
    ``thank_you_method``."""

    notebook = models.OneToOneField(
        Notebook,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="thank_you",
        verbose_name=_("notebook"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("letter"), max_length=LETTER_MAX_CHARS)
    emailed_at = models.DateTimeField(_("emailed through the site"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("thank-you letter")
        verbose_name_plural = _("thank-you letters")

    def __str__(self) -> str:
        return self.subject


class ResumeFeedback(models.Model):
    """The mentor's written feedback on the résumé the student attached, after the
    conversation; the student sees it on the interview page and is emailed."""

    interview = models.OneToOneField(
        Interview,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="resume_feedback",
        verbose_name=_("interview"),
    )
    text = models.TextField(_("feedback on the résumé"), max_length=LETTER_MAX_CHARS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("résumé feedback")
        verbose_name_plural = _("résumé feedback")

    def __str__(self) -> str:
        return str(self.interview)


# Insights across conversations: their own module, loaded with the app's models.
from .insights_models import Claim as Claim  # noqa: E402
from .insights_models import FieldPerspectives as FieldPerspectives  # noqa: E402
from .insights_models import Perspective as Perspective  # noqa: E402
