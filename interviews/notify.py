"""The emails each interview change causes, queued in the outbox in the same transaction.

Each function here queues rows (kind, interview, reader, and what the database does not
hold, such as who made the change); the wording next to it is the message builder the
outbox calls when it sends the row (``emails.render``), so every email reads the
interview, the names and the reader's time zone and address as they are then.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.utils.translation import gettext as _

from core.timefmt import when as when_text
from core.timefmt import window as window_text
from notifications.services import absolute_url
from users.models import User

from .display import mentor_name, student_name
from .emails import Message, Reading, html_to_text, message_for, moment, queue
from .ics import CANCEL, REQUEST
from .models import Interview, RescheduleAsk

__all__ = [  # html_to_text stays importable from here, where it always was
    "Message",
    "html_to_text",
]


def _student_name(interview: Interview) -> str:
    return student_name(interview.student)


def _mentor_name(interview: Interview) -> str:
    return mentor_name(interview.mentor)


def _open_link(interview: Interview) -> str:
    return absolute_url(interview.get_absolute_url())


def _name_of(interview: Interview, person: User | None) -> str:
    """How the people in the interview know ``person`` (staff by their own name)."""
    if person is None:
        return _("The career center")
    if person.pk == interview.mentor.user_id:
        return _mentor_name(interview)
    if person.pk == interview.student_id:
        return _student_name(interview)
    return str(person)


def request_created(interview: Interview) -> None:
    queue(interview, kind="interview.request_new", to=interview.mentor.user, event="created")
    queue(interview, kind="interview.request_sent", to=interview.student, event="created")


@message_for("interview.request_new")
def _request_new(reading: Reading) -> Message:
    interview = reading.interview
    student = _student_name(interview)
    lines = [
        _(
            "%(student)s, a student, sent you the request above through %(site)s. It asks "
            "for information and advice, not for a job."
        )
        % {"student": student, "site": settings.SITE_NAME}
    ]
    if interview.resume_attached:
        lines.append(_("Their résumé is on the interview page."))
    return Message(
        subject=_("%(student)s asks for a short career conversation") % {"student": student},
        lines=lines,
        letter=True,
        action_label=_("Answer the request"),
        action_url=_open_link(interview),
    )


@message_for("interview.request_sent")
def _request_sent(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("Your request to %(mentor)s is on its way") % {"mentor": _mentor_name(interview)},
        lines=[
            _(
                "We sent your request to %(mentor)s. Mentors usually answer within a few days; "
                "you will hear from us as soon as they do."
            )
            % {"mentor": _mentor_name(interview)},
            _(
                "Meanwhile, keep researching the field and the organization, and start your "
                "question list."
            ),
        ],
        show_request=True,
        action_label=_("See your request"),
        action_url=_open_link(interview),
    )


def accepted(interview: Interview) -> None:
    """The mentor accepted and proposed other times (a pick of the student's own time is
    told by ``scheduled(accepted=True)``, in one email)."""
    queue(interview, kind="interview.accepted", to=interview.student, event="accepted")


@message_for("interview.accepted")
def _accepted(reading: Reading) -> Message:
    interview = reading.interview
    mentor = _mentor_name(interview)
    return Message(
        subject=_("%(mentor)s accepted your request") % {"mentor": mentor},
        lines=[
            _("%(mentor)s accepted your request and proposed times. Pick the one that suits you.")
            % {"mentor": mentor}
        ],
        show_details=bool(interview.meeting_details),
        action_label=_("Open the interview"),
        action_url=_open_link(interview),
    )


def _to_each(interview: Interview, **kwargs) -> None:
    """To both sides; the wording may depend on who reads it (``Reading.to_student``)."""
    for to in (interview.student, interview.mentor.user):
        queue(interview, to=to, **kwargs)


def _details_needed(interview: Interview) -> str:
    """What the mentor still has to say for the chosen format."""
    needed: dict[str, str] = {
        Interview.Format.IN_PERSON: _("the address"),
        Interview.Format.PHONE: _("the phone number to call"),
        Interview.Format.VIDEO: _("the video link"),
    }
    return str(needed.get(interview.format, _("how to meet")))


def scheduled(interview: Interview, *, accepted: bool = False) -> None:
    """Both get the invite. ``accepted`` when the mentor took one of the student's own
    times: this one email tells the student both that they were accepted and when."""
    _to_each(
        interview, kind="interview.scheduled", params={"accepted": accepted}, ics_method=REQUEST
    )


def _scheduled_lines(reading: Reading, *, accepted: bool) -> tuple[list[str], str]:
    """The lines and the action label of the "scheduled" email to this reader."""
    interview = reading.interview
    student, mentor = _student_name(interview), _mentor_name(interview)
    no_details = not interview.meeting_details
    lines = [_("Your conversation is scheduled. The calendar invite is attached.")]
    if not reading.to_student:
        if no_details:
            lines.append(
                _(
                    "Please add %(needed)s on the interview page, so %(student)s knows how to meet you."
                )
                % {"needed": _details_needed(interview), "student": student}
            )
            return lines, _("Add the meeting details")
        return lines, _("Open the interview")
    if accepted:
        lines = [
            _(
                "%(mentor)s accepted your request and picked one of your times. The "
                "calendar invite is attached."
            )
            % {"mentor": mentor}
        ]
    if no_details:
        lines.append(
            _(
                "%(mentor)s has not said yet how to meet (%(needed)s). We have asked "
                "them, and will email you as soon as they add it."
            )
            % {"mentor": mentor, "needed": _details_needed(interview)}
        )
    return lines, _("Open the interview")


@message_for("interview.scheduled")
def _scheduled(reading: Reading) -> Message:
    interview = reading.interview
    accepted = bool(reading.params.get("accepted"))
    lines, action_label = _scheduled_lines(reading, accepted=accepted)
    return Message(
        subject=(
            _("%(mentor)s accepted: informational interview") % {"mentor": _mentor_name(interview)}
            if accepted and reading.to_student
            else _("Scheduled: informational interview")
        ),
        subject_with_date=True,
        lines=lines,
        show_time=True,
        action_label=action_label,
        action_url=_open_link(interview),
    )


def details_added(interview: Interview, *, changed: bool = False) -> None:
    """To the student: the mentor said how to meet (or changed it before a time was
    fixed). With the updated invite once the conversation has a time."""
    has_time = interview.status == Interview.Status.SCHEDULED
    fingerprint = hashlib.sha256(
        f"{interview.format}\n{interview.meeting_details}".encode()
    ).hexdigest()[:16]
    queue(
        interview,
        kind="interview.details_added",
        to=interview.student,
        params={"changed": changed, "has_time": has_time},
        ics_method=REQUEST if has_time else None,
        event=f"details:{fingerprint}",
    )


@message_for("interview.details_added")
def _details_added(reading: Reading) -> Message:
    interview = reading.interview
    mentor = _mentor_name(interview)
    changed, has_time = bool(reading.params.get("changed")), bool(reading.params.get("has_time"))
    return Message(
        subject=(
            _("%(mentor)s changed how to meet") if changed else _("%(mentor)s added how to meet")
        )
        % {"mentor": mentor},
        lines=[
            (
                _("%(mentor)s changed the meeting details (below).")
                if changed
                else _("%(mentor)s added the meeting details (below).")
            )
            % {"mentor": mentor},
            _("The updated calendar invite is attached.") if has_time else "",
        ],
        show_time=has_time,
        show_details=True,
        action_label=_("Open the interview"),
        action_url=_open_link(interview),
    )


def _asked_for_line(interview: Interview, *, by: User | None, to: User) -> str:
    """The move to a time from the student's ask, told to ``to``: the mentor who moved it,
    or the student who asked."""
    if by is not None and to.pk == by.pk:
        return _("You moved it to one of the times %(student)s asked for.") % {
            "student": _student_name(interview)
        }
    return _("%(mentor)s moved it to one of the times you asked for.") % {
        "mentor": _name_of(interview, by)
    }


def rescheduled(
    interview: Interview,
    *,
    by: User,
    reason: str,
    to_asked_time: bool = False,
    previous_start: datetime.datetime | None = None,
) -> None:
    """Both sides get the updated invite; each reads who changed it as "you" or by name.

    ``to_asked_time`` when the mentor took one of the times the student asked for;
    ``previous_start`` when the time moved, told in each reader's zone."""
    _to_each(
        interview,
        kind="interview.rescheduled",
        params={
            "by": by.pk,
            "reason": reason,
            "to_asked_time": to_asked_time,
            "previous_start": moment(previous_start),
        },
        ics_method=REQUEST,
    )


