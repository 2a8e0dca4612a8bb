"""HTTP for interviews: the guided request (``requests``), the lists and the mentor's
inbox (``dashboard``), one interview and the actions each person may take on it
(``detail``, with the actions in ``actions``), the downloads (``files``) and the
one-click confirmation link (``confirm``), the calendar feed and its page
(``calendar_feed``). Callers and ``urls`` import from here."""

from .actions import ACTIONS, Action
from .calendar_feed import calendar_feed, calendar_feed_settings
from .confirm import confirm_link
from .dashboard import interview_list, mentor_dashboard
from .detail import interview_act, interview_detail
from .files import interview_ics_view, interview_resume
from .requests import interview_letter, request_create

__all__ = [
    "ACTIONS",
    "Action",
    "calendar_feed",
    "calendar_feed_settings",
    "confirm_link",
    "interview_act",
    "interview_detail",
    "interview_ics_view",
    "interview_letter",
    "interview_list",
    "interview_resume",
    "mentor_dashboard",
    "request_create",
]
