"""The "who to talk to next" suggestions, on the student's dashboard and at the top of the
directory, kept per student until what they read changes.

The suggestions cost milliseconds of SQL (``selectors.recommendations``), and a student
opens their dashboard and the directory far more often than anything they depend on
changes. So their rendered HTML is cached per student, day (a paused mentor returns by
date; room is counted per month) and language of the reasons, beside the two versions it
was rendered at (``recommendations_read``, which the directory reads together with its
own results: ``core.cache_versions.versioned_get_together``). A student's requests read
both versions with their session, and each process keeps a copy of the sections it
read, so the directory shows a student's suggestions with no round trip to Redis once
that process has read them:

- the directory's version (``mentors.directory_cache``): it moves with any change to a
  mentor, their fields, their monthly load or their address, which covers everything the
  suggestions read about mentors;
- a version of this student's own inputs, moved (once the change is committed) by every
  save or delete of what the ranking reads: the fields they follow (their profile), their
  conversations, their networking list, the referrals in their notebooks, and their
  insights and perspectives.

So a change shows on the student's next request. The timeout bounds memory, and
staleness in the one case a version cannot cover: a move lost to a database failure just
after the change committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import get_language

from core.cache_versions import (
    USER,
    VersionedFound,
    VersionedRead,
    cache_version_raise_on_commit,
    read_with_session,
    versioned_get,
    versioned_set_many,
)
from interviews.models import Interview
from mentors.directory_cache import VERSION_KEY as DIRECTORY_VERSION_KEY
from students.models import Contact, StudentProfile
from users.models import User

from .insights_models import Claim, Perspective
from .models import Notebook, Referral
from .selectors.recommendations import mentors_to_meet_next

TEMPLATE = "notebook/insights/_recommendations.html"


VERSION_KEY = "notebook:next:{user}:version"


def _version_key(student_id: int) -> str:
    return VERSION_KEY.replace(USER, str(student_id))


def student_inputs_bump(student_id: int | None) -> None:
    """Call after any change to what the student's suggestions are made of; the version
    moves once the change is committed, so a panel rendered from the old data can never
    be stored under the new version."""
    if student_id is not None:
        cache_version_raise_on_commit(_version_key(student_id))


def recommendations_cache_seconds() -> int:
    return settings.RECOMMENDATIONS_CACHE_SECONDS


def recommendations_html(student: User) -> SafeString:
    """The rendered suggestions for ``student``, saying so when there are none (the
    dashboard's section)."""
    return recommendations_from(student, versioned_get(recommendations_read(student)))[1]


def recommendations_read(student: User) -> VersionedRead | None:
    """The two versions and the section kept beside them (None when nothing is cached),
    for one round trip of the caller's, with whatever else its page reads."""
    if not recommendations_cache_seconds():
        return None
    return VersionedRead(
        (_version_key(student.pk), DIRECTORY_VERSION_KEY), (_section_key(student),)
    )


def recommendations_from(student: User, found: VersionedFound | None) -> tuple[int, SafeString]:
    """How many mentors are suggested, and the rendered section: the one ``found`` by
    ``recommendations_read``'s read if it holds it, else rendered now (and kept)."""
    if found is None:
        return _render(student)
    key = _section_key(student)
    entry = found.entries.get(key)
    if entry is None:
        count, html = _render(student)
        versioned_set_many(
            found.versions, {key: (count, str(html))}, recommendations_cache_seconds()
        )
        return count, html
    count, html = entry
    return count, mark_safe(html)  # noqa: S308 -- rendered by the template engine below


def _section_key(student: User) -> str:
    # "sections": each entry is (how many, the HTML); entries of the older "next:" keys
    # held the HTML alone, and are left to expire.
    day = timezone.localdate().isoformat()
    language = get_language()  # the active one, always a site language
    return f"notebook:next:sections:{student.pk}:{day}:{language}"


def _render(student: User) -> tuple[int, SafeString]:
    recommendations = mentors_to_meet_next(student=student)
    html = render_to_string(TEMPLATE, {"recommendations": recommendations})
    return len(recommendations), mark_safe(html)  # noqa: S308 -- the template engine escaped it


# What moves a student's version: each model the ranking reads, and whose it is.


def _interview_changed(*, instance: Interview, **_kwargs: Any) -> None:
    student_inputs_bump(instance.student_id)


def _contact_changed(*, instance: Contact, **_kwargs: Any) -> None:
    student_inputs_bump(instance.student_id)


def _claim_changed(*, instance: Claim, **_kwargs: Any) -> None:
    student_inputs_bump(instance.student_id)


def _perspective_changed(*, instance: Perspective, **_kwargs: Any) -> None:
    student_inputs_bump(
        Claim.objects.filter(pk=instance.claim_id).values_list("student_id", flat=True).first()
    )


def _referral_changed(*, instance: Referral, **_kwargs: Any) -> None:
    student_inputs_bump(
        Notebook.objects.filter(pk=instance.notebook_id)
        .values_list("interview__student_id", flat=True)
        .first()
    )


def _profile_changed(*, instance: StudentProfile, **_kwargs: Any) -> None:
    student_inputs_bump(instance.user_id)


def _fields_of_interest_changed(
    *, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **_kwargs: Any
) -> None:
    if not reverse:  # a student's profile gained or lost fields
        if action in ("post_add", "post_remove", "post_clear"):
            student_inputs_bump(instance.user_id)
        return
    # A career field gained or lost students: pk_set names their profiles; a clear does
    # not, so the field's students are read before their links go.
    if action in ("post_add", "post_remove"):
        profiles = StudentProfile.objects.filter(pk__in=pk_set or ())
    elif action == "pre_clear":
        profiles = instance.interested_students.all()
    else:
        return
    for user_id in profiles.values_list("user_id", flat=True):
        student_inputs_bump(user_id)


def connect() -> None:
    """Called once from ``NotebookConfig.ready()``."""
    # A student's requests know their version from the session's query.
    read_with_session(VERSION_KEY)
    receivers: list[tuple[type[Model], Callable[..., None]]] = [
        (Interview, _interview_changed),
        (Contact, _contact_changed),
        (Claim, _claim_changed),
        (Perspective, _perspective_changed),
        (Referral, _referral_changed),
        (StudentProfile, _profile_changed),
    ]
    for model, receiver in receivers:
        name = model._meta.label_lower
        post_save.connect(receiver, sender=model, dispatch_uid=f"next-save-{name}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"next-delete-{name}")
    m2m_changed.connect(
        _fields_of_interest_changed,
        sender=StudentProfile.fields_of_interest.through,
        dispatch_uid="next-fields-of-interest",
    )
