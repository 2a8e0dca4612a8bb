"""``{% include_kept %}``: an include rendered once per process for each set of its inputs.

For the layout's parts that are the same on every page of one kind (the header per
language, kind of reader and marked page; the footer per language; the stylesheets'
hashed addresses), and the filters of the directory and of the networking list per set
of their values: the rendered text is kept in this process as it is, where Django's
``{% cache %}`` would make a key's digest, take a lock and unpickle the fragment on each
page (about 35 µs a part here). What is kept is ``core.kept``'s.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from core.kept import kept

register = template.Library()


@register.simple_tag(takes_context=True)
def include_kept(context, template_name: str, *vary_on: Any) -> SafeString:
    """``{% include template_name %}``, rendered with the page's context the first time
    and then kept for every page whose ``vary_on`` are the same: they must name
    everything the included template shows that is not the same for every reader. With
    None among them, it is rendered for this page alone and not kept."""

    def make() -> SafeString:
        included = context.template.engine.get_template(template_name)
        with context.push():
            return included.render(context)

    if None in vary_on:
        return make()
    return kept((template_name, *vary_on), make)
