"""A mentor's impact page: what their conversations led to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from mentors.models import MentorProfile

from ..selectors.impact import mentor_impact


@login_required
def impact(request):
    """The mentor's own impact; anyone without a mentor profile gets 404."""
    mentor = MentorProfile.objects.filter(user=request.user).only("pk", "status").first()
    if mentor is None:
        raise Http404
    return render(
        request, "notebook/insights/impact.html", {"impact": mentor_impact(mentor=mentor)}
    )
