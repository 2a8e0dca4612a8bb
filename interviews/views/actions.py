"""Every action on an interview as the page offers it: heading, button, form, service.

Who may take which action now is not decided here but in ``interviews.policy``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from mentors.models import MentorProfile

from .. import forms
from ..policy import open_ask
from ..services import (
    interview_accept,
    interview_cancel,
    interview_choose_time,
    interview_confirm,
    interview_decline,
    interview_feedback_give,
    interview_mark_no_show,
    interview_reschedule,
    interview_reschedule_ask,
    interview_reschedule_ask_keep,
    interview_reschedule_ask_pick,
    interview_thank_you_mark_sent,
    interview_update_details,
    interview_withdraw,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from ..models import Interview


@dataclass(frozen=True)
class Action:
    heading: StrOrPromise
    button: StrOrPromise
    success: StrOrPromise
    service: Callable[..., object]
    form: Callable[..., forms.ActionForm]
    danger: bool = False
    # Whether this is the step the page expects next for the interview: the first such
    # action's form is open, the others behind their headings.
    next_step: Callable[[Interview], bool] = lambda interview: False
    # The form's fields, laid out for this action; None: the form as crispy renders it.
    fields_template: str | None = None


def _zone(request):
    return request.user.tzinfo


ACTIONS: dict[str, Action] = {
    "accept": Action(
        next_step=lambda interview: True,
        heading=gettext_lazy("Accept"),
        button=gettext_lazy("Accept the request"),
        success=gettext_lazy("Accepted. The student has been told."),
        service=interview_accept,
        form=lambda data, i, request, **kw: forms.AcceptForm(
            data, interview=i, zone=_zone(request)
        ),
        fields_template="interviews/includes/actions/accept_fields.html",
    ),
    "decline": Action(
        heading=gettext_lazy("Decline kindly"),
        button=gettext_lazy("Decline the request"),
        success=gettext_lazy("Declined. The student has your answer."),
        service=interview_decline,
        form=lambda data, i, request, suggestions=(), **kw: forms.DeclineForm(
            data, interview=i, suggestions=suggestions
        ),
        danger=True,
    ),
    "choose_time": Action(
        next_step=lambda interview: True,
        heading=gettext_lazy("Choose a time"),
        button=gettext_lazy("Choose this time"),
        success=gettext_lazy("Scheduled. The calendar invite is on its way to you both."),
        service=interview_choose_time,
        form=lambda data, i, request, **kw: forms.ChooseTimeForm(
            data, interview=i, zone=_zone(request)
        ),
    ),
    "confirm": Action(
        next_step=lambda interview: True,
        heading=gettext_lazy("Confirm you will be there"),
        button=gettext_lazy("Confirm"),
        success=gettext_lazy("Confirmed. The mentor has been told."),
        service=interview_confirm,
        form=lambda data, i, request, **kw: forms.ConfirmForm(data, interview=i, action="confirm"),
    ),
    "update_details": Action(
        next_step=lambda interview: not interview.meeting_details,
        heading=gettext_lazy("Meeting details"),
        button=gettext_lazy("Save meeting details"),
        success=gettext_lazy("Meeting details saved."),
        service=interview_update_details,
        form=lambda data, i, request, **kw: forms.DetailsForm(data, interview=i),
    ),
    "reschedule": Action(
        heading=gettext_lazy("Move to another time"),
        button=gettext_lazy("Reschedule"),
        success=gettext_lazy("Rescheduled. An updated calendar invite is on its way to you both."),
        service=interview_reschedule,
        form=lambda data, i, request, **kw: forms.RescheduleForm(
            data, interview=i, zone=_zone(request)
        ),
    ),
    "ask_reschedule": Action(
        heading=gettext_lazy("Ask to move the time"),
        button=gettext_lazy("Send the ask"),
        success=gettext_lazy(
            "Your ask is on its way to the mentor. The conversation stays at the agreed time "
            "until they answer."
        ),
        service=interview_reschedule_ask,
        form=lambda data, i, request, **kw: forms.RescheduleAskForm(
            data, interview=i, zone=_zone(request)
        ),
        fields_template="interviews/includes/actions/ask_reschedule_fields.html",
    ),
    "reschedule_pick": Action(
        next_step=lambda interview: True,
        heading=gettext_lazy("Move to a time the student proposed"),
        button=gettext_lazy("Move to this time"),
        success=gettext_lazy("Moved. An updated calendar invite is on its way to you both."),
        service=interview_reschedule_ask_pick,
        form=lambda data, i, request, **kw: forms.RescheduleAskPickForm(
            data, interview=i, zone=_zone(request), ask=open_ask(i)
        ),
    ),
    "reschedule_keep": Action(
        heading=gettext_lazy("Keep the agreed time"),
        button=gettext_lazy("Keep the agreed time"),
        success=gettext_lazy("The time stays as agreed. The student has been told."),
        service=interview_reschedule_ask_keep,
        form=lambda data, i, request, **kw: forms.RescheduleKeepForm(data, interview=i),
    ),
    "withdraw": Action(
        heading=gettext_lazy("Withdraw the request"),
        button=gettext_lazy("Withdraw"),
        success=gettext_lazy("Your request is withdrawn. The mentor has been told."),
        service=interview_withdraw,
        form=lambda data, i, request, **kw: forms.ReasonForm(
            data, interview=i, action="withdraw", required=False
        ),
        danger=True,
    ),
    "cancel": Action(
        heading=gettext_lazy("Cancel the conversation"),
        button=gettext_lazy("Cancel the conversation"),
        success=gettext_lazy("Cancelled. The other person has been told."),
        service=interview_cancel,
        form=lambda data, i, request, **kw: forms.ReasonForm(data, interview=i, action="cancel"),
        danger=True,
    ),
    "thank_you": Action(
        next_step=lambda interview: True,
        heading=gettext_lazy("Your thank-you"),
        button=gettext_lazy("Mark the thank-you as sent"),
        success=gettext_lazy("Well done. Thanking people is how a network grows."),
        service=interview_thank_you_mark_sent,
        form=lambda data, i, request, **kw: forms.ThankYouForm(data, interview=i),
    ),
    "feedback": Action(
        heading=gettext_lazy("Share feedback (optional)"),
        button=gettext_lazy("Send feedback"),
        success=gettext_lazy("Thank you for your feedback."),
        service=interview_feedback_give,
        form=lambda data, i, request, **kw: forms.FeedbackForm(data, interview=i),
    ),
    "no_show": Action(
        heading=gettext_lazy("It did not take place"),
        button=gettext_lazy("Report that it did not take place"),
        success=gettext_lazy("Recorded as not having taken place."),
        service=interview_mark_no_show,
        form=lambda data, i, request, **kw: forms.NoShowForm(data, interview=i),
        danger=True,
    ),
}


def mentor_suggestions(mentor: MentorProfile) -> list[MentorProfile]:
    """Listed mentors who share a career field with this one: whom to suggest instead."""
    fields = MentorProfile.career_fields.through.objects.filter(mentorprofile_id=mentor.pk)
    return list(
        MentorProfile.objects.listed()
        .filter(career_fields__in=fields.values("careerfield_id"))
        .exclude(pk=mentor.pk)
        .only("id", "display_name", "job_title", "employer")
        .distinct()
        .order_by("display_name", "id")[: forms.SUGGESTION_LIMIT]
    )