@message_for("interview.rescheduled")
def _rescheduled(reading: Reading) -> Message:
    interview, to, by = reading.interview, reading.reader, reading.person("by")
    if by is not None and to.pk == by.pk:
        changed = _("You changed the conversation. The updated calendar invite is attached.")
    else:
        changed = _(
            "%(who)s changed the conversation. The updated calendar invite is attached."
        ) % {"who": _name_of(interview, by)}
    previous_start = reading.moment("previous_start")
    return Message(
        subject=_("Updated: informational interview"),
        subject_with_date=True,
        lines=[
            changed,
            (
                _("It was on %(when)s; the new time is below.")
                % {"when": when_text(previous_start, to.tzinfo)}
                if previous_start is not None
                else ""
            ),
            (
                _asked_for_line(interview, by=by, to=to)
                if reading.params.get("to_asked_time")
                else ""
            ),
            reading.params.get("reason", ""),
        ],
        show_time=True,
        action_label=_("Open the interview"),
        action_url=_open_link(interview),
    )


def reschedule_asked(interview: Interview, *, ask: RescheduleAsk) -> None:
    """To the mentor: the student asks to move the time, with the windows in the mentor's
    zone. The conversation stays as agreed until the mentor answers."""
    queue(
        interview,
        kind="interview.reschedule_asked",
        to=interview.mentor.user,
        params={"ask": ask.pk},
        event=f"ask{ask.pk}",
    )


