from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notification
from .services import WAITING, notification_rendered, notification_resend

# What an email says: never shown for a row that carries a secret (a sign-in link or
# code), so nobody with access to the log can take over the account it was sent to.
CONTENT_FIELDS = ("body_text", "body_html", "attachments", "params", "preview")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "to_email", "subject_key", "status", "due_at", "sent_at", "attempts")
    list_filter = ("status", "kind", "category", "sensitive")
    search_fields = ("to_email", "subject", "subject_key", "dedupe_key")
    date_hierarchy = "due_at"
    list_select_related = ()
    raw_id_fields = ("recipient",)
    readonly_fields = (
        "recipient", "to_email", "kind", "subject_key", "dedupe_key", "subject", "body_text",
        "body_html", "attachments", "headers", "render_on_send", "params", "preview", "due_at",
        "expires_at", "category", "sensitive", "status", "claimed_at", "sent_at", "attempts",
        "last_error", "created_at",
    )  # fmt: skip
    actions = ("resend",)

    def get_fields(self, request, obj=None):
        fields = self.readonly_fields
        if obj is not None and obj.sensitive:
            return tuple(f for f in fields if f not in CONTENT_FIELDS)
        return fields

    @admin.display(description=_("as it would be sent now"))
    def preview(self, obj):
        """A row rendered when sent has no text until then: show what it would say now."""
        if obj.sensitive or not obj.render_on_send or obj.status not in WAITING:
            return "-"
        try:
            rendered = notification_rendered(notification=obj)
        except Exception as error:  # the page shows why it cannot be rendered, never a 500
            return _("It cannot be rendered now: %(error)s") % {"error": error}
        if rendered is None:
            return _(
                "Nothing: it would be voided (what it is about is gone, or no longer applies)."
            )
        return format_html(
            "{}<br>{}<pre>{}</pre>", rendered.to_email, rendered.subject, rendered.body_text
        )

    def has_add_permission(self, request):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # Links such as ?subject_key=interview:42 from other admin pages.
        return lookup == "subject_key" or super().lookup_allowed(lookup, value, request)

    @admin.action(description=_("Send again now"), permissions=["change"])
    def resend(self, request, queryset):
        withheld = queryset.filter(sensitive=True).count()
        count = notification_resend(notification_ids=queryset.values_list("id", flat=True))
        self.message_user(
            request,
            ngettext("%d email queued again.", "%d emails queued again.", count) % count,
            messages.SUCCESS,
        )
        if withheld:
            self.message_user(
                request,
                ngettext(
                    "%d email carried a sign-in link or code and was not sent again: "
                    "ask the person to request a new one.",
                    "%d emails carried a sign-in link or code and were not sent again: "
                    "ask the person to request a new one.",
                    withheld,
                )
                % withheld,
                messages.WARNING,
            )
