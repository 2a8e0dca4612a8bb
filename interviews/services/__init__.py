"""Every change to an interview: who may make it, from which state, in one transaction.

Each action on an interview locks its row, asks ``interviews.policy`` whether this
person may take it now (on the locked row), checks the input, writes the change and the
emails it causes (to the outbox, in the same transaction), and returns the interview. A
new request checks the student and the mentor under their own row locks instead, and
housekeeping closes what is due without a person acting. A refused action raises
``ActionNotAllowed`` with a message for the person; a time that another interview took
meanwhile raises ``SlotTaken``.

The modules follow the lifecycle: ``requests`` (ask, decline, withdraw), ``scheduling``
(accept, choose a time, meeting details), ``rescheduling`` (move, ask to move, answer),
``meeting`` (cancel, confirm, no-show, thank-you, feedback) and ``housekeeping`` (what
happens by itself); ``windows`` checks proposed times; ``calendar_feed`` turns a
person's calendar subscription on, renews or ends it. Callers import from here.
"""

from ..policy import ActionNotAllowed
from .calendar_feed import calendar_feed_new_address, calendar_feed_turn_off
from .housekeeping import (
    interviews_close_for_departing_user,
    interviews_complete_due,
    interviews_expire_due,
)
from .meeting import (
    interview_cancel,
    interview_confirm,
    interview_confirm_by_token,
    interview_feedback_give,
    interview_mark_no_show,
    interview_thank_you_mark_sent,
)
from .requests import (
    interview_decline,
    interview_request_create,
    interview_withdraw,
    open_request_count,
)
from .rescheduling import (
    interview_reschedule,
    interview_reschedule_ask,
    interview_reschedule_ask_keep,
    interview_reschedule_ask_pick,
)
from .scheduling import (
    SlotTaken,
    interview_accept,
    interview_choose_time,
    interview_update_details,
)
from .windows import (
    MAX_WINDOWS,
    Window,
    request_horizon_end,
    validate_windows,
    windows_check_free,
)

__all__ = [
    "MAX_WINDOWS",
    "ActionNotAllowed",
    "SlotTaken",
    "Window",
    "calendar_feed_new_address",
    "calendar_feed_turn_off",
    "interview_accept",
    "interview_cancel",
    "interview_choose_time",
    "interview_confirm",
    "interview_confirm_by_token",
    "interview_decline",
    "interview_feedback_give",
    "interview_mark_no_show",
    "interview_request_create",
    "interview_reschedule",
    "interview_reschedule_ask",
    "interview_reschedule_ask_keep",
    "interview_reschedule_ask_pick",
    "interview_thank_you_mark_sent",
    "interview_update_details",
    "interview_withdraw",
    "interviews_close_for_departing_user",
    "interviews_complete_due",
    "interviews_expire_due",
    "open_request_count",
    "request_horizon_end",
    "validate_windows",
    "windows_check_free",
]
