"""Reads for the thank-you: the draft built from the student's notes, the letter as it
stands, and the thanks a mentor received."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.timefmt import day as day_text
from interviews.display import mentor_name
from interviews.models import Interview
from users.models import User

from ..models import LETTER_MAX_CHARS, ConversationNote, Notebook, Referral, ThankYouLetter

Kind = ConversationNote.Kind
# How much of the notes a draft quotes: a thank-you is short, the notes may not be.
ITEMS_PER_KIND = 3
ITEM_CHARS = 300


def _items(notes: list[ConversationNote], kind: str) -> list[str]:
    texts = [" ".join(note.text.split()) for note in notes if note.kind == kind]
    return [Truncator(text).chars(ITEM_CHARS) for text in texts[:ITEMS_PER_KIND]]


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _referral_name(referral: Referral) -> str:
    name = referral.name or referral.organization
    if referral.name and referral.organization:
        return _("%(name)s at %(organization)s") % {
            "name": referral.name,
            "organization": referral.organization,
        }
    return name


def _referral_paragraph(referrals: list[Referral]) -> str:
    names = [_referral_name(r) for r in referrals[:ITEMS_PER_KIND]]
    if len(referrals) > ITEMS_PER_KIND:
        names.append(_("the others you named"))
    listed = (
        names[0]
        if len(names) == 1
        else _("%(first)s and %(last)s")
        % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
    )
    text = _("Thank you also for suggesting that I talk with %(names)s. I will reach out soon") % {
        "names": listed
    }
    if any(r.may_cite for r in referrals):
        return text + _(", and I will mention that you suggested it.")
    return text + "."


def _opening(interview: Interview) -> str:
    mentor = interview.mentor
    day = timezone.localtime(interview.starts_at).date() if interview.starts_at else None
    work = (
        _("your work at %(employer)s") % {"employer": mentor.employer}
        if mentor.employer
        else _("your work")
    )
    if day is None:
        return _("Thank you for taking the time to talk with me about %(work)s.") % {"work": work}
    return _("Thank you for taking the time to talk with me on %(day)s about %(work)s.") % {
        "day": day_text(day),
        "work": work,
    }


def _middle(notes: list[ConversationNote], referrals: list[Referral]) -> list[str]:
    """The paragraphs made of the notes; with none, what to write there instead."""
    advice, points = _items(notes, Kind.ADVICE), _items(notes, Kind.POINT)
    terms, other = _items(notes, Kind.TERM), _items(notes, Kind.OTHER)
    paragraphs = []
    if advice:
        paragraphs.append(_("Your advice stays with me, especially:") + "\n" + _bullets(advice))
    if points or other:
        paragraphs.append(
            _("I was struck by what you said about:") + "\n" + _bullets(points + other)
        )
    if terms:
        paragraphs.append(
            _("I am reading up on what you mentioned: %(terms)s.") % {"terms": "; ".join(terms)}
        )
    if referrals:
        paragraphs.append(_referral_paragraph(referrals))
    if not paragraphs:
        paragraphs.append(
            _(
                "[Name one thing you learned or one piece of advice that stayed with you, "
                "and what you will do with it. Add any person they suggested you talk with.]"
            )
        )
    return paragraphs


def thank_you_draft(
    interview: Interview,
    *,
    notes: list[ConversationNote] | None = None,
    referrals: list[Referral] | None = None,
) -> tuple[str, str]:
    """A subject and a body built from the student's notes: the advice, what struck
    them, the terms to look up, the referrals; thanks for the time, and never a request
    for a job. Without notes, the body says in brackets what to add."""
    if notes is None:
        notes = list(ConversationNote.objects.filter(notebook_id=interview.pk))
    if referrals is None:
        referrals = list(Referral.objects.filter(notebook_id=interview.pk))
    mentor = mentor_name(interview.mentor)
    student = interview.student.get_full_name() or interview.student.email
    paragraphs = [
        _("Dear %(name)s,") % {"name": mentor},
        _opening(interview),
        *_middle(notes, referrals),
        _(
            "I will keep you posted on how your advice helps as I explore the field. "
            "Thank you again for your time and generosity."
        ),
        _("Sincerely,") + "\n" + student,
    ]
    body = "\n\n".join(paragraphs)
    subject = _("Thank you for our conversation")
    return subject, Truncator(body).chars(LETTER_MAX_CHARS)


def thank_you_letter_for(interview: Interview) -> tuple[ThankYouLetter, bool]:
    """The saved letter and True, or the draft from the notes (not saved) and False."""
    letter = ThankYouLetter.objects.filter(notebook_id=interview.pk).first()
    if letter is not None:
        return letter, True
    subject, body = thank_you_draft(interview)
    draft = ThankYouLetter(notebook=Notebook(interview=interview), subject=subject, body=body)
    return draft, False


@dataclass(frozen=True)
class ThanksReceived:
    """A thank-you a mentor received: the letter when it came through the site, else
    only how and when the student sent it."""

    interview: Interview
    letter: ThankYouLetter | None


def _emailed_letter(interview: Interview) -> ThankYouLetter | None:
    try:
        letter = interview.notebook.thank_you
    except (Notebook.DoesNotExist, ThankYouLetter.DoesNotExist):
        return None
    return letter if letter.emailed_at is not None else None


def thanks_received_for_mentor(*, user: User, limit: int = 5) -> list[ThanksReceived]:
    """The mentor's newest conversations whose student marked the thank-you sent, each
    with the letter when it was emailed through the site; one query."""
    interviews = (
        Interview.objects.filter(mentor__user=user, thank_you_sent_at__isnull=False)
        .select_related("student", "notebook__thank_you")
        .order_by("-thank_you_sent_at", "-id")[:limit]
    )
    return [ThanksReceived(i, _emailed_letter(i)) for i in interviews]