def _ask(reading: Reading) -> RescheduleAsk | None:
    return reading.interview.reschedule_asks.filter(pk=int(reading.params["ask"])).first()


@message_for("interview.reschedule_asked")
def _reschedule_asked(reading: Reading) -> Message | None:
    interview, mentor = reading.interview, reading.reader
    ask = _ask(reading)
    if ask is None:  # deleted with its interview's history: nothing to answer
        return None
    student = _student_name(interview)
    return Message(
        subject=_("%(student)s asks to move your conversation") % {"student": student},
        lines=[
            _(
                "%(student)s asks whether the conversation could move. It stays at the "
                "agreed time (below) unless you choose one of these times:"
            )
            % {"student": student},
            *(
                "• " + window_text(w.starts_at, w.ends_at, mentor.tzinfo)
                for w in ask.proposals.order_by("starts_at", "id")
            ),
            _("Their reason: %(reason)s") % {"reason": ask.reason},
            _("You can pick one of the times, or keep the agreed time, on the interview page."),
        ],
        show_time=True,
        action_label=_("Answer the ask"),
        action_url=_open_link(interview),
    )


def reschedule_kept(interview: Interview, *, ask: RescheduleAsk) -> None:
    """To the student: the mentor keeps the agreed time."""
    queue(
        interview,
        kind="interview.reschedule_kept",
        to=interview.student,
        params={"ask": ask.pk},
        event=f"kept{ask.pk}",
    )


@message_for("interview.reschedule_kept")
def _reschedule_kept(reading: Reading) -> Message | None:
    interview = reading.interview
    ask = _ask(reading)
    if ask is None:
        return None
    mentor = _mentor_name(interview)
    return Message(
        subject=_("%(mentor)s keeps the agreed time") % {"mentor": mentor},
        lines=[
            _(
                "%(mentor)s cannot move the conversation, so it stays at the agreed time. "
                "If you cannot make it, cancel it as early as you can and ask again."
            )
            % {"mentor": mentor},
            ask.answer_note,
        ],
        show_time=True,
        action_label=_("Open the interview"),
        action_url=_open_link(interview),
    )


def cancelled(interview: Interview, *, by: User, was_scheduled: bool) -> None:
    _to_each(
        interview,
        kind="interview.cancelled",
        params={"by": by.pk, "was_scheduled": was_scheduled},
        ics_method=CANCEL if was_scheduled else None,
    )


