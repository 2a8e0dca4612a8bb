"""Admin for insights: staff's read-only counts per career field.

Registered when ``notebook/admin.py`` imports this module (Django's autodiscovery reads
``admin.py`` only). Staff see how many students have heard fewer than three people in
each field, to plan outreach; never a student's claims or notes.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .insights_models import FieldPerspectives
from .selectors.insights import ENOUGH_PEOPLE, field_perspective_counts


@admin.register(FieldPerspectives)
class FieldPerspectivesAdmin(admin.ModelAdmin):
    """One read-only page instead of a change list: the counts come from one query over
    every student, not from rows that could be opened or changed."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        # Only the list: there is no row to open, change or delete.
        return [url for url in super().get_urls() if url.name and url.name.endswith("_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = field_perspective_counts()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Perspectives by career field"),
            "rows": rows,
            "enough": ENOUGH_PEOPLE,
            "totals": {
                "students": sum(r.students for r in rows),
                "fewer": sum(r.fewer_than_enough for r in rows),
            },
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/notebook/fieldperspectives/change_list.html", context
        )
