"""Insights across conversations (DESIGN.md step 10): the points a student heard, and who
said what about each.

A ``Claim`` is a point in the student's own words, in one career field; each
``Perspective`` records that one conversation agreed with it, disagreed or added nuance.
The same point heard again is the same claim (its ``normalized`` text within the field),
so repeated points group together and "3 of 4 people" can be counted. Both are the
student's alone, like the rest of the notebook.

Invariants the database holds: one claim per student, field and normalized text; one
perspective per claim and conversation; no empty claim.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interviews.models import Interview
from mentors.models import CareerField

from .models import Topic

CLAIM_MAX_CHARS = 200
# Closing punctuation and quotes that do not make a point a different one.
_TRAILING = ".!?;:,…\"'”’ "


def claim_normalize(text: str) -> str:
    """The form of a claim that decides whether two are the same point: letter case,
    spacing and closing punctuation do not count."""
    return " ".join(text.casefold().split()).rstrip(_TRAILING)


class Claim(models.Model):
    """A point the student heard ("a master's degree is needed to advance")."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("student"),
    )
    text = models.CharField(_("what you heard"), max_length=CLAIM_MAX_CHARS)
    normalized = models.CharField(_("normalized text"), max_length=CLAIM_MAX_CHARS, editable=False)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    # PROTECT: staff cannot delete a field that holds students' insights by accident.
    career_field = models.ForeignKey(
        CareerField,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("career field"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["text", "id"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "career_field", "normalized"],
                name="claim_once_per_student_field",
            ),
            models.CheckConstraint(condition=~Q(normalized=""), name="claim_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text


class Perspective(models.Model):
    """What one conversation said about a claim."""

    class Stance(models.TextChoices):
        AGREE = "agree", _("Agreed")
        DISAGREE = "disagree", _("Disagreed")
        NUANCE = "nuance", _("Added nuance")

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="perspectives", verbose_name=_("insight")
    )
    interview = models.ForeignKey(
        Interview,
        on_delete=models.CASCADE,
        related_name="perspectives",
        verbose_name=_("conversation"),
    )
    stance = models.CharField(_("this person"), max_length=8, choices=Stance.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("perspective")
        verbose_name_plural = _("perspectives")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "interview"], name="perspective_once_per_conversation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim}: {self.get_stance_display()}"


class FieldPerspectives(CareerField):
    """Admin's read-only page for staff: per career field, how many students have heard
    fewer than three perspectives (counts only, never a student's notes)."""

    class Meta:
        proxy = True
        verbose_name = _("perspectives by career field")
        verbose_name_plural = _("perspectives by career field")
