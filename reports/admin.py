from django.conf import settings
from django.contrib import admin
from django.urls import path

from .models import AlumniImport, AlumniInvitation
from .views import alumni_import_view, alumni_upload_view


@admin.register(AlumniImport)
class AlumniImportAdmin(admin.ModelAdmin):
    """Uploading a list is "add"; its page shows the preview, then the progress."""

    list_display = (
        "file_name", "status", "total_rows", "to_invite", "invited", "problem_rows", "known_rows",
        "created_by", "created_at",
    )  # fmt: skip
    list_filter = ("status",)
    list_select_related = ("created_by",)
    date_hierarchy = "created_at"

    @property
    def max_bytes(self) -> int:
        return settings.ALUMNI_IMPORT_MAX_BYTES

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "add/", wrap(lambda r: alumni_upload_view(r, self)), name="reports_alumniimport_add"
            ),
            path(
                "<int:job_id>/change/",
                wrap(lambda r, job_id: alumni_import_view(r, self, job_id)),
                name="reports_alumniimport_change",
            ),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        return False  # an import is not edited: its page shows it

    def has_delete_permission(self, request, obj=None):
        return False  # the invitations it sent keep pointing to it


@admin.register(AlumniInvitation)
class AlumniInvitationAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "first_name",
        "last_name",
        "sent_at",
        "times_sent",
        "accepted_at",
        "source",
    )
    list_filter = (("accepted_at", admin.EmptyFieldListFilter), "source")
    search_fields = ("email", "first_name", "last_name", "employer")
    list_select_related = ("source",)
    date_hierarchy = "sent_at"
    readonly_fields = (
        "email", "first_name", "last_name", "graduation_year", "employer", "job_title", "source",
        "sent_at", "times_sent", "accepted_at", "created_at",
    )  # fmt: skip
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False  # invitations come from an import

    def has_delete_permission(self, request, obj=None):
        return False
