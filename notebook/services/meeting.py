"""During and after the conversation: notes, and the referrals that grow the network.

Notes and referrals open when the conversation starts (``notes_refusal``) and stay
editable afterwards. What the student wrote is never removed by the interview changing:
a conversation moved, cancelled or reported as not having taken place keeps its
notebook; the notes of one that did not take place can be read, no longer changed.

Each referral is also a contact on the student's networking list (``students``), with
the mentor as the one who referred them; ``Referral.contact`` links the two.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import CharField
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.timefmt import when
from interviews.display import mentor_name
from interviews.models import Interview
from mentors.models import MentorProfile
from students.models import Contact
from students.services import contact_create_referral, contact_delete, contact_update
from users.models import User

from ..models import NOTE_MAX_CHARS, ConversationNote, Notebook, Referral
from ._common import notebook_lock

Status = Interview.Status
# Where notes can still be written: the conversation is on, or took place.
WRITABLE_STATES = (Status.SCHEDULED, Status.COMPLETED)


def _max_length(name: str) -> int:
    field = Referral._meta.get_field(name)
    assert isinstance(field, CharField)
    return field.max_length or 0


# The text fields of a referral the student fills in, and their lengths (the model's).
REFERRAL_LIMITS = {
    name: _max_length(name) for name in ("name", "organization", "role", "how_to_reach", "relation")
}


def notes_refusal(interview: Interview, *, now: datetime.datetime | None = None) -> str | None:
    """Why notes and referrals cannot be written on this conversation now, or None."""
    if interview.status not in WRITABLE_STATES:
        return _("This conversation is %(status)s: your notes are kept as they are.") % {
            "status": interview.get_status_display().lower()
        }
    if not interview.has_started(now):
        return _("Notes open when the conversation starts, %(when)s.") % {
            "when": when(interview.starts_at)
        }
    return None


def _require_writable(interview: Interview, by: User) -> Notebook:
    """The notebook, locked, when ``by`` may write notes in it now."""
    if by.pk != interview.student_id:
        raise ApplicationError(_("Only the student can write in their notebook."))
    if refusal := notes_refusal(interview):
        raise ApplicationError(refusal)
    return notebook_lock(interview)


def _note_values(kind: str, text: str) -> tuple[str, str]:
    if kind not in ConversationNote.Kind.values:
        raise ApplicationError(_("Choose what kind of note this is."), field="kind")
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write the note first."), field="text")
    if len(text) > NOTE_MAX_CHARS:
        raise ApplicationError(
            _("Keep a note under %(max)d characters (this one has %(count)d). Split it in two.")
            % {"max": NOTE_MAX_CHARS, "count": len(text)},
            field="text",
        )
    return kind, text


@transaction.atomic
def note_add(*, interview: Interview, by: User, kind: str, text: str) -> ConversationNote:
    kind, text = _note_values(kind, text)
    notebook = _require_writable(interview, by)
    return ConversationNote.objects.create(notebook=notebook, kind=kind, text=text)


@transaction.atomic
def note_update(*, note: ConversationNote, by: User, kind: str, text: str) -> ConversationNote:
    kind, text = _note_values(kind, text)
    _require_writable(note.notebook.interview, by)
    note.kind, note.text = kind, text
    note.save(update_fields=["kind", "text", "updated_at"])
    return note


@transaction.atomic
def note_remove(*, note: ConversationNote, by: User) -> None:
    _require_writable(note.notebook.interview, by)
    note.delete()


# --- Referrals -------------------------------------------------------------------------


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def referral_mentor_match(
    *, interview: Interview, how_to_reach: str, chosen_id: int | None
) -> MentorProfile | None:
    """The Career Mentor a referral names: the one the student chose from the directory,
    else the listed mentor whose sign-in address is exactly ``how_to_reach``. Only listed
    mentors (a request can go only to them), and never the one who referred them."""
    listed = MentorProfile.objects.listed().exclude(pk=interview.mentor_id)
    if chosen_id is not None:
        mentor = listed.filter(pk=chosen_id).first()
        if mentor is None:
            raise ApplicationError(
                _("That Career Mentor is not in the directory now. Leave the choice empty."),
                field="mentor",
            )
        return mentor
    address = how_to_reach.strip()
    if not _is_email(address):
        return None
    return listed.filter(user__email__iexact=address).first()


def _referral_values(values: dict[str, str]) -> dict[str, str]:
    cleaned = {name: (values.get(name) or "").strip() for name in REFERRAL_LIMITS}
    for name, limit in REFERRAL_LIMITS.items():
        if len(cleaned[name]) > limit:
            raise ApplicationError(
                _("Keep this under %(max)d characters.") % {"max": limit}, field=name
            )
    return cleaned


def _from_mentor(values: dict[str, str], mentor: MentorProfile | None) -> dict[str, str]:
    """A directory mentor fills in what the student left empty about them; someone must
    be named (``Referral``'s constraint ``referral_names_someone`` says so too)."""
    filled = dict(values)
    if mentor is not None:
        filled["name"] = values["name"] or mentor.display_name
        filled["organization"] = values["organization"] or mentor.employer
        filled["role"] = values["role"] or mentor.job_title
    if not (filled["name"] or filled["organization"]):
        raise ApplicationError(_("Give at least a name or an organization."), field="name")
    return filled


def _contact_values(referral: Referral) -> dict:
    """What the networking list holds of a referral (its name falls back on the
    organization: a contact needs one)."""
    address = referral.how_to_reach
    return {
        "name": referral.name or referral.organization,
        "organization": referral.organization,
        "role": referral.role,
        "email": address if _is_email(address) else "",
        "connection": referral.relation,
        "mentor": referral.mentor,
        "may_cite_referrer": referral.may_cite,
    }


def _reach_note(address: str) -> str:
    if not address or _is_email(address):
        return ""
    return _("How to reach them: %(how)s") % {"how": address}


@transaction.atomic
def referral_add(
    *,
    interview: Interview,
    by: User,
    may_cite: bool = False,
    mentor_id: int | None = None,
    **values: str,
) -> Referral:
    """Record someone the mentor suggested, and put them on the networking list as
    referred by the mentor, to contact."""
    cleaned = _referral_values(values)
    mentor = referral_mentor_match(
        interview=interview, how_to_reach=cleaned["how_to_reach"], chosen_id=mentor_id
    )
    filled = _from_mentor(cleaned, mentor)
    notebook = _require_writable(interview, by)
    referral = Referral(notebook=notebook, mentor=mentor, may_cite=may_cite, **filled)
    contact_values = _contact_values(referral)
    referral.contact = contact_create_referral(
        student=by,
        name=contact_values.pop("name"),
        referred_by_name=mentor_name(interview.mentor),
        notes=_reach_note(referral.how_to_reach),
        **contact_values,
    )
    referral.save()
    return referral


@transaction.atomic
def referral_update(
    *,
    referral: Referral,
    by: User,
    may_cite: bool = False,
    mentor_id: int | None = None,
    **values: str,
) -> Referral:
    """Change a referral. Its contact on the networking list takes only what changed in
    the referral (the name, the organization, the address...), so what the student
    changed on the contact itself, and its status, notes and career field, are kept. A
    contact the student removed from the list stays removed."""
    cleaned = _referral_values(values)
    interview = referral.notebook.interview
    mentor = referral_mentor_match(
        interview=interview, how_to_reach=cleaned["how_to_reach"], chosen_id=mentor_id
    )
    filled = _from_mentor(cleaned, mentor)
    _require_writable(interview, by)
    before = _contact_values(referral)
    for name, value in filled.items():
        setattr(referral, name, value)
    referral.mentor, referral.may_cite = mentor, may_cite
    referral.save()
    after = _contact_values(referral)
    changed = {name: value for name, value in after.items() if before[name] != value}
    contact = referral.contact
    if contact is not None and changed:
        if changed.get("email") == "":  # no longer an email address: keep the one it had
            del changed["email"]
        contact_update(contact=contact, **changed)
    return referral


@transaction.atomic
def referral_remove(*, referral: Referral, by: User) -> Contact | None:
    """Remove a referral. Its contact leaves the networking list too while it is still
    only "to contact"; once the student has contacted or talked with the person, the
    contact stays (it is their network now) and is returned."""
    _require_writable(referral.notebook.interview, by)
    contact = referral.contact
    referral.delete()
    if contact is None:
        return None
    if contact.status == Contact.Status.TO_CONTACT:
        contact_delete(contact=contact)
        return None
    return contact
