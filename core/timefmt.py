"""Times as people read them, one style across pages, emails and forms.

An instant reads ``Tuesday, December 1, 2026, 3:00 PM EST`` in English and ``martes, 1 de
diciembre de 2026, 15:00 EST`` in Spanish: weekday, date, time and the zone's
abbreviation, in the viewer's zone (or the one given) and the active language (the
layouts are ``WHEN_*_FORMAT`` in ``core/formats/<language>/formats.py``). The abbreviation alone is
not always enough: tzdata has none for many zones (it writes ``-03``), and some are worn
by zones hours apart (IST is India, Israel and Ireland). Those read ``UTC-3`` and
``IST (UTC+5:30)``. A zone itself, in a form or a sentence, reads
``America/New York (EST)``: the name people chose it by, and what times will show.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo

from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

# The names of the layouts in each language's format module.
DATE_TIME = "WHEN_DATE_TIME_FORMAT"
TIME = "WHEN_TIME_FORMAT"
DATE = "WHEN_DAY_FORMAT"


def utc_offset(value: datetime.datetime) -> str:
    """``UTC-3``, ``UTC+5:30``, ``UTC``: the offset as people write it."""
    offset = value.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@functools.cache
def _offsets_by_abbreviation(year: int) -> dict[str, frozenset[datetime.timedelta]]:
    """Every abbreviation tzdata uses in ``year`` (its January and July), with the UTC
    offsets it stands for: more than one makes it ambiguous. Read once per process."""
    seen: dict[str, set[datetime.timedelta]] = {}
    instants = [datetime.datetime(year, month, 15, 12, tzinfo=datetime.UTC) for month in (1, 7)]
    for name in zoneinfo.available_timezones():
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        for instant in instants:
            local = instant.astimezone(zone)
            abbreviation, offset = local.tzname(), local.utcoffset()
            if abbreviation and offset is not None:
                seen.setdefault(abbreviation, set()).add(offset)
    return {abbreviation: frozenset(offsets) for abbreviation, offsets in seen.items()}


def _zone_parts(value: datetime.datetime) -> tuple[str, str]:
    """(abbreviation, offset): the offset is "" when the abbreviation says it alone."""
    abbreviation = value.tzname() or ""
    if not abbreviation or abbreviation[0] in "+-":
        return utc_offset(value), ""
    if len(_offsets_by_abbreviation(value.year).get(abbreviation, ())) > 1:
        return abbreviation, utc_offset(value)
    return abbreviation, ""


def zone_abbreviation(value: datetime.datetime) -> str:
    """``EST``, ``UTC-3``, ``IST (UTC+5:30)``: which zone an aware time is in.

    Django's ``T`` is empty in the hour that happens twice (it will not guess the fold);
    the datetime itself knows, so the abbreviation comes from it."""
    abbreviation, offset = _zone_parts(value)
    return f"{abbreviation} ({offset})" if offset else abbreviation


def _format(value: datetime.datetime, layout: str) -> str:
    return f"{dateformat.format(value, get_format(layout))} {zone_abbreviation(value)}"


def when(value: datetime.datetime | None, zone=None) -> str:
    """``Tuesday, December 1, 2026, 3:00 PM EST`` in ``zone`` or the active zone."""
    if value is None:
        return ""
    return _format(timezone.localtime(value, zone), DATE_TIME)


def window(starts_at: datetime.datetime, ends_at: datetime.datetime, zone=None) -> str:
    """A window on one line: ``Tuesday, December 1, 2026, 3:00 PM MST to 5:00 PM MST``."""
    start = timezone.localtime(starts_at, zone)
    end = timezone.localtime(ends_at, zone)
    layout = TIME if start.date() == end.date() else DATE_TIME
    return _("%(start)s to %(end)s") % {
        "start": _format(start, DATE_TIME),
        "end": _format(end, layout),
    }


def time_of_day(value: datetime.datetime, zone=None) -> str:
    """``3:30 PM EST`` in ``zone`` or the active zone."""
    return _format(timezone.localtime(value, zone), TIME)


def day(value: datetime.datetime | datetime.date | None, zone=None) -> str:
    """``Tuesday, December 1, 2026``: the day of an instant (in ``zone`` or the active
    zone) or a date."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, zone)
    return dateformat.format(value, get_format(DATE))


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


def zone_label(name: str, *, at: datetime.datetime | None = None) -> str:
    """``America/New York (EST)``, ``America/Sao Paulo (UTC-3)``, ``Asia/Kolkata (IST,
    UTC+5:30)``: a zone by the name it is chosen by, and how times in it read ``at``
    (now by default: EST in winter, EDT in summer). An unknown name is returned as is."""
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return name
    local = (at or timezone.now()).astimezone(zone)
    abbreviation, offset = _zone_parts(local)
    shown = f"{abbreviation}, {offset}" if offset else abbreviation
    readable = name.replace("_", " ")
    return readable if shown == readable else f"{readable} ({shown})"
