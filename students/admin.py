from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.exports import CsvExportMixin

from .models import Contact, StudentProfile


@admin.register(StudentProfile)
class StudentProfileAdmin(CsvExportMixin, admin.ModelAdmin):
    # The CSV download: the profile, whether a résumé is on file (never its contents),
    # and nothing of the networking list.
    csv_columns = (
        ("id", lambda p: p.pk),
        (_("name"), lambda p: p.user.get_full_name()),
        (_("email"), lambda p: p.user.email),
        (_("class year"), lambda p: p.class_year),
        (_("majors"), lambda p: p.majors),
        (_("minors"), lambda p: p.minors),
        (_("career stage"), lambda p: p.get_career_stage_display()),
        (_("career fields of interest"), lambda p: [f.name for f in p.fields_of_interest.all()]),
        (_("résumé on file"), lambda p: bool(p.resume)),
        (_("profile completed"), lambda p: p.completed_at),
        (_("created"), lambda p: p.created_at),
    )

    def csv_queryset(self, queryset):
        return queryset.prefetch_related("fields_of_interest")

    # The site has no page of one student's profile for staff; the admin page is it.
    view_on_site = False
    list_display = ("user", "class_year", "majors", "career_stage", "completed_at")
    list_filter = ("career_stage", "class_year", ("completed_at", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "user__first_name", "user__last_name", "majors", "minors")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    filter_horizontal = ("fields_of_interest",)
    readonly_fields = (
        "resume_link",
        "resume_uploaded_at",
        "completed_at",
        "created_at",
        "updated_at",
    )
    # The file is replaced only by the student, through the validating form.
    exclude = ("resume", "resume_name")

    @admin.display(description=_("résumé"))
    def resume_link(self, obj):
        if not obj.resume:
            return "—"
        url = reverse("students:resume_for", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.resume_name or _("Download"))


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    view_on_site = False  # a contact's page is its student's alone
    list_display = ("name", "student", "relationship", "career_field", "status", "origin")
    list_filter = ("status", "origin", "relationship")
    search_fields = ("name", "organization", "student__email", "referred_by_name")
    list_select_related = ("student", "career_field")
    raw_id_fields = ("student", "referred_by")
    readonly_fields = ("created_at", "updated_at")
