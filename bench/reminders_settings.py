"""Settings for bench/reminders.py: the local ones, with a queue of the benchmark's own
so that no other worker on the same Redis database takes its tasks."""

from careercenter.settings.local import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = "bench-reminders"
DEBUG = False
