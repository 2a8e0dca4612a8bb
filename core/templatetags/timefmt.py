"""``{{ value|when }}``, ``{{ value|day }}``, ``{{ zone_name|zone_label }}``: the one way
the site writes times and zones (core.timefmt)."""

from django import template

from core import timefmt

register = template.Library()


@register.filter
def when(value):
    return timefmt.when(value)


@register.filter
def day(value):
    return timefmt.day(value)


@register.filter
def zone_label(name):
    return timefmt.zone_label(str(name or ""))
