"""Times as people read them: full date, time and zone abbreviation, in the viewer's zone."""

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

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


@register.filter(name="when")
def when_filter(value):
    return when(value)


@register.filter(name="window")
def window_filter(proposal):
    """A TimeProposal (or anything with starts_at/ends_at) as a window."""
    return window(proposal.starts_at, proposal.ends_at)
