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
