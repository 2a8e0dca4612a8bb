from typing import ClassVar

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import CareerField, MentorMonthlyLoad, MentorProfile, PendingMentorProfile
from .services import mentor_search_text_refresh, mentors_approve, mentors_reject


@admin.register(CareerField)
class CareerFieldAdmin(admin.ModelAdmin):
    list_display = ("name", "cluster", "slug")
    list_filter = ("cluster",)
    search_fields = ("name", "cluster")
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # The directory searches a copy of field names; renaming must reach it.
            mentor_search_text_refresh(mentor_ids=obj.mentors.values_list("pk", flat=True))


class MeetingFormatFilter(admin.SimpleListFilter):
    title = _("meeting format")
    parameter_name = "format"

    def lookups(self, request, model_admin):
        return MentorProfile.Format.choices

    def queryset(self, request, queryset):
        if self.value() in MentorProfile.Format.values:
            return queryset.filter(meeting_formats__contains=[self.value()])
        return queryset


class MonthlyLoadInline(admin.TabularInline):
    model = MentorMonthlyLoad
    extra = 0
    fields = ("month", "count")
    ordering = ("-month",)


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    # Widened so the approval queue below can show fewer columns and filters.
    list_display: tuple[str, ...] = (
        "display_name",
        "job_title",
        "employer",
        "status",
        "paused_until",
        "monthly_cap",
        "created_at",
        "approved_at",
    )
    list_filter: ClassVar[tuple[str | type[admin.ListFilter], ...]] = (
        "status",
        MeetingFormatFilter,
        "industry",
        "reviews_resumes",
        "open_to_remote",
        "career_fields",
    )
    search_fields = ("display_name", "user__email", "employer", "job_title")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    filter_horizontal = ("career_fields",)
    readonly_fields = (
        "display_name",
        "fields_text",
        "consented_at",
        "approved_by",
        "approved_at",
        "created_at",
        "updated_at",
    )
    date_hierarchy: ClassVar[str | None] = "created_at"
    actions = ("approve_selected", "reject_selected")
    inlines = (MonthlyLoadInline,)
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("user", "display_name", "status", "paused_until")}),
        (
            _("Work and studies"),
            {
                "fields": (
                    "employer",
                    "job_title",
                    "industry",
                    "career_fields",
                    "fields_text",
                    "graduation_year",
                    "degree",
                    "major",
                )
            },
        ),
        (
            _("Profile"),
            {
                "fields": (
                    "city",
                    "region",
                    "country",
                    "open_to_remote",
                    "bio",
                    "topics",
                    "meeting_formats",
                    "preferred_contact",
                    "phone",
                    "monthly_cap",
                    "reviews_resumes",
                    "associations",
                    "website",
                )
            },
        ),
        (
            _("Approval"),
            {"fields": ("consented_at", "approved_by", "approved_at", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("approved_by")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        mentor_search_text_refresh(mentor_ids=[form.instance.pk])

    @admin.action(description=_("Approve selected volunteers (they are emailed)"))
    def approve_selected(self, request, queryset):
        count = mentors_approve(profile_ids=queryset.values_list("pk", flat=True), by=request.user)
        self.message_user(
            request,
            ngettext("%d volunteer approved.", "%d volunteers approved.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Decline selected volunteers (they are emailed)"))
    def reject_selected(self, request, queryset):
        count = mentors_reject(profile_ids=queryset.values_list("pk", flat=True), by=request.user)
        self.message_user(
            request,
            ngettext("%d volunteer declined.", "%d volunteers declined.", count) % count,
            messages.SUCCESS,
        )


@admin.register(PendingMentorProfile)
class PendingMentorProfileAdmin(MentorProfileAdmin):
    """The approval queue: only volunteers waiting for a decision, oldest first."""

    list_display = (
        "display_name",
        "job_title",
        "employer",
        "fields_text",
        "graduation_year",
        "created_at",
    )
    list_filter = ("industry", MeetingFormatFilter, "career_fields")
    date_hierarchy = None
    ordering = ("created_at", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=MentorProfile.Status.PENDING)

    def has_add_permission(self, request):
        return False
