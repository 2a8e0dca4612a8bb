"""Development on one machine: `make run`."""

from pathlib import Path

import environ

# While `make run` is up it writes where its database is (embedded PostgreSQL) to this
# file, so `manage.py` in another terminal (demo_totp, shell, createsuperuser) finds it.
# Variables already set in the environment win.
RUN_ENV = Path(__file__).resolve().parents[2] / ".local" / "run.env"
if RUN_ENV.exists():
    environ.Env.read_env(RUN_ENV)

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-not-for-production")
# Emails are printed by the worker, so a newcomer can follow a verification link.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
