from typing import ClassVar

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core.exports import CsvExportMixin
from users.selectors import user_email_verified_exists

from .models import CareerField, MentorMonthlyLoad, MentorProfile, PendingMentorProfile
from .services import (
    APPROVABLE,
    MentorStateError,
    mentor_approve,
    mentor_reject,
    mentor_search_text_refresh,
    mentors_approve,
    mentors_reject,
)


class ClusterFilter(admin.SimpleListFilter):
    """The industry clusters by their names in the admin's language, chosen by the English
    one: every field has it, where a cluster staff added may have no Spanish yet."""

    title = _("industry cluster")
    parameter_name = "cluster"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        shown: dict[str, str] = {}
        for english, name in CareerField.objects.values_list("cluster_en", "cluster"):
            if english:
                shown.setdefault(english, name)
        return list(shown.items())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(cluster_en=self.value())
        return queryset


@admin.register(CareerField)
class CareerFieldAdmin(TranslationAdmin):
    # The list shows each field in the admin's language (English where it has no
    # translation); the form has one box per language, English required. Plain fields,
    # not modeltranslation's tabs: those need jQuery UI from a CDN, which the CSP refuses.
    list_display = ("name", "cluster", "slug")
    list_filter = (ClusterFilter,)
    # Both languages, whichever the staff member searches in.
    search_fields = ("name_en", "name_es", "cluster_en", "cluster_es")
    # The address of the directory filtered by the field: from the English name, the
    # same whatever the language of the staff member who adds it.
    prepopulated_fields = {"slug": ("name_en",)}

    def save_model(self, request, obj, form, change):
        if "cluster_en" in form.changed_data and "cluster_es" not in form.changed_data:
            # A field added to, or moved into, a cluster takes the Spanish name the cluster
            # has already, so Spanish readers see it in the cluster and not on its own.
            obj.cluster_es = (
                CareerField.objects.filter(cluster_en=obj.cluster_en, cluster_es__gt="")
                .exclude(pk=obj.pk)
                .values_list("cluster_es", flat=True)
                .first()
            )
        super().save_model(request, obj, form, change)
        if change and {"name_en", "name_es"} & set(form.changed_data):
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


