"""Input for requests and answers. Forms parse and check what a person typed; the rules
(who may act, from which state, limits) live in ``policy`` and ``services``.

Times are typed as wall-clock times in the person's own zone and become aware
datetimes here, so the services only ever see UTC-comparable values. The modules follow
the lifecycle like the services'; ``fields`` holds what they share. Callers import from
here.
"""

from .calendar_feed import CalendarFeedForm
from .fields import ActionForm, ConfirmForm, ReasonForm, local_datetime
from .meeting import FeedbackForm, NoShowForm, ThankYouForm
from .requests import (
    DECLINE_REASONS,
    OWN_WORDS,
    SUGGESTION_LIMIT,
    DeclineForm,
    InterviewRequestForm,
)
from .rescheduling import (
    RescheduleAskForm,
    RescheduleAskPickForm,
    RescheduleForm,
    RescheduleKeepForm,
)
from .scheduling import AcceptForm, ChooseTimeForm, DetailsForm

__all__ = [
    "DECLINE_REASONS",
    "OWN_WORDS",
    "SUGGESTION_LIMIT",
    "AcceptForm",
    "ActionForm",
    "CalendarFeedForm",
    "ChooseTimeForm",
    "ConfirmForm",
    "DeclineForm",
    "DetailsForm",
    "FeedbackForm",
    "InterviewRequestForm",
    "NoShowForm",
    "ReasonForm",
    "RescheduleAskForm",
    "RescheduleAskPickForm",
    "RescheduleForm",
    "RescheduleKeepForm",
    "ThankYouForm",
    "local_datetime",
]
