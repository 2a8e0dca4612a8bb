"""HTTP for interviews: the guided request, the mentor's inbox, the list, one interview and
the actions each person may take on it. Views parse with a form, call a service, and
redirect or render; a refused or stale action is a message, a lost race a 409 page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mentors.access import access_own_mentor_profile
from mentors.models import MentorProfile
from mentors.selectors import mentor_get_for_profile_page
from students.selectors import student_profile_for_user
from students.services import resume_snapshot_response

from . import forms
from .access import access_interview
from .display import other_party_name
from .ics import PUBLISH, interview_ics
from .models import Interview, TimeProposal
from .policy import available_actions, moves_used_up, open_ask, refusal, role_refusal
from .selectors import (
    interview_list_for_mentor,
    interview_list_for_user,
    interview_open_asks_load,
    interview_open_with,
)
from .services import (
    ActionNotAllowed,
    SlotTaken,
    interview_accept,
    interview_cancel,
    interview_choose_time,
    interview_confirm,
    interview_decline,
    interview_feedback_give,
    interview_mark_no_show,
    interview_request_create,
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

Status = Interview.Status


# --- The request ------------------------------------------------------------------------


@login_required
def request_create(request, mentor_id: int):
    """Write the request, preview it (as an email and as a letter), then send it.

    The preview carries everything typed in hidden fields, so "Change something" and
    "Send" both start from exactly what the student wrote.
    """
    mentor = mentor_get_for_profile_page(mentor_id=mentor_id)
    # The profile page's rule: a mentor students cannot see is not found, by GET or POST,
    # and never named. A student whose mentor paused while they typed keeps their text.
    if mentor is None or not mentor.is_listed:  # type: ignore[attr-defined]
        if request.method == "POST":
            return render(
                request,
                "interviews/request_unavailable.html",
                {
                    "goal": request.POST.get("goal", ""),
                    "research": request.POST.get("research", ""),
                },
                status=404,
            )
        raise Http404
    if not request.user.is_student:
        return render(
            request, "interviews/request_students_only.html", {"mentor": mentor}, status=403
        )
    # One open request per mentor: say so before anything is typed, with the way to it.
    if existing := interview_open_with(student=request.user, mentor_id=mentor.pk):
        return render(
            request,
            "interviews/request_already_open.html",
            {"mentor": mentor, "existing": existing},
        )
    profile = student_profile_for_user(user=request.user)
    if profile is None or not profile.is_complete:
        profile_url = reverse("students:profile") + "?" + urlencode({"next": request.path})
        return render(
            request,
            "interviews/request_profile_needed.html",
            {"mentor": mentor, "profile_url": profile_url},
        )
    form = forms.InterviewRequestForm(
        request.POST or None,
        mentor=mentor,
        zone=request.user.tzinfo,
        has_resume=bool(profile.resume),
        student=request.user,
    )
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        if "send" in request.POST:
            try:
                interview = interview_request_create(
                    student=request.user, mentor_id=mentor.pk, **form.service_kwargs()
                )
            except ActionNotAllowed as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("Your request is on its way to %(name)s. We will tell you when they answer.")
                    % {"name": mentor.display_name},
                )
                return redirect(interview)
        else:
            return render(
                request,
                "interviews/request_preview.html",
                _letter_context(request, form=form, mentor=mentor, profile=profile),
            )
    return render(request, "interviews/request_form.html", {"form": form, "mentor": mentor})


def _letter_context(request, *, form, mentor: MentorProfile, profile) -> dict:
    data = form.service_kwargs()
    draft = Interview(
        student=request.user,
        mentor=mentor,
        goal=data["goal"].strip(),
        research=data["research"].strip(),
        referrer_name=data["referrer_name"].strip(),
        referrer_relation=data["referrer_relation"].strip(),
        duration_minutes=data["duration_minutes"],
        formats=data["formats"],
        at_mentor_convenience=data["at_mentor_convenience"],
        resume_attached=data["attach_resume"],
    )
    return {
        "form": form,
        "mentor": mentor,
        "interview": draft,
        "profile": profile,
        "windows": data["windows"],
        "letter_date": timezone.localdate(),
    }


@login_required
def interview_letter(request, interview_id: int):
    """The request as a printable letter, for a student who prefers to post it."""
    interview = access_interview(user=request.user, interview_id=interview_id)
    windows = [p for p in _open_proposals(interview) if p.proposed_by == TimeProposal.By.STUDENT]
    return render(
        request,
        "interviews/letter.html",
        {
            "interview": interview,
            "mentor": interview.mentor,
            "profile": getattr(interview.student, "student_profile", None),
            "windows": windows,
            "letter_date": timezone.localtime(interview.requested_at).date(),
        },
    )


# --- Lists ------------------------------------------------------------------------------


@login_required
def interview_list(request):
    groups = interview_list_for_user(user=request.user)
    return render(request, "interviews/list.html", {"groups": groups})


@login_required
def mentor_dashboard(request):
    """The mentor's inbox: requests to answer (with the student's profile and the
    answer forms), requests waiting for the student, upcoming and past conversations."""
    mentor = access_own_mentor_profile(user=request.user)
    groups = interview_list_for_mentor(user=request.user)
    to_answer = [i for i in groups.waiting if i.status == Status.REQUESTED]
    prefetch_related_objects(to_answer, "student__student_profile__fields_of_interest")
    suggestions = _suggestions(mentor)
    zone = request.user.tzinfo
    # Asks to move a conversation: one query, and none when nothing is upcoming.
    interview_open_asks_load(groups.upcoming)
    asks = [
        {
            "interview": interview,
            "ask": interview.open_ask,
            "pick_form": ACTIONS["reschedule_pick"].form(None, interview, request),
            "keep_form": ACTIONS["reschedule_keep"].form(None, interview, request),
        }
        for interview in groups.upcoming
        if interview.open_ask is not None
    ]
    cards = [
        {
            "interview": interview,
            "profile": getattr(interview.student, "student_profile", None),
            "accept_form": forms.AcceptForm(interview=interview, zone=zone),
            "decline_form": forms.DeclineForm(interview=interview, suggestions=suggestions),
        }
        for interview in to_answer
    ]
    return render(
        request,
        "interviews/mentor_dashboard.html",
        {
            "mentor": mentor,
            "cards": cards,
            "asks": asks,
            "pick": ACTIONS["reschedule_pick"],
            "keep": ACTIONS["reschedule_keep"],
            "waiting": [i for i in groups.waiting if i.status == Status.ACCEPTED],
            "upcoming": groups.upcoming,
            "past": groups.past,
            "accept": ACTIONS["accept"],
            "decline": ACTIONS["decline"],
        },
    )


def _suggestions(mentor: MentorProfile) -> list[MentorProfile]:
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


# --- One interview and its actions ------------------------------------------------------


@dataclass(frozen=True)
class Action:
    heading: StrOrPromise
    button: StrOrPromise
    success: StrOrPromise
    service: Callable[..., object]
    form: Callable[..., forms.ActionForm]
    danger: bool = False
    # The form's fields, laid out for this action; None: the form as crispy renders it.
    fields_template: str | None = None


def _zone(request):
    return request.user.tzinfo


ACTIONS: dict[str, Action] = {
    "accept": Action(
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
        heading=gettext_lazy("Choose a time"),
        button=gettext_lazy("Choose this time"),
        success=gettext_lazy("Scheduled. The calendar invite is on its way to you both."),
        service=interview_choose_time,
        form=lambda data, i, request, **kw: forms.ChooseTimeForm(
            data, interview=i, zone=_zone(request)
        ),
    ),
    "confirm": Action(
        heading=gettext_lazy("Confirm you will be there"),
        button=gettext_lazy("Confirm"),
        success=gettext_lazy("Confirmed. The mentor has been told."),
        service=interview_confirm,
        form=lambda data, i, request, **kw: forms.ConfirmForm(data, interview=i, action="confirm"),
    ),
    "update_details": Action(
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


def _open_proposals(interview: Interview) -> list[TimeProposal]:
    """The times offered while the request was answered (not those of an ask to move)."""
    return list(interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at"))


def _render_detail(request, interview: Interview, *, bound=None, status: int = 200):
    interview.open_proposals = _open_proposals(interview)
    names = available_actions(interview, request.user)
    suggestions = _suggestions(interview.mentor) if "decline" in names else []
    actions = []
    for name in names:
        spec = ACTIONS[name]
        if bound is not None and bound[0] == name:
            form = bound[1]
        else:
            form = spec.form(None, interview, request, suggestions=suggestions)
        actions.append({"name": name, "spec": spec, "form": form})
    is_student = interview.student_id == request.user.pk
    return render(
        request,
        "interviews/detail.html",
        {
            "interview": interview,
            "other_name": other_party_name(interview, request.user),
            "started": interview.starts_at is not None and interview.starts_at <= timezone.now(),
            "ended": interview.ends_at is not None and interview.ends_at <= timezone.now(),
            "actions": actions,
            "is_student": is_student,
            "is_mentor": interview.mentor.user_id == request.user.pk,
            "show_contact": is_student
            and interview.status in (Status.ACCEPTED, Status.SCHEDULED, Status.COMPLETED),
            "student_proposals": [
                p for p in interview.open_proposals if p.proposed_by == TimeProposal.By.STUDENT
            ],
            "mentor_proposals": [
                p for p in interview.open_proposals if p.proposed_by == TimeProposal.By.MENTOR
            ],
            "profile": getattr(interview.student, "student_profile", None),
            "open_ask": open_ask(interview),
            # What this person said afterwards, shown back to them (never to the other side).
            "my_feedback": (
                interview.feedback.filter(author=request.user).first()
                if interview.status == Status.COMPLETED
                else None
            ),
            "max_reschedules": settings.MAX_RESCHEDULES,
            # Scheduled and upcoming (it can be cancelled) but moved as often as allowed.
            "reschedule_refusal": (
                moves_used_up(interview)
                if "cancel" in names and interview.status == Status.SCHEDULED
                else None
            ),
        },
        status=status,
    )


@login_required
def interview_detail(request, interview_id: int):
    interview = access_interview(user=request.user, interview_id=interview_id)
    return _render_detail(request, interview)


def _after_action(request, interview: Interview):
    if request.POST.get("next") == reverse("mentor_dashboard"):
        return redirect("mentor_dashboard")
    return redirect(interview)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def interview_act(request, interview_id: int, action: str):
    """Every action on an interview, each a small POST form on its page.

    A GET (the address left in the bar after a form error, a reload, a new tab) goes to
    the interview's page, where the form is."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    interview = access_interview(user=request.user, interview_id=interview_id)
    if request.method != "POST":
        return redirect(interview)
    if refused := role_refusal(action, interview, request.user):
        messages.error(request, refused)
        return redirect(interview)
    suggestions = _suggestions(interview.mentor) if action == "decline" else []
    form = spec.form(request.POST, interview, request, suggestions=suggestions)
    still_possible = refusal(action, interview, request.user) is None
    if form.is_valid():
        try:
            spec.service(interview=interview, by=request.user, **form.service_kwargs())
        except SlotTaken as error:
            return render(
                request,
                "interviews/slot_taken.html",
                {"interview": interview, "title": error.title, "message": error.message},
                status=409,
            )
        except ActionNotAllowed as error:
            if not (error.field and still_possible):
                messages.error(request, error.message)
                return redirect(interview)
            form.add_service_error(error)
        else:
            messages.success(request, spec.success)
            return _after_action(request, interview)
    if not still_possible:
        messages.error(request, _("This can no longer be done: the interview has changed."))
        return redirect(interview)
    messages.error(request, _("Please fix the marked fields below."))
    return _render_detail(request, interview, bound=(action, form), status=400)


@login_required
def interview_ics_view(request, interview_id: int):
    """The current event to add to a calendar (a cancelled one that had a time, marked
    cancelled). A download invites no reply, so it is published, never a REQUEST."""
    interview = access_interview(user=request.user, interview_id=interview_id)
    has_event = interview.status == Status.SCHEDULED or (
        interview.status == Status.CANCELLED and interview.starts_at is not None
    )
    if not has_event:
        raise Http404
    method = PUBLISH
    response = HttpResponse(
        interview_ics(interview, method=method),
        content_type=f"text/calendar; charset=utf-8; method={method}",
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def interview_resume(request, interview_id: int):
    """The résumé the student attached to this request, as it was then; only the parties
    may download it, and only while the conversation has not ended without taking place."""
    interview = access_interview(user=request.user, interview_id=interview_id)
    is_party = request.user.pk in (interview.student_id, interview.mentor.user_id)
    if not is_party or not interview.resume_shared:
        raise Http404
    return resume_snapshot_response(subject_key=interview.subject_key)
