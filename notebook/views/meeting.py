"""Placeholder until this part of the notebook is built."""

from django.http import Http404


def placeholder(request, interview_id: int):
    raise Http404
