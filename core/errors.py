"""The one error contract of the services.

A service that refuses raises ``ApplicationError`` (or a subclass that carries more, such
as the overlapping conversation of a time that is taken). ``message`` is for the person,
already translated; ``field`` names the input it is about, when there is one, so a form
can put the message next to that field (``core.forms.ServiceErrorsMixin``).
"""

from __future__ import annotations


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
