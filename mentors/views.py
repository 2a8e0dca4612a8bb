from collections.abc import Sequence
from urllib.parse import urlencode

from allauth.core import ratelimit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.cache_versions import (
    VersionedFound,
    VersionedRead,
    versioned_get_together,
    versioned_set_many,
)
from core.kept import kept_page

from .access import access_mentor_profile, access_own_mentor_profile
from .directory_cache import (
    VERSION_KEY,
    directory_cache_key,
    directory_cache_seconds,
    directory_version,
)
from .directory_cards import directory_cards, directory_cards_read
from .directory_panels import Panel, panels_with
from .forms import DirectoryFilterForm, MentorProfileForm, PauseForm, VolunteerForm
from .models import MentorProfile
from .selectors import (
    DirectoryPage,
    career_field_choices,
    career_field_choices_read,
    mentor_directory,
)
from .services import (
    MentorStateError,
    mentor_pause,
    mentor_profile_update,
    mentor_resume,
    mentor_retire,
    mentor_volunteer,
)


def _page_number(raw: str | None) -> int:
    try:
        return max(int(raw or 1), 1)
    except ValueError:
        return 1


def _read_together(
    user, reads: Sequence[VersionedRead | None], *, panels: bool
) -> tuple[list[VersionedFound | None], list[Panel]]:
    """Each of ``reads`` (None: nothing to read) in one round trip, with ``user``'s
    panels (``directory_panels``) when ``panels``."""
    wanted = [read for read in reads if read is not None]
    if panels:
        found, shown = panels_with(user, wanted)
    else:
        found, shown = (versioned_get_together(wanted) if wanted else []), []
    each = iter(found)
    return [next(each) if read is not None else None for read in reads], shown


@login_required
def directory(request):
    """The results are the same for every reader, so the rendered body is cached per query
    (see directory_cache); the page around it is kept in each process (``kept_page``)
    and joined with this reader's CSRF token and the panels other apps add for them
    (directory_panels) on the plain first page, before any search or filter.

    The cache is read at most twice: the body with the panels; then, when the body has
    to be rendered, the page's cards and the career fields offered (with the panels, if
    the body was not looked for). Each read takes what this process has a copy of and
    the rest from Redis in one round trip (``core.cache_versions``): none for a page
    this process served before under the same versions. A page whose body is not
    cached makes one query for its mentors."""
    seconds = directory_cache_seconds()
    plain = not request.GET
    key, found, body, panels = "", None, None, None
    if seconds:
        key = directory_cache_key(dict(request.GET.lists()))
        (found,), panels = _read_together(
            request.user, [VersionedRead((VERSION_KEY,), (key,))], panels=plain
        )
        body = found.entries.get(key) if found is not None else None
    if body is None:
        form = DirectoryFilterForm(request.GET)
        page = mentor_directory(filters=form.filters(), page=_page_number(request.GET.get("page")))
        (cards, fields), more = _read_together(
            request.user,
            [directory_cards_read(page.mentors), career_field_choices_read()],
            panels=plain and panels is None,
        )
        panels = more if panels is None else panels
        form.career_fields = career_field_choices(fields)
        query = request.GET.copy()
        query.pop("page", None)
        body = render_to_string(
            "mentors/includes/directory_body.html",
            {
                "form": form,
                "page": page,
                # This page's own address, the directory's, as {% url %} would give it.
                "directory_url": request.path,
                "cards": directory_cards(page.mentors, cards),
                "query": query.urlencode(),
                **_empty_result_links(page, query),
            },
            request=request,
        ).encode()
        if found is not None:
            versioned_set_many(found.versions, {key: body}, seconds)
    return kept_page(
        request,
        "mentors/directory.html",
        {"panels": SafeString("".join(panel.html for panel in panels)), "body": body},
    )


def _empty_result_links(page: DirectoryPage, query: QueryDict) -> dict[str, str]:
    """Where a search that found nobody can go next: the suggested spelling with the same
    filters, and the same words without any filter."""
    if page.mentors or page.number > 1:
        return {}
    links = {}
    if page.suggestion:
        suggested = query.copy()
        suggested["q"] = page.suggestion
        links["suggestion_query"] = suggested.urlencode()
    if any(key != "q" for key in page.filters):
        words = page.filters.get("q", "")
        links["unfiltered_query"] = urlencode({"q": words}) if words else ""
    return links


