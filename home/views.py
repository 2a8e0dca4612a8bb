"""The top of the site: the landing page, each role's dashboard, the guide, and a
person's own data (download, delete).

Each dashboard composes the apps' own panels (``students.selectors``,
``mentors.selectors``, ``interviews.panels``, and the student's suggestions of whom to
talk to next from ``notebook.selectors.recommendations``); this module adds only the
order of the practice and the links between the apps."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.dashboard import NextStep
from core.kept import kept_page
from interviews.panels import (
    InterviewPanels,
    interview_panels_for_mentor,
    interview_panels_for_student,
)
from mentors.selectors import mentor_profile_with_capacity_for
from notebook.recommendations_cache import recommendations_html
from notebook.selectors.thanks import thanks_received_for_mentor
from students.selectors import (
    CONTACTS_TO_START,
    contact_counts_for_student,
    student_profile_completeness,
    student_profile_for_user,
)

from .forms import AccountDeleteForm
from .privacy import account_data_export, account_delete


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
    panels = interview_panels_for_student(user)
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
            "recommendations_html": recommendations_html(user),
        },
    )


def _mentor_dashboard(request):
    now = timezone.now()
    panels = interview_panels_for_mentor(user=request.user, now=now)
    return render(
        request,
        "dashboards/mentor.html",
        {
            "profile": mentor_profile_with_capacity_for(user=request.user, month_of=now),
            "next_step": panels.next_step,
            "now": now,
            "to_answer": panels.to_answer,
            "asks": panels.asks,
            "upcoming": panels.upcoming,
            "thanks": thanks_received_for_mentor(user=request.user),
            "requests_url": _url("mentor_dashboard"),
            "profile_url": _url("mentors:edit"),
            "interviews_url": _url("interviews:list"),
            "impact_url": _url("notebook:impact"),
        },
    )


def home(request):
    user = request.user
    if not user.is_authenticated:
        return kept_page(request, "landing.html", {})
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
        ("admin:notebook_bankquestion_changelist", gettext_lazy("Question bank")),
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
    return kept_page(request, "guide.html", {})


# The day the accessibility statement was last reviewed against the site; change it with
# the statement.
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 12, 2)


def accessibility(request):
    """The accessibility statement a public university must publish."""
    return render(
        request,
        "accessibility.html",
        {"statement_date": ACCESSIBILITY_STATEMENT_DATE},
    )


def privacy(request):
    """What is stored, who sees it, how long it is kept, and how to take it away."""
    return render(request, "privacy.html")