@message_for("interview.cancelled")
def _cancelled(reading: Reading) -> Message:
    interview, by = reading.interview, reading.person("by")
    if by is not None and reading.reader.pk == by.pk:
        who_cancelled = _("You cancelled the conversation.")
    else:
        who_cancelled = _("%(who)s cancelled the conversation.") % {"who": _name_of(interview, by)}
    return Message(
        subject=_("Cancelled: informational interview"),
        lines=[who_cancelled, interview.cancel_reason],
        show_time=bool(reading.params.get("was_scheduled")),
        action_label=_("Open the interview"),
        action_url=_open_link(interview),
    )


def declined(interview: Interview) -> None:
    queue(interview, kind="interview.declined", to=interview.student, event="declined")


@message_for("interview.declined")
def _declined(reading: Reading) -> Message:
    interview = reading.interview
    lines = [
        _("%(mentor)s cannot take this conversation on.") % {"mentor": _mentor_name(interview)},
        interview.decline_reason,
        _(
            "It is not about you: mentors' time is limited. Other mentors in the field would be glad "
            "to hear from you."
        ),
    ]
    action_url = absolute_url("/mentors/")
    action_label = _("Find other mentors")
    suggested = interview.suggested_mentor
    if suggested is not None:
        lines.append(
            _("%(mentor)s suggests you contact %(other)s.")
            % {"mentor": _mentor_name(interview), "other": suggested.display_name}
        )
        action_url = absolute_url(suggested.get_absolute_url())
        action_label = _("See %(other)s's profile") % {"other": suggested.display_name}
    return Message(
        subject=_("%(mentor)s answered your request") % {"mentor": _mentor_name(interview)},
        lines=lines,
        action_label=action_label,
        action_url=action_url,
    )


def withdrawn(interview: Interview) -> None:
    queue(interview, kind="interview.withdrawn", to=interview.mentor.user, event="withdrawn")


@message_for("interview.withdrawn")
def _withdrawn(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("%(student)s withdrew their request") % {"student": _student_name(interview)},
        lines=[
            _("%(student)s withdrew their request. There is nothing you need to do.")
            % {"student": _student_name(interview)},
            interview.cancel_reason,
        ],
    )


def confirmed(interview: Interview) -> None:
    queue(
        interview,
        kind="interview.confirmed",
        to=interview.mentor.user,
        event=f"confirmed:{interview.sequence}",
    )


@message_for("interview.confirmed")
def _confirmed(reading: Reading) -> Message:
    interview = reading.interview
    return Message(
        subject=_("%(student)s confirmed your conversation")
        % {"student": _student_name(interview)},
        lines=[
            _("%(student)s confirmed they will be there.") % {"student": _student_name(interview)}
        ],
        show_time=True,
        action_label=_("Open the interview"),
        action_url=_open_link(interview),
    )


def expired(interview: Interview) -> None:
    queue(interview, kind="interview.expired", to=interview.student, event="expired")


@message_for("interview.expired")
def _expired(reading: Reading) -> Message:
    mentor = _mentor_name(reading.interview)
    return Message(
        subject=_("No answer yet from %(mentor)s") % {"mentor": mentor},
        lines=[
            _(
                "%(mentor)s has not been able to answer your request, so we closed it. Busy "
                "seasons happen; it says nothing about your request."
            )
            % {"mentor": mentor},
            _("Other mentors in the same field may have time now."),
        ],
        action_label=_("Find other mentors"),
        action_url=absolute_url("/mentors/"),
    )


def no_show(interview: Interview) -> None:
    other = interview.student if interview.no_show_by == "mentor" else interview.mentor.user
    queue(interview, kind="interview.no_show", to=other, event="no_show")


@message_for("interview.no_show")
def _no_show(reading: Reading) -> Message:
    return Message(
        subject=_("Your conversation was recorded as missed"),
        lines=[
            _(
                "The conversation was recorded as not having taken place. If that is a "
                "mistake, reply to the career center."
            )
        ],
        show_time=True,
    )
