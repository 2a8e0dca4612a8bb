from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import access_contact, access_student_profile
from .decorators import onboarded_student_required, student_required
from .forms import ContactFilterForm, ContactForm, StudentProfileForm
from .models import Contact, StudentProfile
from .selectors import (
    contact_counts_for_student,
    contact_list_for_student,
    student_profile_completeness,
    student_profile_for_user,
)
from .services import (
    contact_create,
    contact_delete,
    contact_update,
    resume_response,
    student_profile_update,
    student_resume_delete,
)
from .sources import contact_sources_for


def _next_url(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


@student_required
def profile_view(request):
    profile = student_profile_for_user(user=request.user) or StudentProfile(user=request.user)
    first_time = not profile.is_complete
    form = StudentProfileForm(
        request.POST or None, request.FILES or None, instance=profile, user=request.user
    )
    if form.is_valid():
        try:
            profile = student_profile_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:  # the résumé could not be stored
            form.add_error(None, error)
    if form.is_valid():
        if first_time:
            messages.success(request, _("Profile saved. Next: brainstorm the people you know."))
        else:
            messages.success(request, _("Profile saved."))
        return redirect(_next_url(request, "home"))
    if form.errors:
        messages.error(request, _("Please fix the marked fields below."))
    return render(
        request,
        "students/profile_form.html",
        {
            "form": form,
            "profile": profile,
            "first_time": first_time,
            "completeness": student_profile_completeness(profile=profile if profile.pk else None),
            "next": _next_url(request, ""),
        },
    )


@student_required
def own_resume_download(request):
    profile = student_profile_for_user(user=request.user)
    if profile is None:
        return redirect("students:profile")
    return resume_response(profile=profile)


@login_required
def resume_download(request, profile_id: int):
    profile = access_student_profile(user=request.user, profile_id=profile_id, for_resume=True)
    return resume_response(profile=profile)


@require_POST
@student_required
def resume_delete(request):
    profile = student_profile_for_user(user=request.user)
    if profile is not None and profile.resume:
        student_resume_delete(profile=profile)
        messages.success(request, _("Your résumé has been removed."))
    return redirect("students:profile")


@onboarded_student_required
def network_view(request):
    filters = ContactFilterForm(request.GET or None)
    contacts = list(contact_list_for_student(student=request.user, **filters.filters))
    sources = contact_sources_for(contacts)
    for contact in contacts:
        contact.source = sources.get(contact.pk)
    counts = contact_counts_for_student(student=request.user)
    return render(
        request,
        "students/network.html",
        {
            "contacts": contacts,
            "counts": counts,
            "filter_form": filters,
            "filtered": any(filters.filters.values()),
        },
    )


def _save_contact(request, form, contact: Contact | None):
    try:
        if contact is None:
            return contact_create(student=request.user, **form.cleaned_data)
        return contact_update(contact=contact, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@onboarded_student_required
def contact_add_view(request):
    form = ContactForm(request.POST or None, student=request.user)
    if form.is_valid() and (contact := _save_contact(request, form, None)):
        messages.success(request, _("%(name)s is on your list.") % {"name": contact.name})
        if "save_another" in request.POST:
            return redirect("students:contact_add")
        return redirect("students:network")
    return render(request, "students/contact_form.html", {"form": form, "contact": None})


@onboarded_student_required
def contact_edit_view(request, contact_id: int):
    contact = access_contact(user=request.user, contact_id=contact_id)
    form = ContactForm(request.POST or None, instance=contact, student=request.user)
    if form.is_valid() and _save_contact(request, form, contact):
        messages.success(request, _("Saved %(name)s.") % {"name": contact.name})
        return redirect("students:network")
    return render(request, "students/contact_form.html", {"form": form, "contact": contact})


@onboarded_student_required
def contact_delete_view(request, contact_id: int):
    contact = access_contact(user=request.user, contact_id=contact_id)
    if request.method == "POST":
        contact_delete(contact=contact)
        messages.success(request, _("Removed %(name)s from your list.") % {"name": contact.name})
        return redirect("students:network")
    return render(request, "students/contact_confirm_delete.html", {"contact": contact})
