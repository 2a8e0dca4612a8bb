"""Admin for the notebook: staff keep the question bank; notebooks are the students' own.

The Career staff group edits, adds, retires, reorders and translates bank questions
(home/staff.py gives it view, add and change, not delete: retiring is how a question
leaves, and a student who chose it keeps their copy). A notebook is read only by someone
with the ``notebook.read_notebook`` permission (or a superuser), which the group does not
have; nobody changes one here.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .models import (
    BankQuestion,
    ConversationNote,
    MyQuestion,
    Notebook,
    Referral,
    ResumeFeedback,
    ThankYouLetter,
)

READ_NOTEBOOK = "notebook.read_notebook"


@admin.register(BankQuestion)
class BankQuestionAdmin(TranslationAdmin):
    # The list shows each question in the admin's language (English where it has no
    # translation); the form has one field per language, English required. Plain fields,
    # not modeltranslation's tabs: those need jQuery UI from a CDN, which the CSP refuses.
    list_display = ("text", "topic", "position", "retired", "updated_at")
    list_display_links = ("text",)
    # Reorder by editing the positions in the list; retire by unticking there or in bulk.
    list_editable = ("position", "retired")
    list_filter = ("topic", "retired")
    # Both languages, whichever the staff member searches in.
    search_fields = ("text_en", "text_es")
    ordering = ("topic", "position", "id")
    fields = ("topic", "text", "position", "retired")
    actions = ("retire", "offer_again")

    @admin.action(description=_("Retire the selected questions (students keep their copies)"))
    def retire(self, request, queryset):
        count = queryset.filter(retired=False).update(retired=True)
        self.message_user(
            request,
            ngettext("Retired %(count)d question.", "Retired %(count)d questions.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Offer the selected questions again"))
    def offer_again(self, request, queryset):
        count = queryset.filter(retired=True).update(retired=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d question is offered again.",
                "%(count)d questions are offered again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class _ReadOnlyInline(admin.TabularInline):
    """Shown to whoever may read the notebook; never changed here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields or ())

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(READ_NOTEBOOK)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MyQuestionInline(_ReadOnlyInline):
    model = MyQuestion
    fields = ("position", "text", "topic", "asked_at")


class ConversationNoteInline(_ReadOnlyInline):
    model = ConversationNote
    fields = ("kind", "text", "created_at")


class ReferralInline(_ReadOnlyInline):
    model = Referral
    fields = ("name", "organization", "role", "how_to_reach", "may_cite", "mentor", "contact")


class ThankYouLetterInline(_ReadOnlyInline):
    model = ThankYouLetter
    fields = ("subject", "body", "emailed_at", "updated_at")


@admin.register(Notebook)
class NotebookAdmin(admin.ModelAdmin):
    """Read only, and only with ``notebook.read_notebook``: the view permission alone is
    not enough, so a group given every "view" permission still does not read notebooks."""

    list_display = ("interview", "question_count", "questions_shared", "updated_at")
    list_select_related = ("interview__student", "interview__mentor")
    search_fields = ("interview__student__email", "interview__mentor__display_name")
    fields = (
        "interview", "research_field", "research_organization", "research_person",
        "research_done", "resume_copies", "attire_ready", "arrival_planned", "time_noted",
        "questions_shared", "resume_feedback", "created_at", "updated_at",
    )  # fmt: skip
    readonly_fields = fields
    inlines = (MyQuestionInline, ConversationNoteInline, ReferralInline, ThankYouLetterInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(questions_total=Count("questions"))

    @admin.display(description=_("questions"), ordering="questions_total")
    def question_count(self, obj) -> int:
        return obj.questions_total

    @admin.display(description=_("résumé feedback from the mentor"))
    def resume_feedback(self, obj) -> str:
        feedback = ResumeFeedback.objects.filter(interview_id=obj.pk).first()
        return feedback.text if feedback else "—"

    def has_module_permission(self, request):
        return request.user.has_perm(READ_NOTEBOOK)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(READ_NOTEBOOK)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from . import insights_admin  # noqa: F401,E402  (the staff page of perspectives per field)