class CareerFieldsFilter(admin.RelatedFieldListFilter):
    """Career fields, with the choice "none" in words: Django's default is a bare "-",
    a link that says nothing to a screen reader or at a glance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("No career field")


class MonthlyLoadInline(admin.TabularInline):
    model = MentorMonthlyLoad
    extra = 0
    fields = ("month", "count")
    ordering = ("-month",)


@admin.register(MentorProfile)
class MentorProfileAdmin(CsvExportMixin, admin.ModelAdmin):
    # The CSV download: what staff see here, less the phone number.
    csv_columns = (
        ("id", lambda p: p.pk),
        (_("name"), lambda p: p.display_name),
        (_("email"), lambda p: p.user.email),
        (_("email confirmed"), lambda p: getattr(p, "email_verified", None)),
        (_("status"), lambda p: p.get_status_display()),
        (_("paused until"), lambda p: p.paused_until),
        (_("employer"), lambda p: p.employer),
        (_("job title"), lambda p: p.job_title),
        (_("industry"), lambda p: p.get_industry_display()),
        (_("career fields"), lambda p: p.fields_text),
        (_("graduation year"), lambda p: p.graduation_year),
        (_("degree"), lambda p: p.degree),
        (_("major"), lambda p: p.major),
        (_("city"), lambda p: p.city),
        (_("state or region"), lambda p: p.region),
        (_("country"), lambda p: p.country),
        (_("meeting formats"), lambda p: p.get_meeting_formats_display()),
        (_("conversations per month, at most"), lambda p: p.monthly_cap),
        (_("reviews résumés"), lambda p: p.reviews_resumes),
        (_("volunteered at"), lambda p: p.created_at),
        (_("approved at"), lambda p: p.approved_at),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # An ArrayField is edited as comma-separated text by default; staff tick the
        # formats instead, so a typo cannot store a format that does not exist.
        if db_field.name == "meeting_formats":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=MentorProfile.Format.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Widened so the approval queue below can show fewer columns and filters.
    list_display: tuple[str, ...] = (
        "display_name",
        "job_title",
        "employer",
        "status",
        "email_confirmed",
        "paused_until",
        "monthly_cap",
        "created_at",
        "approved_at",
    )
    list_filter: ClassVar[tuple[str | type[admin.ListFilter] | tuple[str, type], ...]] = (
        "status",
        MeetingFormatFilter,
        "industry",
        "reviews_resumes",
        "open_to_remote",
        ("career_fields", CareerFieldsFilter),
    )
    search_fields = ("display_name", "user__email", "employer", "job_title")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    filter_horizontal = ("career_fields",)
    # Status changes only through the services (the buttons below, the bulk actions, the
    # mentor's own pause and retire), which record who approved and email the volunteer.
    readonly_fields = (
        "status",
        "email_confirmed",
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
    change_form_template = "mentors/admin/change_form.html"
    fieldsets = (
        (None, {"fields": ("user", "email_confirmed", "display_name", "status", "paused_until")}),
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
        return (
            super()
            .get_queryset(request)
            .select_related("approved_by")
            .annotate(
                email_verified=user_email_verified_exists(
                    user_ref="user_id", email_ref="user__email"
                )
            )
        )

    @admin.display(description=_("email confirmed"), boolean=True, ordering="email_verified")
    def email_confirmed(self, obj) -> bool | None:
        return getattr(obj, "email_verified", None)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        mentor_search_text_refresh(mentor_ids=[form.instance.pk])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_approve"] = obj is not None and obj.status in APPROVABLE
        context["can_decline"] = obj is not None and obj.status == MentorProfile.Status.PENDING
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        """The change form's Approve and Decline buttons: save the edits, then decide
        through the same services as the bulk actions."""
        if "_approve" in request.POST:
            try:
                profile = mentor_approve(profile=obj, by=request.user)
            except MentorStateError as error:
                self.message_user(request, _("Saved, but not approved: %s") % error, messages.ERROR)
                return HttpResponseRedirect(request.path)
            self._decision_message(request, profile, MentorProfile.Status.APPROVED)
            return self.response_post_save_change(request, profile)
        if "_reject" in request.POST:
            profile = mentor_reject(profile=obj, by=request.user)
            self._decision_message(request, profile, MentorProfile.Status.REJECTED)
            return self.response_post_save_change(request, profile)
        return super().response_change(request, obj)

    def _decision_message(self, request, profile: MentorProfile, wanted: str) -> None:
        if profile.status != wanted:
            self.message_user(
                request,
                _("Saved; %(name)s was not waiting for a decision, so nothing else changed.")
                % {"name": profile},
                messages.WARNING,
            )
        elif wanted == MentorProfile.Status.APPROVED:
            self.message_user(
                request,
                _("%(name)s is approved and listed; they have been emailed.") % {"name": profile},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("%(name)s is declined; they have been emailed.") % {"name": profile},
                messages.SUCCESS,
            )

    @admin.action(description=_("Approve selected volunteers (they are emailed)"))
    def approve_selected(self, request, queryset):
        outcome = mentors_approve(
            profile_ids=queryset.values_list("pk", flat=True), by=request.user
        )
        count = len(outcome.changed)
        if count or not outcome.refused:
            self.message_user(
                request,
                ngettext("%d volunteer approved.", "%d volunteers approved.", count) % count,
                messages.SUCCESS,
            )
        for _profile, reason in outcome.refused:
            self.message_user(request, _("Not approved: %s") % reason, messages.ERROR)

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
        "email_confirmed",
        "job_title",
        "employer",
        "fields_text",
        "graduation_year",
        "created_at",
    )
    list_filter = ("industry", MeetingFormatFilter, ("career_fields", CareerFieldsFilter))
    date_hierarchy = None
    ordering = ("created_at", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=MentorProfile.Status.PENDING)

    def has_add_permission(self, request):
        return False
