"""The emails each interview change causes, written to the outbox in the same transaction.

Each email is rendered in its reader's time zone (and names the other person's zone
when it differs), from one template pair with the wording chosen here.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from notifications.services import absolute_url, email_render, notification_enqueue
from users.models import User

from .display import mentor_name, student_name
from .ics import CANCEL, PUBLISH, REQUEST, interview_ics_attachment
from .models import Interview, RescheduleAsk
from .templatetags.interview_tags import when as when_text
from .templatetags.interview_tags import window as window_text


@dataclass
class Message:
    subject: str
    lines: list[str]
    show_time: bool = False
    # How to meet (format and details) without the time: details added before a time is.
    show_details: bool = False
    show_request: bool = False
    action_label: str = ""
    action_url: str = ""
    # Append the meeting's date, in the reader's zone, to the subject.
    subject_with_date: bool = False
    # The body is the student's request as they previewed it (the same template).
    letter: bool = False


def send(
    interview: Interview,
    *,
    kind: str,
    to: User,
    message: Message,
    ics_method: str | None = None,
    event: str = "",
    due_at=None,
    expires_at=None,
    category: str = "",
) -> None:
    if to.is_erased:  # the account was deleted: nobody reads that address
        return
    to_student = to.pk == interview.student_id
    other = interview.mentor.user if to_student else interview.student
    with timezone.override(to.tzinfo):
        letter = _request_letter(interview) if message.letter else ""
        email = email_render(
            template="emails/interview",
            context={
                "letter_html": mark_safe(letter),  # noqa: S308 -- rendered, escaped above
                "letter_text": html_to_text(letter),
                "interview": interview,
                "reader": to,
                "to_student": to_student,
                "other": other,
                "other_name": mentor_name(interview.mentor) if to_student else student_name(other),
                "other_time_zone": other.time_zone if other.time_zone != to.time_zone else "",
                "message": message,
                "site_name": settings.SITE_NAME,
                "interview_url": absolute_url(interview.get_absolute_url()),
                "settings_url": absolute_url(reverse("user_settings")) if category else "",
                "proposals": (
                    list(
                        interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at")
                    )
                    if message.show_request
                    else []
                ),
            },
        )
    if ics_method == REQUEST and not to_student:
        # The mentor organizes the event: their own copy is published, not an invitation
        # to reply to (RFC 5546); the student, the attendee, gets the REQUEST.
        ics_method = PUBLISH
    if ics_method:
        email.attachments.append(interview_ics_attachment(interview, method=ics_method))
    notification_enqueue(
        to_email=to.email,
        kind=kind,
        email=email,
        # One email per event and reader: a repeated event has a new `event` part.
        dedupe_key=f"{kind}:{interview.pk}:{to.pk}:{event or interview.sequence}",
        recipient_id=to.pk,
        subject_key=interview.subject_key,
        due_at=due_at,
        expires_at=expires_at,
        category=category,
    )


def _request_letter(interview: Interview) -> str:
    """The request as the student previewed it ("Read it once more as the mentor will"),
    rendered from the preview's own template, in the active (the mentor's) zone."""
    return render_to_string(
        "interviews/includes/request_email.html",
        {
            "interview": interview,
            "mentor": interview.mentor,
            "profile": getattr(interview.student, "student_profile", None),
            "windows": list(
                interview.proposals.filter(withdrawn=False, ask=None).order_by("starts_at")
            ),
        },
    )


def html_to_text(fragment: str) -> str:
    """The plain-text part of an HTML fragment: paragraphs and list items on their own
    lines, tags gone, entities read back."""
    text = re.sub(r"<br\s*/?>", "\n", fragment)
    text = re.sub(r"<li[^>]*>", "\n• ", text)
    text = re.sub(r"</(p|ul|ol|div|h[1-6])>", "\n\n", text)
    text = html.unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _student_name(interview: Interview) -> str:
    return student_name(interview.student)


def _mentor_name(interview: Interview) -> str:
    return mentor_name(interview.mentor)


def request_created(interview: Interview) -> None:
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
    send(
        interview,
        kind="interview.request_new",
        to=interview.mentor.user,
        message=Message(
            subject=_("%(student)s asks for a short career conversation") % {"student": student},
            lines=lines,
            letter=True,
            action_label=_("Answer the request"),
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        event="created",
    )
    send(
        interview,
        kind="interview.request_sent",
        to=interview.student,
        message=Message(
            subject=_("Your request to %(mentor)s is on its way")
            % {"mentor": _mentor_name(interview)},
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
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        event="created",
    )


def accepted(interview: Interview) -> None:
    """The mentor accepted and proposed other times (a pick of the student's own time is
    told by ``scheduled(accepted=True)``, in one email)."""
    mentor = _mentor_name(interview)
    lines = [
        _("%(mentor)s accepted your request and proposed times. Pick the one that suits you.")
        % {"mentor": mentor}
    ]
    send(
        interview,
        kind="interview.accepted",
        to=interview.student,
        message=Message(
            subject=_("%(mentor)s accepted your request") % {"mentor": mentor},
            lines=lines,
            show_details=bool(interview.meeting_details),
            action_label=_("Open the interview"),
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        event="accepted",
    )


def _to_both(interview: Interview, **kwargs) -> None:
    for to in (interview.student, interview.mentor.user):
        send(interview, to=to, **kwargs)


def _to_each(interview: Interview, *, message: Callable[[User], Message], **kwargs) -> None:
    """Like ``_to_both``, for wording that depends on who reads it."""
    for to in (interview.student, interview.mentor.user):
        send(interview, to=to, message=message(to), **kwargs)


def _name_of(interview: Interview, person: User) -> str:
    """How the people in the interview know ``person`` (staff by their own name)."""
    if person.pk == interview.mentor.user_id:
        return _mentor_name(interview)
    if person.pk == interview.student_id:
        return _student_name(interview)
    return str(person)


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
    student, mentor = _student_name(interview), _mentor_name(interview)
    no_details = not interview.meeting_details

    def message(to: User) -> Message:
        lines = [_("Your conversation is scheduled. The calendar invite is attached.")]
        action_label = _("Open the interview")
        if to.pk == interview.student_id:
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
        elif no_details:
            lines.append(
                _(
                    "Please add %(needed)s on the interview page, so %(student)s knows how to meet you."
                )
                % {"needed": _details_needed(interview), "student": student}
            )
            action_label = _("Add the meeting details")
        return Message(
            subject=(
                _("%(mentor)s accepted: informational interview") % {"mentor": mentor}
                if accepted and to.pk == interview.student_id
                else _("Scheduled: informational interview")
            ),
            subject_with_date=True,
            lines=lines,
            show_time=True,
            action_label=action_label,
            action_url=absolute_url(interview.get_absolute_url()),
        )

    _to_each(interview, kind="interview.scheduled", message=message, ics_method=REQUEST)


def details_added(interview: Interview, *, changed: bool = False) -> None:
    """To the student: the mentor said how to meet (or changed it before a time was
    fixed). With the updated invite once the conversation has a time."""
    mentor = _mentor_name(interview)
    has_time = interview.status == Interview.Status.SCHEDULED
    fingerprint = hashlib.sha256(
        f"{interview.format}\n{interview.meeting_details}".encode()
    ).hexdigest()[:16]
    send(
        interview,
        kind="interview.details_added",
        to=interview.student,
        message=Message(
            subject=(
                _("%(mentor)s changed how to meet")
                if changed
                else _("%(mentor)s added how to meet")
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
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        ics_method=REQUEST if has_time else None,
        event=f"details:{fingerprint}",
    )


def _asked_for_line(interview: Interview, *, by: User, to: User) -> str:
    """The move to a time from the student's ask, told to ``to``: the mentor who moved it,
    or the student who asked."""
    if to.pk == by.pk:
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

    def message(to: User) -> Message:
        if to.pk == by.pk:
            changed = _("You changed the conversation. The updated calendar invite is attached.")
        else:
            changed = _(
                "%(who)s changed the conversation. The updated calendar invite is attached."
            ) % {"who": _name_of(interview, by)}
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
                _asked_for_line(interview, by=by, to=to) if to_asked_time else "",
                reason,
            ],
            show_time=True,
            action_label=_("Open the interview"),
            action_url=absolute_url(interview.get_absolute_url()),
        )

    _to_each(interview, kind="interview.rescheduled", message=message, ics_method=REQUEST)


def reschedule_asked(interview: Interview, *, ask: RescheduleAsk) -> None:
    """To the mentor: the student asks to move the time, with the windows in the mentor's
    zone. The conversation stays as agreed until the mentor answers."""
    mentor = interview.mentor.user
    student = _student_name(interview)
    send(
        interview,
        kind="interview.reschedule_asked",
        to=mentor,
        message=Message(
            subject=_("%(student)s asks to move your conversation") % {"student": student},
            lines=[
                _(
                    "%(student)s asks whether the conversation could move. It stays at the "
                    "agreed time (below) unless you choose one of these times:"
                )
                % {"student": student},
                *(
                    "• " + window_text(w.starts_at, w.ends_at, mentor.tzinfo)
                    for w in sorted(ask.windows, key=lambda w: w.starts_at)
                ),
                _("Their reason: %(reason)s") % {"reason": ask.reason},
                _("You can pick one of the times, or keep the agreed time, on the interview page."),
            ],
            show_time=True,
            action_label=_("Answer the ask"),
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        event=f"ask{ask.pk}",
    )


def reschedule_kept(interview: Interview, *, ask: RescheduleAsk) -> None:
    """To the student: the mentor keeps the agreed time."""
    mentor = _mentor_name(interview)
    send(
        interview,
        kind="interview.reschedule_kept",
        to=interview.student,
        message=Message(
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
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        event=f"kept{ask.pk}",
    )


def cancelled(interview: Interview, *, by: User, was_scheduled: bool) -> None:
    def message(to: User) -> Message:
        if to.pk == by.pk:
            who_cancelled = _("You cancelled the conversation.")
        else:
            who_cancelled = _("%(who)s cancelled the conversation.") % {
                "who": _name_of(interview, by)
            }
        return Message(
            subject=_("Cancelled: informational interview"),
            lines=[who_cancelled, interview.cancel_reason],
            show_time=was_scheduled,
            action_label=_("Open the interview"),
            action_url=absolute_url(interview.get_absolute_url()),
        )

    _to_each(
        interview,
        kind="interview.cancelled",
        message=message,
        ics_method=CANCEL if was_scheduled else None,
    )


def declined(interview: Interview) -> None:
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
    suggested = interview.suggested_mentor  # no query when none was suggested
    if suggested is not None:
        lines.append(
            _("%(mentor)s suggests you contact %(other)s.")
            % {"mentor": _mentor_name(interview), "other": suggested.display_name}
        )
        action_url = absolute_url(suggested.get_absolute_url())
        action_label = _("See %(other)s's profile") % {"other": suggested.display_name}
    send(
        interview,
        kind="interview.declined",
        to=interview.student,
        message=Message(
            subject=_("%(mentor)s answered your request") % {"mentor": _mentor_name(interview)},
            lines=lines,
            action_label=action_label,
            action_url=action_url,
        ),
        event="declined",
    )


def withdrawn(interview: Interview) -> None:
    send(
        interview,
        kind="interview.withdrawn",
        to=interview.mentor.user,
        message=Message(
            subject=_("%(student)s withdrew their request") % {"student": _student_name(interview)},
            lines=[
                _("%(student)s withdrew their request. There is nothing you need to do.")
                % {"student": _student_name(interview)},
                interview.cancel_reason,
            ],
        ),
        event="withdrawn",
    )


def confirmed(interview: Interview) -> None:
    send(
        interview,
        kind="interview.confirmed",
        to=interview.mentor.user,
        message=Message(
            subject=_("%(student)s confirmed your conversation")
            % {"student": _student_name(interview)},
            lines=[
                _("%(student)s confirmed they will be there.")
                % {"student": _student_name(interview)}
            ],
            show_time=True,
            action_label=_("Open the interview"),
            action_url=absolute_url(interview.get_absolute_url()),
        ),
        event=f"confirmed:{interview.sequence}",
    )


def expired(interview: Interview) -> None:
    send(
        interview,
        kind="interview.expired",
        to=interview.student,
        message=Message(
            subject=_("No answer yet from %(mentor)s") % {"mentor": _mentor_name(interview)},
            lines=[
                _(
                    "%(mentor)s has not been able to answer your request, so we closed it. Busy "
                    "seasons happen; it says nothing about your request."
                )
                % {"mentor": _mentor_name(interview)},
                _("Other mentors in the same field may have time now."),
            ],
            action_label=_("Find other mentors"),
            action_url=absolute_url("/mentors/"),
        ),
        event="expired",
    )


def no_show(interview: Interview) -> None:
    other = interview.student if interview.no_show_by == "mentor" else interview.mentor.user
    send(
        interview,
        kind="interview.no_show",
        to=other,
        message=Message(
            subject=_("Your conversation was recorded as missed"),
            lines=[
                _(
                    "The conversation was recorded as not having taken place. If that is a "
                    "mistake, reply to the career center."
                )
            ],
            show_time=True,
        ),
        event="no_show",
    )
