"""Lists: the signed-in person's interviews, and the mentor's inbox of requests to answer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.shortcuts import render

from mentors.access import access_own_mentor_profile

from .. import forms
from ..models import Interview
from ..selectors import interview_list_for_mentor, interview_list_for_user, interview_open_asks_load
from .actions import ACTIONS, mentor_suggestions

Status = Interview.Status


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
    suggestions = mentor_suggestions(mentor)
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
