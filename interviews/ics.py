"""Calendar invites (RFC 5545 / 5546) for a scheduled interview.

One UID per interview for its whole life; SEQUENCE comes from the row and goes up on
every change, so calendars replace the old event. The student, the attendee, is emailed
METHOD:REQUEST (METHOD:CANCEL for a cancellation); a copy that invites no reply (the
download, the mentor's own copy as organizer) is METHOD:PUBLISH, without attendees
(RFC 5546, 3.2.1), and STATUS:CANCELLED once the conversation is cancelled. A person's
calendar feed lists the same events (same UID and SEQUENCE), so a subscription and the
emailed invites update one event rather than showing two.
Times carry the mentor's zone with its VTIMEZONE, so calendars show them correctly
across daylight-saving changes.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from notifications.services import Attachment, absolute_url

from .display import mentor_name, student_name
from .models import Interview

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
# How often a subscribed calendar should look for changes (RFC 7986 REFRESH-INTERVAL).
FEED_REFRESH = datetime.timedelta(hours=1)


def interview_uid(interview: Interview) -> str:
    return f"{interview.uid}@{settings.EMAIL_MESSAGE_ID_DOMAIN}"


def _address(user, *, role: str, partstat: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(str(user))
    address.params["role"] = vText(role)
    address.params["partstat"] = vText(partstat)
    return address


def _summary(interview: Interview) -> str:
    # A deleted account keeps an anonymised row: name it as the pages do ("a former
    # student"), not by the placeholder address it was given.
    mentor_user = interview.mentor.user
    mentor = mentor_name(interview.mentor) if mentor_user.is_erased else str(mentor_user)
    return _("Informational interview: %(student)s and %(mentor)s") % {
        "student": student_name(interview.student),
        "mentor": mentor,
    }


def _event(interview: Interview, *, method: str | None, stamp: datetime.datetime) -> Event:
    # Only an interview that has a time gets an event: a scheduled one (the database
    # requires both ends then), or one that had a time and was since held or cancelled.
    assert interview.starts_at is not None and interview.ends_at is not None
    mentor_user = interview.mentor.user
    zone = zoneinfo.ZoneInfo(mentor_user.time_zone or settings.TIME_ZONE)
    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("sequence", interview.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", interview.starts_at.astimezone(zone))
    event.add("dtend", interview.ends_at.astimezone(zone))
    event.add("summary", _summary(interview))
    details = [
        _("Format: %(format)s") % {"format": interview.get_format_display()}
        if interview.format
        else "",
        interview.meeting_details,
        _("A conversation for information and advice, not a job interview."),
        absolute_url(interview.get_absolute_url()),
    ]
    event.add("description", "\n\n".join(d for d in details if d))
    if interview.format == Interview.Format.IN_PERSON and interview.meeting_details:
        event.add("location", interview.meeting_details)
    event.add("url", absolute_url(interview.get_absolute_url()))
    cancelled = method == CANCEL or interview.status == Interview.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event["organizer"] = _address(mentor_user, role="CHAIR", partstat="ACCEPTED")
    if method in (REQUEST, CANCEL):
        event.add(
            "attendee", _address(mentor_user, role="CHAIR", partstat="ACCEPTED"), encode=False
        )
        event.add(
            "attendee",
            _address(interview.student, role="REQ-PARTICIPANT", partstat="ACCEPTED"),
            encode=False,
        )
    return event


def _calendar(*, method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//careercenter//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def interview_ics(interview: Interview, *, method: str = REQUEST) -> str:
    calendar = _calendar(method=method)
    calendar.add_component(_event(interview, method=method, stamp=timezone.now()))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def calendar_feed_ics(interviews: Iterable[Interview], *, name: str) -> str:
    """A subscription calendar of these interviews (each with a time; see
    ``selectors.calendar_feed_interviews``), events as in the invites: same UID and
    SEQUENCE, STATUS:CANCELLED for a cancelled one, no attendees.

    No METHOD: a subscribed calendar is not a scheduling message (RFC 5546 does not
    apply), and DTSTAMP is then the event's last change (RFC 5545, 3.8.7.2), which also
    keeps the text identical between requests until something changes (the ETag).
    """
    calendar = _calendar(method=None)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", FEED_REFRESH)
    for interview in interviews:
        calendar.add_component(_event(interview, method=None, stamp=interview.updated_at))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def interview_ics_attachment(interview: Interview, *, method: str = REQUEST) -> Attachment:
    name = "cancel.ics" if method == CANCEL else "invite.ics"
    return Attachment(
        filename=name,
        content=interview_ics(interview, method=method),
        mimetype=f"text/calendar; method={method}; charset=UTF-8",
    )
