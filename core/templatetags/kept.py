"""``{% include_kept %}``: an include rendered once per process for each set of its inputs.

For the layout's parts that are the same on every page of one kind (the header per
language, kind of reader and marked page; the footer per language; the stylesheets'
hashed addresses), and the directory's filters per set of their values: the rendered
text is kept in this process as it is, where Django's ``{% cache %}`` would make a key's
digest, take a lock and unpickle the fragment on each page (about 35 µs a part here).
What is kept changes only with a deployment; a test that changes a setting and
runserver reloading an edited template clear it (``kept_clear``, connected in
``core.apps``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

register = template.Library()

# The layout's parts are a handful (languages × kinds of reader × marked pages); the
# directory's filters one per set of values typed in them (most searches type none). When
# full, everything is forgotten and rendered again as pages ask for it.
MAX_KEPT = 512
_kept: dict[tuple[Any, ...], SafeString] = {}


@register.simple_tag(takes_context=True)
def include_kept(context, template_name: str, *vary_on: Any) -> SafeString:
    """``{% include template_name %}``, rendered with the page's context the first time
    and then kept for every page whose ``vary_on`` are the same: they must name
    everything the included template shows that is not the same for every reader."""
    key = (template_name, *vary_on)
    kept = _kept.get(key)
    if kept is None:
        included = context.template.engine.get_template(template_name)
        with context.push():
            kept = included.render(context)
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[key] = kept
    return kept


def kept_clear(**_signal_kwargs) -> None:
    """Forget every kept part. Returns None, so runserver still decides whether to
    restart."""
    _kept.clear()
