"""Optional kinds of email a person may switch off. Everything else is essential."""

from django.utils.translation import gettext_lazy as _

NUDGES = "nudges"
FEEDBACK = "feedback"

OPTIONAL_CATEGORIES = {
    NUDGES: _("Gentle nudges, such as a second reminder to send a thank-you note"),
    FEEDBACK: _("Requests for feedback after a conversation"),
}
