from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Contact, StudentProfile


@admin.register(StudentProfile)
class StudentProfileAdmin(admin.ModelAdmin):
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
