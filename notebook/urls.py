from django.urls import path

from .views import meeting, prep, thanks

app_name = "notebook"

urlpatterns = [
    # Prepare: research notes, my questions, the checklist, the printable sheet.
    path("interviews/<int:interview_id>/notebook/", prep.placeholder, name="prepare"),
    path("interviews/<int:interview_id>/notebook/sheet/", prep.placeholder, name="sheet"),
    # Meet: notes from the conversation and referrals.
    path("interviews/<int:interview_id>/notebook/notes/", meeting.placeholder, name="notes"),
    # Thank: the letter, its email, marking it sent.
    path("interviews/<int:interview_id>/notebook/thank-you/", thanks.placeholder, name="thanks"),
]

# Insights across conversations, and a mentor's impact (DESIGN.md step 10).
from .views import impact, insights  # noqa: E402

urlpatterns += [
    path("insights/", insights.overview, name="insights"),
    path(
        "interviews/<int:interview_id>/notebook/insights/",
        insights.record,
        name="insights_record",
    ),
    path(
        "interviews/<int:interview_id>/notebook/insights/<int:perspective_id>/remove/",
        insights.remove,
        name="insights_remove",
    ),
    path("mentors/impact/", impact.impact, name="impact"),
]
