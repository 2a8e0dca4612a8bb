"""Times as people read them (core.timefmt), the names of the people in an interview,
and the request button's state."""

from django import template

from core.timefmt import when, window

from .. import display
from ..selectors import interview_open_with

register = template.Library()


@register.filter(name="when")
def when_filter(value):
    return when(value)


@register.filter(name="window")
def window_filter(proposal):
    """A TimeProposal (or anything with starts_at/ends_at) as a window."""
    return window(proposal.starts_at, proposal.ends_at)


@register.filter
def student_name(user):
    """``{{ interview.student|student_name }}``: "a former student" once the account is gone."""
    return display.student_name(user)


@register.filter
def mentor_name(mentor):
    """``{{ interview.mentor|mentor_name }}``: "a former mentor" once the account is gone."""
    return display.mentor_name(mentor)


@register.filter
def other_party(interview, user):
    """``{{ interview|other_party:user }}``: whom this person talks with."""
    return display.other_party_name(interview, user)


@register.simple_tag(takes_context=True)
def open_request_with(context, mentor):
    """``{% open_request_with mentor as open_request %}``: the signed-in student's open
    request or conversation with this mentor, or None."""
    user = context.get("user")
    if user is None or not user.is_authenticated or not user.is_student:
        return None
    return interview_open_with(student=user, mentor_id=mentor.pk)
