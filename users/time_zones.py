"""The time zones people choose from.

``zoneinfo.available_timezones()`` is every file in the time zone database, some 600:
legacy aliases (US/Eastern, Asia/Calcutta), Etc/GMT+5 (whose sign is the reverse of what
people expect), and files such as localtime and posixrules. People choose from the
Area/Location names of tzdata's zone.tab instead: every canonical zone, plus the name
each country uses for its own (Europe/Oslo as well as Europe/Berlin). An account may
keep an older name it already has; any zone zoneinfo can load stays valid.
"""

import datetime
import functools
import importlib.resources
import zoneinfo
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timefmt import zone_label

AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@functools.cache
def known_time_zones() -> frozenset[str]:
    """Every name zoneinfo can load. Listing them reads the whole database from disk,
    so once per process."""
    return frozenset(zoneinfo.available_timezones())


def _zone_tab() -> str | None:
    """zone.tab from the database zoneinfo itself reads: the system's, else the tzdata
    package's."""
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    try:
        return (importlib.resources.files("tzdata.zoneinfo") / "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@functools.cache
def canonical_time_zones() -> tuple[str, ...]:
    """The names people choose from, sorted: zone.tab's Area/Location names, and UTC."""
    known = known_time_zones()
    text = _zone_tab()
    if text is None:  # no zone.tab anywhere: at least leave out the odd files
        names = set(known)
    else:
        rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
        names = {row[2] for row in rows if len(row) > 2}
    listed = {name for name in names if name.split("/", 1)[0] in AREAS and name in known}
    return tuple(sorted(listed | {"UTC"}))


def time_zone_choices(current: str = "") -> list[tuple[str, str]]:
    """``(name, label)`` pairs for a select, labelled as the site names zones everywhere
    (``America/New York (EST)``). ``current`` (the zone the person has now) is added when
    it is an older name, so saving something else never rejects it."""
    names = canonical_time_zones()
    if current and current not in names and current in known_time_zones():
        names = tuple(sorted((*names, current)))
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    return [(name, _label(name, hour)) for name in names]


@functools.lru_cache(maxsize=1024)
def _label(name: str, hour: datetime.datetime) -> str:
    """A zone's label as it reads this hour (abbreviations change twice a year, on the
    hour): 400 zones labelled once an hour rather than on every form."""
    return zone_label(name, at=hour)


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            _("%(value)s is not a time zone."), params={"value": value}, code="invalid_time_zone"
        )
