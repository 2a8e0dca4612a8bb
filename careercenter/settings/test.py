"""The test suite: real PostgreSQL and Redis, fast hashing."""

import os
from urllib.parse import urlparse, urlunparse

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, REDIS_URL

SECRET_KEY = "test-only-secret-key-with-enough-length-to-be-fine-0123456789"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / ".local" / "test-media")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "students.storage.PrivateStorage",
        "OPTIONS": {"location": str(BASE_DIR / ".local" / "test-media" / "private")},
    },
}
# allauth merges a dict with its defaults; False switches the limits off for tests.
ACCOUNT_RATE_LIMITS = False
# Tasks run in the test process; the tests that matter start a real worker instead.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Serve static files straight from the finders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# With pytest-xdist, each test process gets a Redis database of its own for the cache,
# so one process clearing its cache cannot reset another's (allauth's rate limits).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw"):
    _url = urlparse(REDIS_URL)
    _base = int(_url.path.strip("/") or 0)
    _db = (_base + 1 + int(_worker[2:])) % 16
    CACHES["redis"]["LOCATION"] = urlunparse(_url._replace(path=f"/{_db}"))
# Tests that roll back never commit, so the cache versions (the directory's, and each
# student's suggestions') would never move: these caches are off here and switched on by
# the tests that check them.
MENTOR_DIRECTORY_CACHE_SECONDS = 0
MENTOR_CARD_CACHE_SECONDS = 0
RECOMMENDATIONS_CACHE_SECONDS = 0
