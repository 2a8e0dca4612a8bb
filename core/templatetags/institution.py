"""``{% institution as inst %}``: the institution's name, logo and contacts, in any
template, including emails and letters rendered without a request."""

from django import template

from core.institution import Institution, institution

register = template.Library()


@register.simple_tag(name="institution")
def institution_tag() -> Institution:
    return institution()
