"""The shapes of a dashboard's lines, shared by the apps that fill panels and the home
page that shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class DashboardItem:
    """One line in a dashboard panel (an interview, a request, a task)."""

    label: str
    url: str = ""
    when: datetime | None = None
    detail: str = ""
    # For tasks: "confirm", "prepare" or "thank".
    kind: str = ""


@dataclass
class NextStep:
    title: StrOrPromise
    description: StrOrPromise
    url: str
    action: StrOrPromise
    done: bool = False
    current: bool = False
