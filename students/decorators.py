"""Guards for student-only pages: signed in, a student, and (mostly) onboarded."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import student_profile_is_complete


def student_required(view):
    """Signed in and a student; anyone else signed in gets 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_student:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def onboarding_redirect(request):
    """Send a student without a complete profile to it, and back here afterwards."""
    messages.info(
        request,
        _("Start with your profile: it helps mentors understand what you are looking for."),
    )
    url = reverse("students:profile")
    if request.method == "GET" and request.path != reverse("home"):
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)


def onboarded_student_required(view):
    """For student pages that make sense only after onboarding (other apps may use it)."""

    @wraps(view)
    @student_required
    def wrapper(request, *args, **kwargs):
        if not student_profile_is_complete(user=request.user):
            return onboarding_redirect(request)
        return view(request, *args, **kwargs)

    return wrapper
