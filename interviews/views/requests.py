"""The guided request: write it, preview it as an email and a letter, send it;
and the request as a printable letter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mentors.models import MentorProfile
from mentors.selectors import mentor_get_for_profile_page
from notifications.registry import recipient_language
from students.selectors import contact_citation_for, student_profile_for_user

from .. import forms
from ..access import access_interview
from ..models import Interview, TimeProposal
from ..selectors import interview_open_with
from ..services import ActionNotAllowed, interview_request_create
from .detail import open_proposals


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
    citation = _citation(request.user, mentor) if request.method != "POST" else {}
    form = forms.InterviewRequestForm(
        request.POST or None,
        mentor=mentor,
        zone=request.user.tzinfo,
        has_resume=bool(profile.resume),
        student=request.user,
        initial=citation,
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
    return render(
        request,
        "interviews/request_form.html",
        {"form": form, "mentor": mentor, "cited_from_referral": bool(citation)},
    )


def _citation(student, mentor: MentorProfile) -> dict[str, str]:
    """Who referred the student to this mentor, when a referral on their networking list
    says they may cite them: the request starts from it (the student can change it)."""
    contact = contact_citation_for(student=student, mentor_id=mentor.pk)
    if contact is None:
        return {}
    relation_max = Interview._meta.get_field("referrer_relation").max_length or 0
    relation = contact.connection.strip()
    return {
        "referrer_name": contact.referrer_display,
        "referrer_relation": relation if len(relation) <= relation_max else "",
    }


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
        # As the mentor will read it: in the language their emails are in.
        "letter_language": recipient_language(mentor.user),
    }


@login_required
def interview_letter(request, interview_id: int):
    """The request as a printable letter, for a student who prefers to post it."""
    interview = access_interview(user=request.user, interview_id=interview_id)
    windows = [p for p in open_proposals(interview) if p.proposed_by == TimeProposal.By.STUDENT]
    return render(
        request,
        "interviews/letter.html",
        {
            "interview": interview,
            "mentor": interview.mentor,
            "profile": getattr(interview.student, "student_profile", None),
            "windows": windows,
            "letter_date": timezone.localtime(interview.requested_at).date(),
            "letter_language": recipient_language(interview.mentor.user),
        },
    )
