from django.urls import path

from .views import meeting, prep, resume, thanks

app_name = "notebook"

urlpatterns = [
    # Prepare: research notes, my questions, the checklist, the printable sheet.
    path("interviews/<int:interview_id>/notebook/", prep.prepare_view, name="prepare"),
    path("interviews/<int:interview_id>/notebook/sheet/", prep.sheet_view, name="sheet"),
    path(
        "interviews/<int:interview_id>/notebook/research/",
        prep.research_save,
        name="research",
    ),
    path(
        "interviews/<int:interview_id>/notebook/checklist/",
        prep.checklist_save,
        name="checklist",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/add/",
        prep.question_add,
        name="question_add",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/from-bank/",
        prep.questions_add_from_bank,
        name="questions_from_bank",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/copy/",
        prep.questions_copy,
        name="questions_copy",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/share/",
        prep.questions_share,
        name="questions_share",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/<int:question_id>/",
        prep.question_edit,
        name="question_edit",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/<int:question_id>/remove/",
        prep.question_remove,
        name="question_remove",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/<int:question_id>/move/",
        prep.question_move,
        name="question_move",
    ),
    path(
        "interviews/<int:interview_id>/notebook/questions/<int:question_id>/asked/",
        prep.question_asked,
        name="question_asked",
    ),
    # Meet: notes from the conversation and referrals.
    path("interviews/<int:interview_id>/notebook/notes/", meeting.notes_view, name="notes"),
    # Thank: the letter, its email, marking it sent.
    path("interviews/<int:interview_id>/notebook/thank-you/", thanks.thanks_view, name="thanks"),
    # --- Follow-up: notes, referrals, the thank-you, résumé feedback ---------------------
    path(
        "interviews/<int:interview_id>/notebook/notes/<int:note_id>/edit/",
        meeting.note_edit_view,
        name="note_edit",
    ),
    path(
        "interviews/<int:interview_id>/notebook/notes/<int:note_id>/remove/",
        meeting.note_remove_view,
        name="note_remove",
    ),
    path(
        "interviews/<int:interview_id>/notebook/referrals/",
        meeting.referral_add_view,
        name="referral_add",
    ),
    path(
        "interviews/<int:interview_id>/notebook/referrals/<int:referral_id>/edit/",
        meeting.referral_edit_view,
        name="referral_edit",
    ),
    path(
        "interviews/<int:interview_id>/notebook/referrals/<int:referral_id>/remove/",
        meeting.referral_remove_view,
        name="referral_remove",
    ),
    path(
        "interviews/<int:interview_id>/notebook/thank-you/letter/",
        thanks.thanks_letter_view,
        name="thanks_letter",
    ),
    path(
        "interviews/<int:interview_id>/notebook/thank-you/mark-sent/",
        thanks.thanks_mark_sent_view,
        name="thanks_mark_sent",
    ),
    # Two segments after the id: the interviews app's "<id>/<action>/" would take one.
    path(
        "interviews/<int:interview_id>/resume/feedback/",
        resume.resume_feedback_view,
        name="resume_feedback",
    ),
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
