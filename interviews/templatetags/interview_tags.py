"""Times as people read them (full date, time and zone abbreviation, in the viewer's
zone), the names of the people in an interview, and the request button's state."""

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from .. import display
from ..selectors import interview_open_with

register = template.Library()

DATE_TIME = "l, F j, Y, g:i A"
TIME = "g:i A"


def _format(value: datetime.datetime, layout: str) -> str:
    """Django's ``T`` is empty in the hour that happens twice (it will not guess the
    fold); the datetime itself knows, so the abbreviation comes from it."""
    return f"{dateformat.format(value, layout)} {value.tzname()}"


def when(value: datetime.datetime | None, zone=None) -> str:
    """``Tuesday, December 1, 2026, 3:00 PM MST`` in ``zone`` or the active zone."""
    if value is None:
        return ""
    return _format(timezone.localtime(value, zone), DATE_TIME)


def window(starts_at: datetime.datetime, ends_at: datetime.datetime, zone=None) -> str:
    """A window on one line: ``Tuesday, December 1, 2026, 3:00 PM MST to 5:00 PM MST``."""
    start = timezone.localtime(starts_at, zone)
    end = timezone.localtime(ends_at, zone)
    if start.date() == end.date():
        return _("%(start)s to %(end)s") % {
            "start": _format(start, DATE_TIME),
            "end": _format(end, TIME),
        }
    return _("%(start)s to %(end)s") % {
        "start": _format(start, DATE_TIME),
        "end": _format(end, DATE_TIME),
    }


def time_of_day(value: datetime.datetime, zone=None) -> str:
    """``3:30 PM EST`` in ``zone`` or the active zone."""
    return _format(timezone.localtime(value, zone), TIME)


def relative_when(value: datetime.datetime, *, now: datetime.datetime, zone=None) -> str:
    """When ``value`` is, as read at ``now`` in ``zone``: ``in 15 minutes``, ``today at
    3:00 PM EST``, ``tomorrow at 3:00 PM EST``, or ``on Tuesday, December 1, 2026, ...``."""
    left = value - now
    if datetime.timedelta(0) < left < datetime.timedelta(hours=1):
        minutes = max(1, round(left.total_seconds() / 60))
        return _("in %(minutes)d minutes") % {"minutes": minutes}
    local, today = timezone.localtime(value, zone), timezone.localtime(now, zone).date()
    if local.date() == today:
        return _("today at %(time)s") % {"time": _format(local, TIME)}
    if local.date() == today + datetime.timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": _format(local, TIME)}
    return _("on %(when)s") % {"when": _format(local, DATE_TIME)}


@register.filter(name="when")
def when_filter(value):
    return when(value)


@register.filter(name="window")
def window_filter(proposal):
    """A TimeProposal (or anything with starts_at/ends_at) as a window."""
    return window(proposal.starts_at, proposal.ends_at)


@register.filter
def student_name(user):
    """``{{ interview.student|student_name }}``: "a former student" once the account is gone."""
    return display.student_name(user)


@register.filter
def mentor_name(mentor):
    """``{{ interview.mentor|mentor_name }}``: "a former mentor" once the account is gone."""
    return display.mentor_name(mentor)


@register.filter
def other_party(interview, user):
    """``{{ interview|other_party:user }}``: whom this person talks with."""
    return display.other_party_name(interview, user)


@register.simple_tag(takes_context=True)
def open_request_with(context, mentor):
    """``{% open_request_with mentor as open_request %}``: the signed-in student's open
    request or conversation with this mentor, or None."""
    user = context.get("user")
    if user is None or not user.is_authenticated or not user.is_student:
        return None
    return interview_open_with(student=user, mentor_id=mentor.pk)
