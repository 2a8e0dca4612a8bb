"""Calendar invites (RFC 5545 / 5546) for a scheduled interview.

One UID per interview for its whole life; SEQUENCE comes from the row and goes up on
every change, so calendars replace the old event. The student, the attendee, is emailed
METHOD:REQUEST (METHOD:CANCEL for a cancellation); a copy that invites no reply (the
download, the mentor's own copy as organizer) is METHOD:PUBLISH, without attendees
(RFC 5546, 3.2.1), and STATUS:CANCELLED once the conversation is cancelled.
Times carry the mentor's zone with its VTIMEZONE, so calendars show them correctly
across daylight-saving changes.
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from notifications.services import Attachment, absolute_url

from .models import Interview

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def interview_uid(interview: Interview) -> str:
    return f"{interview.uid}@{settings.EMAIL_MESSAGE_ID_DOMAIN}"


def _address(user, *, role: str, partstat: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(str(user))
    address.params["role"] = vText(role)
    address.params["partstat"] = vText(partstat)
    return address


def interview_ics(interview: Interview, *, method: str = REQUEST) -> str:
    # Only an interview that has a time gets an invite: a scheduled one (the database
    # requires both ends then) or the cancellation of one.
    assert interview.starts_at is not None and interview.ends_at is not None
    mentor_user = interview.mentor.user
    zone = zoneinfo.ZoneInfo(mentor_user.time_zone or settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//careercenter//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", interview.starts_at.astimezone(zone))
    event.add("dtend", interview.ends_at.astimezone(zone))
    event.add(
        "summary",
        f"Informational interview: {interview.student} and {mentor_user}",
    )
    details = [
        f"Format: {interview.get_format_display()}" if interview.format else "",
        interview.meeting_details,
        "A conversation for information and advice, not a job interview.",
        absolute_url(interview.get_absolute_url()),
    ]
    event.add("description", "\n\n".join(d for d in details if d))
    if interview.format == Interview.Format.IN_PERSON and interview.meeting_details:
        event.add("location", interview.meeting_details)
    event.add("url", absolute_url(interview.get_absolute_url()))
    cancelled = method == CANCEL or interview.status == Interview.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event["organizer"] = _address(mentor_user, role="CHAIR", partstat="ACCEPTED")
    if method != PUBLISH:
        event.add(
            "attendee", _address(mentor_user, role="CHAIR", partstat="ACCEPTED"), encode=False
        )
        event.add(
            "attendee",
            _address(interview.student, role="REQ-PARTICIPANT", partstat="ACCEPTED"),
            encode=False,
        )
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def interview_ics_attachment(interview: Interview, *, method: str = REQUEST) -> Attachment:
    name = "cancel.ics" if method == CANCEL else "invite.ics"
    return Attachment(
        filename=name,
        content=interview_ics(interview, method=method),
        mimetype=f"text/calendar; method={method}; charset=UTF-8",
    )
