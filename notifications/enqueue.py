"""Handing a task to the broker from a request, without ever making the request wait.

What is enqueued here is already committed in the outbox, and beat's dispatcher hands out
every due row anyway; publishing now only saves the wait for its next run. So a broker
that does not answer at once (down, hung, unreachable) is given a fraction of a second,
then skipped and logged. After such a failure this process does not try again for
``SKIP_AFTER_FAILURE`` seconds, so a request enqueuing several emails, and the requests
after it, pay the timeout once, not once per email.
"""

from __future__ import annotations

import logging
import time
from typing import Any

logger = logging.getLogger(__name__)

# Seconds to connect, and to wait for each answer; a healthy broker takes milliseconds.
PUBLISH_TIMEOUT = 0.2
SKIP_AFTER_FAILURE = 30.0


# Per broker URL: when the broker failed, and so until when it is left alone.
_skip_until: dict[str, float] = {}


def _publish(task: Any, args: tuple) -> None:
    app = task.app
    if app.conf.task_always_eager:  # no broker: the task runs here and now
        task.apply_async(args)
        return
    connection = app.connection_for_write(
        connect_timeout=PUBLISH_TIMEOUT,
        transport_options={
            "socket_connect_timeout": PUBLISH_TIMEOUT,
            "socket_timeout": PUBLISH_TIMEOUT,
            "max_retries": 0,
        },
    )
    with connection:
        task.apply_async(args, connection=connection, retry=False)


def enqueue_without_waiting(task: Any, *args: Any) -> bool:
    """Publish ``task(*args)`` once, with short timeouts and no retry; True if it was.

    Returns False, and logs, when the broker failed (now or in the last
    ``SKIP_AFTER_FAILURE`` seconds); the caller's outbox row is then sent by the
    dispatcher.
    """
    url = task.app.conf.broker_url
    if time.time() < _skip_until.get(url, 0.0):
        logger.info("Broker failed recently; %s%r left to the dispatcher", task.name, args)
        return False
    try:
        _publish(task, args)
    except Exception as error:  # any broker failure: the dispatcher sends the row anyway
        if not task.app.conf.task_always_eager:  # eager: the task failed, not a broker
            _skip_until[url] = time.time() + SKIP_AFTER_FAILURE
        logger.warning(
            "Could not enqueue %s%r (%s); the dispatcher will send it", task.name, args, error
        )
        return False
    _skip_until.pop(url, None)
    return True
