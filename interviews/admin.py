from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.exports import CsvExportMixin

from .display import mentor_name, student_name
from .models import Feedback, Interview, RescheduleAsk, TimeProposal


class TimeProposalInline(admin.TabularInline):
    model = TimeProposal
    extra = 0
    fields = ("proposed_by", "starts_at", "ends_at", "withdrawn", "ask")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class RescheduleAskInline(admin.TabularInline):
    """The student's asks to move the time; a late one is flagged like a late cancellation."""

    model = RescheduleAsk
    extra = 0
    fields = ("created_at", "reason", "late", "status", "answer_note", "answered_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class FeedbackInline(admin.TabularInline):
    model = Feedback
    extra = 0
    fields = ("author", "rating", "comment", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("interview", "author", "rating", "created_at")
    list_filter = ("rating",)
    list_select_related = ("interview", "author", "interview__student", "interview__mentor")
    search_fields = ("comment", "author__email")
    readonly_fields = ("interview", "author", "rating", "comment", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Interview)
class InterviewAdmin(CsvExportMixin, admin.ModelAdmin):
    """Staff see everything; state changes go through the app so the emails follow."""

    # The CSV download: who, when and what became of it; not what the student wrote.
    csv_columns = (
        ("id", lambda i: i.pk),
        (_("student"), lambda i: student_name(i.student)),
        (_("student email"), lambda i: "" if i.student.is_erased else i.student.email),
        (_("mentor"), lambda i: mentor_name(i.mentor)),
        (_("status"), lambda i: i.get_status_display()),
        (_("requested"), lambda i: i.requested_at),
        (_("answered"), lambda i: i.responded_at),
        (_("length"), lambda i: i.duration_minutes),
        (_("format"), lambda i: i.get_format_display()),
        (_("starts"), lambda i: i.starts_at),
        (_("confirmed by the student"), lambda i: i.confirmed_at),
        (_("thank-you sent"), lambda i: i.thank_you_sent_at),
        (_("cancelled late"), lambda i: i.late_cancellation),
        (_("times moved"), lambda i: i.reschedule_count),
        (_("moved or asked to move late"), lambda i: i.late_reschedule),
        (_("no-show reported by"), lambda i: i.no_show_by),
        (_("closed"), lambda i: i.closed_at),
    )

    list_display = (
        "id", "student", "mentor", "status", "starts_at", "duration_minutes", "format",
        "confirmed_at", "thank_you_sent_at", "late_cancellation", "reschedule_count",
        "late_reschedule", "requested_at",
    )  # fmt: skip
    list_filter = (
        "status", "format", "late_cancellation", "late_reschedule", "duration_minutes",
    )  # fmt: skip
    list_select_related = ("student", "mentor")
    search_fields = (
        "student__email", "student__last_name", "mentor__display_name", "mentor__employer", "goal",
    )  # fmt: skip
    date_hierarchy = "requested_at"
    raw_id_fields = ("student", "mentor", "suggested_mentor", "cancelled_by")
    inlines = (TimeProposalInline, RescheduleAskInline, FeedbackInline)

    def get_readonly_fields(self, request, obj=None):
        # Everything: a change made here would skip the rules, the emails, the reminders
        # and the calendar invite. Staff act through the site, or cancel and ask again.
        return [field.name for field in Interview._meta.fields] + ["emails"]

    def has_add_permission(self, request):
        # Interviews begin as a student's request, so that every email and rule applies.
        return False

    @admin.display(description=_("emails"))
    def emails(self, obj: Interview) -> str:
        url = reverse("admin:notifications_notification_changelist")
        query = urlencode({"subject_key": obj.subject_key})
        return format_html('<a href="{}?{}">{}</a>', url, query, _("Emails about this interview"))