@login_required
def detail(request, mentor_id: int):
    mentor = access_mentor_profile(user=request.user, mentor_id=mentor_id)
    try:
        # The scheduling app provides this; until it does, the page shows no button.
        request_url = reverse("interviews:request_create", args=[mentor.pk])
    except NoReverseMatch:
        request_url = ""
    seconds = settings.MENTOR_CARD_CACHE_SECONDS
    return render(
        request,
        "mentors/detail.html",
        {
            "mentor": mentor,
            "request_url": request_url,
            "is_own": mentor.user_id == request.user.pk,
            # What the profile shows every reader is kept in the cache, as the directory's
            # cards are (directory_cards): under the directory's version.
            "profile_cache_seconds": seconds,
            "profile_version": directory_version() if seconds else 0,
        },
    )


def volunteer(request):
    user = request.user if request.user.is_authenticated else None
    if user is not None and MentorProfile.objects.filter(user=user).exists():
        messages.info(request, _("You have volunteered already. Here is your profile."))
        return redirect("mentors:edit")
    form = VolunteerForm(request.POST or None, user=user)
    if form.is_valid() and not volunteer_rate_limited(request, form):
        mentor_volunteer(
            request=request,
            user=user,
            account_data=form.account_data(),
            profile_data=form.profile_data(),
            career_fields=form.cleaned_data["career_fields"],
            time_zone=form.cleaned_data["time_zone"],
        )
        request.session["mentor_volunteered_new_account"] = user is None
        return redirect("mentors:volunteer_thanks")
    limited = form.has_error("email", "rate_limited") or form.has_error(
        NON_FIELD_ERRORS, "rate_limited"
    )
    return render(request, "mentors/volunteer.html", {"form": form}, status=429 if limited else 200)


def volunteer_rate_limited(request, form: VolunteerForm) -> bool:
    """allauth's limits, as on sign-up: per address (each post may email it) and per
    network address. When limited, the form says so and keeps everything typed."""
    new_account = form.account_data() is not None
    email = form.cleaned_data["email"] if new_account else request.user.email
    if ratelimit.consume(request, action="volunteer", key=email):
        return False
    form.add_error(
        "email" if new_account else None,
        forms.ValidationError(
            _(
                "Too many sign-ups from here or for this address in a short while. "
                "Nothing was sent; please wait an hour and try again."
            ),
            code="rate_limited",
        ),
    )
    return True


def volunteer_thanks(request):
    new_account = request.session.get("mentor_volunteered_new_account", True)
    return render(request, "mentors/volunteer_thanks.html", {"new_account": new_account})


@login_required
def profile_edit(request):
    profile = access_own_mentor_profile(user=request.user)
    form = MentorProfileForm(request.POST or None, instance=profile, user=request.user)
    if form.is_valid():
        mentor_profile_update(
            profile=profile,
            data=form.profile_data(),
            career_fields=form.cleaned_data["career_fields"],
            time_zone=form.cleaned_data["time_zone"],
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("mentors:edit")
    return render(
        request,
        "mentors/edit.html",
        {"form": form, "profile": profile, "pause_form": PauseForm()},
    )


@login_required
@require_POST
def profile_pause(request):
    profile = access_own_mentor_profile(user=request.user)
    form = PauseForm(request.POST)
    if form.is_valid():
        try:
            mentor_pause(profile=profile, until=form.cleaned_data["until"])
        except MentorStateError:
            messages.error(request, _("Only an approved mentor can pause."))
        else:
            messages.success(request, _("Paused. Students will not find you until then."))
        return redirect("mentors:edit")
    profile_form = MentorProfileForm(instance=profile, user=request.user)
    return render(
        request,
        "mentors/edit.html",
        {"form": profile_form, "profile": profile, "pause_form": form},
        status=400,
    )


@login_required
@require_POST
def profile_resume(request):
    profile = access_own_mentor_profile(user=request.user)
    try:
        mentor_resume(profile=profile)
    except MentorStateError:
        messages.error(request, _("Your profile is not paused."))
    else:
        messages.success(request, _("Welcome back. Students can find you again."))
    return redirect("mentors:edit")


@login_required
@require_http_methods(["GET", "POST"])
def profile_retire(request):
    """GET says what retiring means and asks to confirm; POST retires."""
    profile = access_own_mentor_profile(user=request.user)
    if request.method == "POST":
        mentor_retire(profile=profile)
        messages.success(
            request,
            _("You are retired as a Career Mentor. Thank you for the help you gave students."),
        )
        return redirect("mentors:edit")
    return render(request, "mentors/retire_confirm.html", {"profile": profile})
