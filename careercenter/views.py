"""Pages that belong to no single app: the landing page, each role's dashboard, and a
person's own data (download, delete). Health is in health.py."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from students.selectors import (
    contact_counts_for_student,
    student_profile_completeness,
    student_profile_for_user,
)

from .privacy import account_data_export, account_delete

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# A student's first few names are a start; the practice suggests brainstorming widely.
CONTACTS_TO_START = 3


@dataclass
class DashboardItem:
    """One line in a dashboard panel (an interview, a request, a task)."""

    label: str
    url: str = ""
    when: datetime | None = None
    detail: str = ""
    # For tasks: "confirm", "prepare" or "thank".
    kind: str = ""


@dataclass
class NextStep:
    title: StrOrPromise
    description: StrOrPromise
    url: str
    action: StrOrPromise
    done: bool = False
    current: bool = False


# What a person most needs to do now, most urgent first: a confirmation that is due, a
# conversation about to start or under way, a thank-you, feedback, an open request.
# Only when none of these applies does the next step of the practice come up.
CONFIRM, MEETING, THANK, FEEDBACK, REQUEST = range(5)


@dataclass
class InterviewPanels:
    upcoming_interviews: list[DashboardItem] = field(default_factory=list)
    pending_requests: list[DashboardItem] = field(default_factory=list)
    tasks: list[DashboardItem] = field(default_factory=list)
    # Progress through the practice, for the next-steps list.
    has_researched: bool = False
    has_requested: bool = False
    # (priority, step): what the conversations ask of the person now.
    urgent: list[tuple[int, NextStep]] = field(default_factory=list)

    def most_urgent(self) -> NextStep | None:
        return min(self.urgent, key=lambda pair: pair[0])[1] if self.urgent else None


def _interview_panels(user) -> InterviewPanels:
    """Hook for the interviews app: fill from its selectors (upcoming interviews, open
    requests, tasks to confirm / prepare / thank, research and request progress, and
    what is most urgent now)."""
    from interviews.models import Interview
    from interviews.selectors import (
        interview_feedback_due_for,
        interview_open_asks_load,
        interview_thanks_due_for_student,
        interview_upcoming_for_student,
        interview_waiting_for_student,
    )

    now = timezone.now()
    upcoming = interview_upcoming_for_student(user=user)
    interview_open_asks_load(upcoming)
    waiting = interview_waiting_for_student(user=user)
    panels = InterviewPanels(
        upcoming_interviews=[_upcoming_item(i, now=now) for i in upcoming],
        pending_requests=[_request_item(i) for i in waiting],
        urgent=[(REQUEST, _request_step(i)) for i in waiting],
    )
    for i in upcoming:
        _meeting_tasks(panels, i, now=now)
    # Right after the conversation: always a thank-you, even if it helped less than hoped.
    for i in interview_thanks_due_for_student(user=user):
        panels.tasks.insert(0, _thank_item(i))
        panels.urgent.append((THANK, _thank_step(i)))
    for i in interview_feedback_due_for(user=user):
        panels.urgent.append((FEEDBACK, _feedback_step(i, other=_mentor_of(i))))
    # Every request carries the student's research, so one request means both steps done.
    panels.has_requested = bool(upcoming or waiting) or (
        Interview.objects.filter(student=user).exists()
    )
    panels.has_researched = panels.has_requested
    return panels


def _mentor_of(interview) -> str:
    from interviews.display import mentor_name

    return mentor_name(interview.mentor)


def _in_progress(interview, now: datetime) -> bool:
    return interview.starts_at <= now < interview.ends_at


def _upcoming_item(interview, *, now: datetime) -> DashboardItem:
    detail = interview.get_format_display()
    if _in_progress(interview, now):
        detail = _("%(format)s · In progress now, until %(end)s.") % {
            "format": detail,
            "end": _time_of(interview.ends_at),
        }
    elif interview.open_ask:
        detail = _("%(format)s · You asked to move it; waiting for the mentor.") % {
            "format": detail
        }
    return DashboardItem(
        label=_("Conversation with %(name)s") % {"name": _mentor_of(interview)},
        url=interview.get_absolute_url(),
        when=interview.starts_at,
        detail=detail,
    )


def _time_of(value: datetime) -> str:
    from interviews.templatetags.interview_tags import time_of_day

    return time_of_day(value)


def _relative(value: datetime) -> str:
    from interviews.templatetags.interview_tags import relative_when

    return relative_when(value, now=timezone.now())


def _meeting_tasks(panels: InterviewPanels, interview, *, now: datetime) -> None:
    """About 48 hours before, the student confirms; in the days before, they prepare; once
    it has started, nothing is left to confirm or prepare."""
    name = _mentor_of(interview)
    url = interview.get_absolute_url()
    left = interview.starts_at - now
    when = _relative(interview.starts_at)
    if _in_progress(interview, now):
        panels.urgent.append(
            (
                MEETING,
                NextStep(
                    title=_("Your conversation with %(name)s is under way") % {"name": name},
                    description=_(
                        "Until %(end)s. Note the advice, the terms to look up, and anyone they "
                        "suggest you talk to next."
                    )
                    % {"end": _time_of(interview.ends_at)},
                    url=url,
                    action=_("Open the conversation"),
                ),
            )
        )
        return
    if interview.confirmed_at is None and left <= timedelta(hours=48):
        panels.tasks.append(
            DashboardItem(
                label=_("Confirm your conversation with %(name)s") % {"name": name},
                url=url,
                when=interview.starts_at,
                kind="confirm",
            )
        )
        panels.urgent.append(
            (
                CONFIRM,
                NextStep(
                    title=_("Confirm your conversation with %(name)s") % {"name": name},
                    description=_(
                        "It is %(when)s. A one-click confirmation tells them you will be there; "
                        "it is a courtesy they will notice."
                    )
                    % {"when": when},
                    url=url,
                    action=_("Confirm"),
                ),
            )
        )
    elif left <= timedelta(days=7):
        panels.tasks.append(
            DashboardItem(
                label=_("Prepare your questions for %(name)s") % {"name": name},
                url=url,
                when=interview.starts_at,
                kind="prepare",
            )
        )
    if left <= timedelta(hours=24):
        panels.urgent.append(
            (
                MEETING,
                NextStep(
                    title=_("Prepare for your conversation with %(name)s") % {"name": name},
                    description=_(
                        "It is %(when)s. Put your most important questions first, and stay "
                        "within the time you asked for."
                    )
                    % {"when": when},
                    url=url,
                    action=_("Open your question list"),
                ),
            )
        )


def _request_item(interview) -> DashboardItem:
    from interviews.models import Interview

    accepted = interview.status == Interview.Status.ACCEPTED
    return DashboardItem(
        label=_("Request to %(name)s") % {"name": _mentor_of(interview)},
        url=interview.get_absolute_url(),
        detail=(
            _("Accepted: pick one of the proposed times.")
            if accepted
            else _("Waiting for an answer.")
        ),
    )


def _request_step(interview) -> NextStep:
    """What an open request asks of the student: a time to pick, or patience."""
    from interviews.models import Interview

    name = _mentor_of(interview)
    if interview.status == Interview.Status.ACCEPTED:
        return NextStep(
            title=_("Pick a time with %(name)s") % {"name": name},
            description=_(
                "They accepted and proposed times; the conversation is fixed once you pick one."
            ),
            url=interview.get_absolute_url(),
            action=_("Pick a time"),
        )
    return NextStep(
        title=_("Your request to %(name)s is waiting for an answer") % {"name": name},
        description=_(
            "Mentors usually answer within a few days. Meanwhile, research the field and "
            "start your question list."
        ),
        url=interview.get_absolute_url(),
        action=_("See your request"),
    )


def _thank_item(interview) -> DashboardItem:
    return DashboardItem(
        label=_("Send %(name)s a thank-you") % {"name": _mentor_of(interview)},
        url=interview.get_absolute_url(),
        when=interview.starts_at,
        kind="thank",
    )


def _thank_step(interview) -> NextStep:
    return NextStep(
        title=_("Send %(name)s a thank-you") % {"name": _mentor_of(interview)},
        description=_(
            "Always thank the people who give you their time, the same day if you can, even "
            "if the conversation helped less than you hoped. Then mark it as sent."
        ),
        url=interview.get_absolute_url(),
        action=_("Write your thank-you"),
    )


def _feedback_step(interview, *, other: str) -> NextStep:
    return NextStep(
        title=_("Tell us how your conversation with %(name)s went") % {"name": other},
        description=_(
            "Two minutes of optional feedback helps the career center make these "
            "conversations better for everyone."
        ),
        url=interview.get_absolute_url(),
        action=_("Share feedback"),
    )


def _url(name: str, fallback: str = "") -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def _student_next_steps(*, profile_complete: bool, contacts: int, panels: InterviewPanels):
    """The practice in order: profile → brainstorm contacts → research → find → request."""
    steps = [
        NextStep(
            title=gettext_lazy("Complete your profile"),
            description=gettext_lazy("Your year, major, interests and goals."),
            url=reverse("students:profile"),
            action=(
                gettext_lazy("Edit your profile")
                if profile_complete
                else gettext_lazy("Set up your profile")
            ),
            done=profile_complete,
        ),
        NextStep(
            title=gettext_lazy("Brainstorm the people you know"),
            description=_(
                "Friends, roommates, classmates, family, professors, past supervisors: "
                "anyone may know someone in the field. Start with at least %(needed)d "
                "(you have %(count)d of %(needed)d)."
            )
            % {"needed": CONTACTS_TO_START, "count": min(contacts, CONTACTS_TO_START)},
            url=reverse("students:network"),
            action=gettext_lazy("Open your networking list"),
            done=contacts >= CONTACTS_TO_START,
        ),
        NextStep(
            title=gettext_lazy("Research a field"),
            description=gettext_lazy(
                "Learn what is already written about the field, the people and the "
                "organizations, so your questions go further."
            ),
            url=_url("guide"),
            action=gettext_lazy("Read how to research"),
            done=panels.has_researched,
        ),
        NextStep(
            title=gettext_lazy("Find a Career Mentor"),
            description=gettext_lazy("Search alumni who volunteered to talk with students."),
            url=_url("mentors:directory", "/mentors/"),
            action=gettext_lazy("Search mentors"),
            done=panels.has_requested,
        ),
        NextStep(
            title=gettext_lazy("Ask for a conversation"),
            description=gettext_lazy(
                "Ask for 30 to 60 minutes of information and advice, never for a job."
            ),
            url=_url("mentors:directory", "/mentors/"),
            action=gettext_lazy("Choose a mentor to ask"),
            done=panels.has_requested,
        ),
    ]
    for step in steps:
        if not step.done:
            step.current = True
            break
    return steps


def _more_perspectives_step() -> NextStep:
    """Every step of the practice done and nothing pending: one or two conversations are
    not a fair picture of a field."""
    return NextStep(
        title=gettext_lazy("Talk with more people in the field"),
        description=gettext_lazy(
            "One or two conversations are not a fair picture. Ask someone else, perhaps "
            "someone you were referred to, until several perspectives agree."
        ),
        url=_url("mentors:directory", "/mentors/"),
        action=gettext_lazy("Find another mentor"),
    )


def _student_dashboard(request):
    user = request.user
    profile = student_profile_for_user(user=user)
    profile_complete = profile is not None and profile.is_complete
    counts = contact_counts_for_student(student=user)
    panels = _interview_panels(user)
    steps = _student_next_steps(
        profile_complete=profile_complete, contacts=counts["total"], panels=panels
    )
    return render(
        request,
        "dashboards/student.html",
        {
            "profile": profile,
            "profile_complete": profile_complete,
            "completeness": student_profile_completeness(profile=profile),
            "contact_counts": counts,
            "next_steps": steps,
            "next_step": (
                panels.most_urgent()
                or next((s for s in steps if s.current), None)
                or _more_perspectives_step()
            ),
            "upcoming_interviews": panels.upcoming_interviews,
            "pending_requests": panels.pending_requests,
            "tasks": panels.tasks,
        },
    )


def _mentor_dashboard(request):
    from interviews.selectors import interview_list_for_mentor, interview_open_asks_load
    from mentors.models import MentorProfile
    from mentors.selectors import with_capacity

    now = timezone.now()
    profile = (
        with_capacity(MentorProfile.objects.filter(user=request.user), month_of=now)
        .only("id", "status", "paused_until", "monthly_cap")
        .first()
    )
    groups = interview_list_for_mentor(user=request.user, now=now)
    to_answer = [i for i in groups.waiting if i.status == "requested"]
    interview_open_asks_load(groups.upcoming)
    asks = [i for i in groups.upcoming if i.open_ask is not None]
    return render(
        request,
        "dashboards/mentor.html",
        {
            "profile": profile,
            "next_step": _mentor_next_step(
                user=request.user, upcoming=groups.upcoming, to_answer=to_answer, asks=asks, now=now
            ),
            "now": now,
            "to_answer": to_answer,
            "asks": asks,
            "upcoming": groups.upcoming[:3],
            "requests_url": _url("mentor_dashboard"),
            "profile_url": _url("mentors:edit"),
            "interviews_url": _url("interviews:list"),
        },
    )


def _student_of(interview) -> str:
    from interviews.display import student_name

    return student_name(interview.student)


def _mentor_next_step(*, user, upcoming, to_answer, asks, now: datetime) -> NextStep | None:
    """The one thing a mentor most needs to do now: a conversation under way, details a
    student is waiting for, a request to answer, an ask to move, feedback to give."""
    from interviews.selectors import interview_feedback_due_for

    for i in upcoming:
        if _in_progress(i, now):
            return NextStep(
                title=_("Your conversation with %(name)s is under way") % {"name": _student_of(i)},
                description=_("Until %(end)s.") % {"end": _time_of(i.ends_at)},
                url=i.get_absolute_url(),
                action=_("Open the conversation"),
            )
    for i in upcoming:
        if not i.meeting_details:
            return NextStep(
                title=_("Say how to meet %(name)s") % {"name": _student_of(i)},
                description=_(
                    "Your conversation is %(when)s, and the student is waiting for the address, "
                    "number or link."
                )
                % {"when": _relative(i.starts_at)},
                url=i.get_absolute_url(),
                action=_("Add the meeting details"),
            )
    if to_answer:
        first = to_answer[-1]  # the longest waiting
        return NextStep(
            title=_("Answer %(name)s's request") % {"name": _student_of(first)},
            description=_("A quick yes or a kind no both help a student move on."),
            url=first.get_absolute_url(),
            action=_("Answer the request"),
        )
    if asks:
        return NextStep(
            title=_("%(name)s asks to move your conversation") % {"name": _student_of(asks[0])},
            description=_("Pick one of the times they propose, or keep the agreed time."),
            url=asks[0].get_absolute_url(),
            action=_("Answer the ask"),
        )
    feedback_due = interview_feedback_due_for(user=user, limit=1)
    if feedback_due:
        return _feedback_step(feedback_due[0], other=_student_of(feedback_due[0]))
    return None


def home(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "landing.html")
    if user.is_student:
        return _student_dashboard(request)
    if user.is_mentor:
        return _mentor_dashboard(request)
    return render(request, "dashboards/staff.html", {"admin_links": _staff_admin_links(user)})


def _staff_admin_links(user) -> list[dict]:
    candidates = [
        ("admin:mentors_mentorprofile_changelist", gettext_lazy("Mentor profiles and approvals")),
        ("admin:students_studentprofile_changelist", gettext_lazy("Student profiles")),
        ("admin:students_contact_changelist", gettext_lazy("Networking contacts")),
        ("admin:notifications_notification_changelist", gettext_lazy("Email log")),
        ("admin:users_user_changelist", gettext_lazy("People")),
    ]
    links = [{"url": reverse("admin:index"), "label": gettext_lazy("Administration home")}]
    for name, label in candidates:
        app_model = name.split(":", 1)[1].rsplit("_", 1)[0]
        app_label, model = app_model.split("_", 1)
        if not user.has_perm(f"{app_label}.view_{model}"):
            continue
        if url := _url(name):
            links.append({"url": url, "label": label})
    return links


@never_cache
@login_required
def data_download(request):
    response = JsonResponse(account_data_export(user=request.user), json_dumps_params={"indent": 2})
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AccountDeleteForm(forms.Form):
    """The password, to be sure it is the person. Wrong passwords are limited per user
    (allauth's rate limits, action ``delete_account`` in ACCOUNT_RATE_LIMITS), so a
    session left open cannot be used to guess the password here."""

    RATE_LIMIT_ACTION = "delete_account"

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To be sure it is you."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user

    def _attempt(self, *, dry_run: bool) -> bool:
        return ratelimit.consume(
            self.request, action=self.RATE_LIMIT_ACTION, user=self.user, dry_run=dry_run
        )

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Checked before the password, so that once the limit is reached even the right
        # password waits: a guess cannot be confirmed.
        if not self._attempt(dry_run=True):
            raise forms.ValidationError(
                _(
                    "You typed a wrong password too many times. For your safety, wait "
                    "15 minutes, then try again. If you forgot your password, sign out "
                    "and reset it."
                ),
                code="rate_limited",
            )
        if not self.user.check_password(password):
            self._attempt(dry_run=False)  # only wrong passwords count
            raise forms.ValidationError(
                _("That is not your password. Type it again."), code="wrong_password"
            )
        return password


@never_cache
@login_required
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, request=request)
    if form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for using it."))
        return redirect("home")
    return render(request, "dashboards/account_delete.html", {"form": form})


def guide(request):
    return render(request, "guide.html")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): send them
    to the site's icon rather than a 404. Not permanent: the static name is hashed."""
    response = redirect(static("img/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
