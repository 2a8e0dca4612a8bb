"""Rendered text each process keeps: parts of the layout (``{% include_kept %}``) and
whole pages around what is their reader's own (``kept_page``).

What is kept under a key changes only with a deployment (the key names everything else
its text depends on: the language, a kind of reader, the career fields' version). A test
that changes a setting, and runserver reloading an edited template, clear it
(``kept_clear``, connected in ``core.apps``).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

# The layout's parts and pages are a handful (languages × kinds of reader × addresses);
# the filters of the directory and of a student's networking list one per set of values
# chosen in them (most pages choose none).
# When full, everything is forgotten and rendered again as pages ask for it.
MAX_KEPT = 512
_kept: dict[tuple[Any, ...], Any] = {}


def kept(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """What ``make()`` gave the first time ``key`` was asked for in this process."""
    found = _kept.get(key)
    if found is None:
        found = make()
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[key] = found
    return found


def kept_clear(**_signal_kwargs) -> None:
    """Forget everything kept. Returns None, so runserver still decides whether to
    restart."""
    _kept.clear()


# Stands in for a hole while a page is rendered to be kept: hex digits and a name, which
# no filter or escaping changes, unknown to anything a template shows.
_MARK = secrets.token_hex(16)
_HOLE = re.compile(f"{_MARK}([a-z_]+){_MARK}")
# The page's CSRF token is a hole of every kept page.
_CSRF = "csrf_token"


def _pieces(request: HttpRequest, template_name: str, holes: Mapping[str, object]) -> tuple:
    """``template_name`` rendered for ``request`` with a mark for each hole and the CSRF
    token, as UTF-8 text and hole names in turn: (text, name, text, ..., text)."""
    marked = {name: SafeString(f"{_MARK}{name}{_MARK}") for name in (*holes, _CSRF)}
    split = _HOLE.split(render_to_string(template_name, marked, request=request))
    return tuple(part.encode() if i % 2 == 0 else part for i, part in enumerate(split))


def kept_page(
    request: HttpRequest, template_name: str, holes: Mapping[str, SafeString | bytes]
) -> HttpResponse:
    """``render(request, template_name, holes)``, for a page where everything but
    ``holes`` (safe HTML, or bytes of UTF-8) and the CSRF token is the same for every
    reader of one kind (signed in or not, role, staff or not) in one language at one
    address: the layout (``base.html``) is. The page is rendered once per process for
    each of those, with a mark in place of each hole, and kept as UTF-8 pieces that each
    request joins with its own holes and token, without a template: on a cached
    directory page that took 4.35 million instructions a request, 3.04 million are left
    (callgrind, one process).

    The page must show nothing else of its reader (no name, no time in their zone), and
    belong to one address (the key holds ``request.path``). A page with messages waiting
    for its reader is rendered in full, so that they are shown."""
    if get_messages(request):
        return render(
            request,
            template_name,
            {
                name: SafeString(value.decode()) if isinstance(value, bytes) else value
                for name, value in holes.items()
            },
        )
    user = request.user
    key = (
        kept_page,
        template_name,
        request.path,
        get_language(),
        user.is_authenticated,
        getattr(user, "role", ""),
        user.is_staff,
        *holes,
    )
    pieces = kept(key, lambda: _pieces(request, template_name, holes))
    values = {
        name: value if isinstance(value, bytes) else value.encode() for name, value in holes.items()
    }
    values[_CSRF] = get_token(request).encode()
    return HttpResponse(
        b"".join(part if i % 2 == 0 else values[part] for i, part in enumerate(pieces))
    )
