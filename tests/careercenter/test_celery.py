import importlib
import re
from pathlib import Path

from careercenter.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, f"beat entry {name} names an unknown task"


def test_celery_is_configured_for_at_least_once_delivery_with_json():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.accept_content == ["json"]


def test_no_code_parks_work_in_the_broker_with_a_countdown_or_eta():
    """Timed work lives in the outbox with a due time, never as a long broker countdown."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for app_dir in (
            "careercenter",
            "users",
            "notifications",
            "mentors",
            "students",
            "interviews",
        )
        for path in (root / app_dir).rglob("*.py")
        if re.search(r"\b(countdown|eta)\s*=", path.read_text())
    ]
    assert offenders == []


def test_tasks_have_time_limits_that_a_healthy_chunk_of_emails_never_reaches():
    from notifications.services import RECORD_SENT_RETRY_SECONDS, SEND_CHUNK

    assert app.conf.task_time_limit is not None
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit
    # A healthy SMTP server takes well under a second per email (the reminders benchmark
    # sends 75 or more a second). A whole chunk at a second each, plus the outbox's own
    # retry of a "sent" record through a dropped database connection, ends before the soft
    # limit: a limit inside that retry would send the email again.
    seconds_per_email = 1
    longest_healthy_chunk = SEND_CHUNK * seconds_per_email + RECORD_SENT_RETRY_SECONDS
    assert app.conf.task_soft_time_limit > longest_healthy_chunk


def test_the_time_limits_come_from_the_environment(monkeypatch):
    from careercenter.settings import base

    defaults = (base.CELERY_TASK_SOFT_TIME_LIMIT, base.CELERY_TASK_TIME_LIMIT)
    monkeypatch.setenv("CELERY_TASK_SOFT_TIME_LIMIT", "500")
    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "600")
    try:
        reloaded = importlib.reload(base)
        assert (reloaded.CELERY_TASK_SOFT_TIME_LIMIT, reloaded.CELERY_TASK_TIME_LIMIT) == (500, 600)
    finally:
        monkeypatch.undo()
        importlib.reload(base)
    assert defaults == (base.CELERY_TASK_SOFT_TIME_LIMIT, base.CELERY_TASK_TIME_LIMIT)
