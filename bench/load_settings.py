"""Settings for bench/load.py: the local ones with DEBUG off, a broker queue of the
run's own, so that no other worker on the same Redis takes its tasks, and a cache key
prefix of the run's own, so that no page cached by another run or another database is
served."""

import os

from careercenter.settings.local import *  # noqa: F403
from careercenter.settings.local import CACHES, MIDDLEWARE

DEBUG = False
CELERY_TASK_DEFAULT_QUEUE = "bench-load"
if "redis" in CACHES:
    CACHES["redis"]["KEY_PREFIX"] = f"bench-load-{os.environ.get('BENCH_LOAD_RUN', '0')}"
if os.environ.get("LOAD_TIMING_DIR"):
    # Outermost: the whole of Django's work on a request (bench/load_timing.py).
    MIDDLEWARE = ["bench.load_timing.RequestTiming", *MIDDLEWARE]
