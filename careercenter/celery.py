"""The Celery app. Beat's schedule lives here in code, not in the database."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercenter.settings.local")

app = Celery("careercenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The dispatcher has a queue of its own, so a backlog of sends never holds it up; every
# worker consumes both (`worker -Q celery,dispatch`).
DISPATCH_QUEUE = os.environ.get("NOTIFICATIONS_DISPATCH_QUEUE", "dispatch")
app.conf.task_routes = {
    "notifications.tasks.dispatch_due_notifications": {"queue": DISPATCH_QUEUE},
}

app.conf.beat_schedule = {
    # The outbox is the source of truth; this only makes sure nothing due waits long.
    "dispatch-due-notifications": {
        "task": "notifications.tasks.dispatch_due_notifications",
        "schedule": float(os.environ.get("NOTIFICATIONS_DISPATCH_SECONDS", "60")),
    },
    "complete-finished-interviews": {
        "task": "interviews.tasks.complete_finished_interviews",
        "schedule": 300.0,
    },
    "expire-unanswered-requests": {
        "task": "interviews.tasks.expire_unanswered_requests",
        "schedule": crontab(minute=15),
    },
    "staff-digest": {
        "task": "mentors.tasks.send_staff_digest",
        "schedule": crontab(day_of_week="mon", hour=13, minute=0),  # UTC: morning in the US
    },
    "resume-paused-mentors": {
        "task": "mentors.tasks.resume_paused_mentors",
        "schedule": crontab(hour=6, minute=0),
    },
    "clear-expired-sessions": {
        "task": "users.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=30),
    },
}
