"""Timed reminders: outbox rows created, moved or voided with the change that affects them.

Nothing here waits in the broker. Each reminder is a row with a due time (and a
send-by deadline), keyed by the interview's calendar sequence, so a reschedule voids
the old rows and writes new ones, and the same reminder can never be queued twice.
Each is rendered when it is sent (the builders below, see ``emails``), so it reaches the
reader at their address, and in their zone, as they are then.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.timefmt import relative_when
from notifications.categories import FEEDBACK as FEEDBACK_REQUESTS
from notifications.categories import NUDGES
from notifications.services import absolute_url, notification_void_pending

from .display import mentor_name, student_name, thank_you_url
from .emails import Message, Reading, message_for, queue
from .models import Interview
from .preparation import email_lines

CONFIRM = "reminder.confirm"
CONFIRM_AGAIN = "reminder.confirm_again"
PREP = "reminder.prep"
THANK_YOU = "reminder.thank_you"
THANK_YOU_NUDGE = "reminder.thank_you_nudge"
FEEDBACK = "reminder.feedback"
STALE = "reminder.stale_request"
MEETING_KINDS = (CONFIRM, CONFIRM_AGAIN, PREP, THANK_YOU, THANK_YOU_NUDGE, FEEDBACK)


CONFIRM_SALT = "interviews.confirm"


def _hours(n: int) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


def confirm_token(interview: Interview) -> str:
    """A signed token for one interview at one sequence: a reschedule makes old links stale."""
    return signing.dumps({"i": interview.pk, "s": interview.sequence}, salt=CONFIRM_SALT)


def confirm_token_check(token: str, *, max_age: datetime.timedelta) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return int(data["i"]), int(data["s"])


def confirm_url(interview: Interview) -> str:
    return absolute_url(
        reverse("interviews:confirm_link", args=[interview.pk, confirm_token(interview)])
    )


# Below these, a reminder no longer helps: a confirmation asked for a few hours before
# (the student has just agreed the time), or preparation advice as the conversation
# begins. Such reminders are not queued at all.
CONFIRM_MIN_NOTICE = datetime.timedelta(hours=6)
PREP_MIN_NOTICE = datetime.timedelta(hours=2)


def _prep_lines(interview: Interview, *, when: str) -> list[str]:
    lines = [
        _("Your conversation with %(mentor)s is %(when)s. A little preparation goes a long way:")
        % {"mentor": mentor_name(interview.mentor), "when": when},
        _("• Review your question list and put the most important questions first."),
        _("• Re-read what you found out about the field, the person and the organization."),
        _("• Bring a few copies of your résumé, but do not hand one over unless asked."),
        _("• Stay within the %(minutes)d minutes you asked for.")
        % {"minutes": interview.duration_minutes},
    ]
    if interview.format == Interview.Format.IN_PERSON:
        lines.append(_("• Dress professionally and arrive 15–20 minutes early."))
    elif interview.format == Interview.Format.VIDEO:
        lines.append(_("• Test the video link and your camera a few minutes before."))
    else:
        lines.append(_("• Be somewhere quiet, with your notes in front of you."))
    return lines


def _when(reading: Reading) -> str:
    """When the conversation is, as read at the moment the reminder is due ("tomorrow at
    7:00 AM"), in the reader's zone as it is when the email is sent."""
    start = reading.interview.starts_at
    assert start is not None  # reminders are voided when the time is taken away
    return relative_when(start, now=reading.due_at, zone=reading.reader.tzinfo)


def _confirm_reminders(interview: Interview, *, now: datetime.datetime, event: str) -> None:
    """Ask the student to confirm about 48 hours before and, if they have not, again
    about a day before. Booked later than that, ask once now, unless the conversation is
    only hours away; the wording says when it is, as read when the email is due."""
    start = interview.starts_at
    assert start is not None  # scheduled
    confirm_due = start - _hours(settings.REMINDER_CONFIRM_HOURS_BEFORE)
    on_time = confirm_due > now
    due = confirm_due if on_time else now
    if start - due >= CONFIRM_MIN_NOTICE:
        queue(
            interview,
            kind=CONFIRM,
            to=interview.student,
            params={"on_time": on_time},
            event=event,
            due_at=due,
            expires_at=start,
        )
    again_due = start - _hours(settings.REMINDER_CONFIRM_AGAIN_HOURS_BEFORE)
    if on_time and again_due > confirm_due:
        queue(
            interview,
            kind=CONFIRM_AGAIN,
            to=interview.student,
            event=event,
            due_at=again_due,
            expires_at=start,
        )


@message_for(CONFIRM)
def _confirm(reading: Reading) -> Message:
    interview = reading.interview
    mentor = mentor_name(interview.mentor)
    return Message(
        subject=_("Please confirm your conversation with %(mentor)s") % {"mentor": mentor},
        lines=[
            (
                _(
                    "It is good practice to confirm about two days before. One click "
                    "tells %(mentor)s you will be there."
                )
                if reading.params.get("on_time")
                else _(
                    "Your conversation is %(when)s. It is good practice to confirm; one "
                    "click tells %(mentor)s you will be there."
                )
            )
            % {"mentor": mentor, "when": _when(reading)},
        ],
        show_time=True,
        action_label=_("Yes, I will be there"),
        action_url=confirm_url(interview),
    )


@message_for(CONFIRM_AGAIN)
def _confirm_again(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("A gentle reminder: confirm your conversation %(when)s")
        % {"when": _when(reading)},
        lines=[
            _(
                "You have not confirmed yet. %(mentor)s has set time aside for you; a "
                "one-click confirmation is a courtesy they will notice."
            )
            % {"mentor": mentor_name(interview.mentor)},
        ],
        show_time=True,
        action_label=_("Yes, I will be there"),
        action_url=confirm_url(interview),
    )


def _prep_reminder(interview: Interview, *, now: datetime.datetime, event: str) -> None:
    """The day before, or now if booked later, unless the conversation is about to start."""
    start = interview.starts_at
    assert start is not None  # scheduled
    due = max(start - _hours(settings.REMINDER_PREP_HOURS_BEFORE), now)
    if start - due < PREP_MIN_NOTICE:
        return
    queue(interview, kind=PREP, to=interview.student, event=event, due_at=due, expires_at=start)


@message_for(PREP)
def _prep(reading: Reading) -> Message:
    when = _when(reading)
    interview = reading.interview
    return Message(
        subject=_("Prepare for your conversation %(when)s") % {"when": when},
        # What higher apps add (the notebook: the questions as they are at sending time).
        lines=[*_prep_lines(interview, when=when), *email_lines(interview)],
        show_time=True,
        action_label=_("Open your questions and checklist"),
        # The notebook (a layer above) holds them: named, not imported.
        action_url=absolute_url(reverse("notebook:prepare", args=[interview.pk])),
    )


def reminders_schedule(interview: Interview, *, now: datetime.datetime | None = None) -> None:
    """(Re)write every meeting reminder for a scheduled interview at its current sequence.

    A reminder that no longer makes sense by the time it would go out (see
    CONFIRM_MIN_NOTICE and PREP_MIN_NOTICE) is not written."""
    now = now or timezone.now()
    reminders_void(interview, kinds=MEETING_KINDS)
    end = interview.ends_at
    # Scheduled: the database requires both ends (interview_scheduled_has_time).
    assert interview.starts_at is not None and end is not None
    student = interview.student
    event = f"seq{interview.sequence}"
    _confirm_reminders(interview, now=now, event=event)
    _prep_reminder(interview, now=now, event=event)
    cutoff = end + datetime.timedelta(days=settings.REMINDER_THANK_YOU_CUTOFF_DAYS)
    queue(
        interview,
        kind=THANK_YOU,
        to=student,
        event=event,
        due_at=end + datetime.timedelta(minutes=settings.REMINDER_THANK_YOU_MINUTES_AFTER),
        expires_at=cutoff,
    )
    queue(
        interview,
        kind=THANK_YOU_NUDGE,
        to=student,
        event=event,
        due_at=end + datetime.timedelta(days=settings.REMINDER_THANK_YOU_NUDGE_DAYS_AFTER),
        expires_at=cutoff,
        category=NUDGES,
    )
    for person in (student, interview.mentor.user):
        queue(
            interview,
            kind=FEEDBACK,
            to=person,
            event=event,
            due_at=end + _hours(settings.REMINDER_FEEDBACK_HOURS_AFTER),
            expires_at=cutoff,
            category=FEEDBACK_REQUESTS,
        )


@message_for(THANK_YOU)
def _thank_you(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("Send %(mentor)s a thank-you today") % {"mentor": mentor_name(interview.mentor)},
        lines=[
            _(
                "Always thank the people who give you their time, the same day if you can, "
                "even if the conversation helped less than you hoped."
            ),
            _(
                "Mention one thing you learned and what you will do next. A handwritten card "
                "or letter stands out; an email is fine too."
            ),
        ],
        action_label=_("Write your thank-you"),
        action_url=absolute_url(thank_you_url(interview)),
    )


@message_for(THANK_YOU_NUDGE)
def _thank_you_nudge(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("Have you thanked %(mentor)s yet?") % {"mentor": mentor_name(interview.mentor)},
        lines=[
            _(
                "It is not too late to send a thank-you. Once you have, mark it as sent and "
                "we will stop reminding you."
            ),
        ],
        action_label=_("Write or mark your thank-you"),
        action_url=absolute_url(thank_you_url(interview)),
    )


@message_for(FEEDBACK)
def _feedback(reading: Reading) -> Message:
    interview = reading.interview
    other = mentor_name(interview.mentor) if reading.to_student else student_name(interview.student)
    return Message(
        subject=_("How did your conversation with %(name)s go?") % {"name": other},
        lines=[
            _(
                "Two minutes of feedback helps the career center make these conversations "
                "better for everyone. It is optional."
            ),
        ],
        action_label=_("Share feedback"),
        action_url=absolute_url(interview.get_absolute_url()),
    )


def reminders_void(interview: Interview, *, kinds=MEETING_KINDS) -> int:
    return notification_void_pending(subject_key=interview.subject_key, kinds=kinds)


def stale_request_reminder(interview: Interview) -> None:
    """Remind the mentor if a request is still unanswered after REQUEST_STALE_DAYS."""
    queue(
        interview,
        kind=STALE,
        to=interview.mentor.user,
        event="stale",
        due_at=interview.requested_at + datetime.timedelta(days=settings.REQUEST_STALE_DAYS),
        expires_at=interview.requested_at + datetime.timedelta(days=settings.REQUEST_EXPIRY_DAYS),
    )


@message_for(STALE)
def _stale_request(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("%(student)s is still waiting for your answer")
        % {"student": student_name(interview.student)},
        lines=[
            _(
                "A student asked you for a short conversation %(days)d days ago. A quick "
                "yes or a kind no both help them move on."
            )
            % {"days": settings.REQUEST_STALE_DAYS},
            _("Unanswered requests close by themselves after %(days)d days.")
            % {"days": settings.REQUEST_EXPIRY_DAYS},
        ],
        show_request=True,
        action_label=_("Answer the request"),
        action_url=absolute_url(interview.get_absolute_url()),
    )


def reminders_void_for(interview: Interview, *, person, kinds) -> int:
    """Void one person's pending reminders of these kinds (feedback already given)."""
    return notification_void_pending(
        subject_key=interview.subject_key, recipient_id=person.pk, kinds=kinds
    )
