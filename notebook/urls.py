from django.urls import path

from .views import meeting, prep, resume, thanks

app_name = "notebook"

urlpatterns = [
    # Prepare: research notes, my questions, the checklist, the printable sheet.
    path("interviews/<int:interview_id>/notebook/", prep.placeholder, name="prepare"),
    path("interviews/<int:interview_id>/notebook/sheet/", prep.placeholder, name="sheet"),
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
