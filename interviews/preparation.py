"""What a higher app knows about preparing for a conversation, without this app importing
it: how far the student's preparation is (for the dashboard's "Prepare" task) and the
lines it adds to the day-before preparation email (such as the student's questions).

The notebook registers both in its ``AppConfig.ready()``::

    register_progress(prep_progress_for)   # (interviews) -> {id: Progress}
    register_email_lines(prep_email_lines)  # (interview) -> list[str]

Without a registration the dashboard shows no count and the email no extra lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Interview


@dataclass(frozen=True)
class Progress:
    """How far the student has prepared: checklist items done out of all of them."""

    done: int
    total: int

    @property
    def left(self) -> int:
        return self.total - self.done


ProgressFor = Callable[[list[Interview]], dict[int, Progress]]
EmailLines = Callable[[Interview], list[str]]

_progress: list[ProgressFor] = []
_email_lines: list[EmailLines] = []


def register_progress(provider: ProgressFor) -> None:
    """The one function that says how far preparation is (a later one replaces it)."""
    _progress[:] = [provider]


def register_email_lines(provider: EmailLines) -> None:
    """Add ``provider``'s lines to every preparation email (once, however often called)."""
    if provider not in _email_lines:
        _email_lines.append(provider)


def progress_for(interviews: list[Interview]) -> dict[int, Progress]:
    """Each interview's preparation progress, by id; empty when nothing is registered.
    Called once for a whole list, so the provider can read them all at once."""
    if not _progress or not interviews:
        return {}
    return _progress[0](interviews)


def email_lines(interview: Interview) -> list[str]:
    """The registered lines for this interview's preparation email, as they are now."""
    return [line for provider in _email_lines for line in provider(interview)]
