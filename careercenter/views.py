"""Pages that belong to no single app: the landing page, each role's dashboard, and a
person's own data (download, delete). Health is in health.py."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
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
class InterviewPanels:
    upcoming_interviews: list[DashboardItem] = field(default_factory=list)
    pending_requests: list[DashboardItem] = field(default_factory=list)
    tasks: list[DashboardItem] = field(default_factory=list)
    # Progress through the practice, for the next-steps list.
    has_researched: bool = False
    has_requested: bool = False


def _interview_panels(user) -> InterviewPanels:
    """Hook for the interviews app: fill from its selectors (upcoming interviews, open
    requests, tasks to confirm / prepare / thank, research and request progress)."""
    from datetime import timedelta

    from interviews.display import mentor_name
    from interviews.models import Interview
    from interviews.selectors import (
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
        upcoming_interviews=[
            DashboardItem(
                label=_("Conversation with %(name)s") % {"name": mentor_name(i.mentor)},
                url=i.get_absolute_url(),
                when=i.starts_at,
                detail=(
                    _("%(format)s · You asked to move it; waiting for the mentor.")
                    % {"format": i.get_format_display()}
                    if i.open_ask
                    else i.get_format_display()
                ),
            )
            for i in upcoming
        ],
        pending_requests=[
            DashboardItem(
                label=_("Request to %(name)s") % {"name": mentor_name(i.mentor)},
                url=i.get_absolute_url(),
                detail=(
                    _("Accepted: pick one of the proposed times.")
                    if i.status == Interview.Status.ACCEPTED
                    else _("Waiting for an answer.")
                ),
            )
            for i in waiting
        ],
    )
    # About 48 hours before, the student confirms; in the days before, they prepare.
    for i in upcoming:
        assert i.starts_at is not None  # scheduled: the database requires a time
        if i.confirmed_at is None and i.starts_at - now <= timedelta(hours=48):
            panels.tasks.append(
                DashboardItem(
                    label=_("Confirm your conversation with %(name)s")
                    % {"name": mentor_name(i.mentor)},
                    url=i.get_absolute_url(),
                    when=i.starts_at,
                    kind="confirm",
                )
            )
        elif i.starts_at - now <= timedelta(days=7):
            panels.tasks.append(
                DashboardItem(
                    label=_("Prepare your questions for %(name)s")
                    % {"name": mentor_name(i.mentor)},
                    url=i.get_absolute_url(),
                    when=i.starts_at,
                    kind="prepare",
                )
            )
    # Right after the conversation: always a thank-you, even if it helped less than hoped.
    for i in interview_thanks_due_for_student(user=user):
        panels.tasks.insert(
            0,
            DashboardItem(
                label=_("Send %(name)s a thank-you") % {"name": mentor_name(i.mentor)},
                url=i.get_absolute_url(),
                when=i.starts_at,
                kind="thank",
            ),
        )
    # Every request carries the student's research, so one request means both steps done.
    panels.has_requested = bool(upcoming or waiting) or (
        Interview.objects.filter(student=user).exists()
    )
    panels.has_researched = panels.has_requested
    return panels


@dataclass
class NextStep:
    title: StrOrPromise
    description: StrOrPromise
    url: str
    action: StrOrPromise
    done: bool = False
    current: bool = False


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
            description=gettext_lazy(
                "Friends, roommates, classmates, family, professors, past supervisors: "
                "anyone may know someone in the field."
            ),
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
            "next_step": next((s for s in steps if s.current), None),
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
    return render(
        request,
        "dashboards/mentor.html",
        {
            "profile": profile,
            "to_answer": to_answer,
            "asks": [i for i in groups.upcoming if i.open_ask is not None],
            "upcoming": groups.upcoming[:3],
            "requests_url": _url("mentor_dashboard"),
            "profile_url": _url("mentors:edit"),
            "interviews_url": _url("interviews:list"),
        },
    )


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
