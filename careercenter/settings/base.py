"""Settings shared by every environment. Values come from the environment only."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

from core.contrast import checked_primary_colour

BASE_DIR = Path(__file__).resolve().parent.parent.parent
LOCAL_DIR = BASE_DIR / ".local"

env = environ.Env()

# https://docs.djangoproject.com/en/5.2/ref/settings/#core-settings
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
ROOT_URLCONF = "careercenter.urls"
WSGI_APPLICATION = "careercenter.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1
SITE_NAME = env("SITE_NAME", default="Career Center")
# Links in emails sent by workers (no request to take the host from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The institution that runs the service, shown in the header and footer, in every email's
# signature and on printed letters (core/institution.py). The defaults name a fictional
# university on reserved example domains. The logo is a static file's path or a URL
# (images load from this site only: a URL must be on it). The postal address is written
# with "|" between its lines. White text must stay readable on the primary colour
# (4.5:1): the site refuses to start otherwise.
INSTITUTION_NAME = env("INSTITUTION_NAME", default="Example State University")
INSTITUTION_SHORT_NAME = env("INSTITUTION_SHORT_NAME", default="ESU")
INSTITUTION_LOGO = env("INSTITUTION_LOGO", default="img/institution-logo.svg")
INSTITUTION_PRIMARY_COLOUR = checked_primary_colour(
    env("INSTITUTION_PRIMARY_COLOUR", default="#1f3a68")
)
INSTITUTION_CONTACT_EMAIL = env("INSTITUTION_CONTACT_EMAIL", default="careers@example.edu")
INSTITUTION_POSTAL_ADDRESS = [
    line.strip()
    for line in env(
        "INSTITUTION_POSTAL_ADDRESS",
        default="Career Center|Example State University|100 Example Avenue|Exampleton, EX 00000",
    ).split("|")
    if line.strip()
]
INSTITUTION_ACCESSIBILITY_EMAIL = env(
    "INSTITUTION_ACCESSIBILITY_EMAIL", default="accessibility@example.edu"
)

# https://docs.djangoproject.com/en/5.2/ref/applications/
INSTALLED_APPS = [
    # Before the admin: it adds the translation fields (notebook/translation.py) before
    # the admin classes that show them are registered.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "notifications",
    "users",
    "mentors",
    "students",
    "interviews",
    "notebook",
    "reports",
    "home",
]

# https://docs.djangoproject.com/en/5.2/topics/http/middleware/
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The framing and content policies sit outside everything that can fail on the
    # database (the session, the user), so the outage page carries them too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.CSPMiddleware",  # django-csp's, the site's policy built once
    "django.contrib.sessions.middleware.SessionMiddleware",
    "users.middleware.AuthenticationMiddleware",  # Django's, the user read at once
    # In place of Django's LocaleMiddleware: the user's language, else the browser's.
    "users.middleware.UserLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.middleware.CsrfCookieUnchangedMiddleware",  # the cookie sent only when new
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads the body; late enough that the refusal page has a user,
    # a language and the security headers.
    "core.middleware.RequestBodyLimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "users.middleware.StaffSecondFactorMiddleware",
]

# Content-Security-Policy (django-csp): scripts, styles, fonts and fetches come from this
# site only, so injected markup cannot run code. Style *attributes* stay allowed (a
# progress bar's width, Django admin's widgets); <style> and <script> elements do not.
# No form-action: an OIDC sign-in posts here and is redirected to the identity provider.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# https://docs.djangoproject.com/en/5.2/ref/templates/
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site",
            ],
        },
    },
]

# https://docs.djangoproject.com/en/5.2/ref/databases/
# Persistent connections with a health check, so a restarted PostgreSQL costs no error.
DATABASES = {"default": env.db("DATABASE_URL")}
# A Unix-socket URL (postgres://user@/db?host=/path) names its socket directory as HOST.
if socket_dir := DATABASES["default"].get("OPTIONS", {}).pop("host", None):
    DATABASES["default"]["HOST"] = socket_dir
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Django's PostgreSQL backend, whose health check asks the server only when the socket
# shows it has said something (a restart, a terminated session): core/postgresql/base.py.
DATABASES["default"]["ENGINE"] = "core.postgresql"
# https://www.postgresql.org/docs/current/jit-decision.html
# No JIT compilation: PostgreSQL compiles any query whose estimated cost passes
# jit_above_cost, which more of the directory's queries do as the mentors grow, and
# compiling costs seconds of CPU: the spelling suggestion for a search that finds nobody
# took 4.2 s at 10,000 mentors, 3.9 s of it compiling.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
# https://docs.djangoproject.com/en/5.2/ref/databases/#server-side-parameters-binding
# Parameters travel apart from the SQL, and a statement a connection has run five times
# becomes a prepared statement (psycopg's prepare_threshold; it keeps the last 100). Once
# PostgreSQL finds a generic plan as good as the ones it made for each run, it stops
# planning the statement again: a directory search spent 2 ms planning and 0.5 ms
# running. Behind a pooler in transaction mode that does not carry prepared statements
# (PgBouncer before 1.21, or without max_prepared_statements), set
# DATABASE_PREPARED_STATEMENTS=false: parameters still travel apart, nothing is prepared.
_options["server_side_binding"] = True
_options["prepare_threshold"] = (
    5 if env.bool("DATABASE_PREPARED_STATEMENTS", default=True) else None
)

# https://docs.djangoproject.com/en/5.2/topics/cache/
# allauth's rate limits need a cache shared by every process: Redis, else the database.
# The cache only speeds things up. If its Redis is down or hung, a request waits at most
# half a second for it, then this process uses the database cache for 30 seconds before
# asking Redis again (core/cache.py): rate limits keep counting, and nobody sees an
# error or a refusal. Sessions are not in the cache at all (SESSION_ENGINE below).
REDIS_URL = env("REDIS_URL", default="")
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "django_cache",
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database", "RETRY_AFTER": 30},
        },
        # Errors are not ignored here: FallbackCache must see them to switch over.
        "redis": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cc",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
        "database": DATABASE_CACHE,
    }
else:
    CACHES = {"default": DATABASE_CACHE}

# https://docs.djangoproject.com/en/5.2/topics/http/sessions/#extending-database-backed-session-engines
# Sessions live in PostgreSQL only, each row with its user's id: a signed-in request reads
# its session and its user in one query (users/sessions.py), and no cache outage can
# touch them.
SESSION_ENGINE = "users.sessions"

# https://docs.djangoproject.com/en/5.2/topics/auth/customizing/
AUTH_USER_MODEL = "users.User"
# Django's and allauth's, each reading the signed-in user with a query compiled once.
AUTHENTICATION_BACKENDS = [
    "users.backends.ModelBackend",
    "users.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "users.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "users.forms.StudentSignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# https://docs.allauth.org/en/latest/account/rate_limits.html
# Added to allauth's defaults: wrong passwords on "Delete my account", per user; the
# public volunteer form, per address it may email and per network address.
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "delete_account": "5/15m/user",
    "volunteer": "20/h/ip,3/h/key",
}
SOCIALACCOUNT_ADAPTER = "users.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# A code from the 30-second step just before or after also counts (RFC 6238, section 5.2:
# clocks drift, and a code typed at the end of its step arrives in the next one).
MFA_TOTP_TOLERANCE = 1

# Generic OpenID Connect sign-in (a university SSO), off unless all three are set.
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_SERVER_URL = env("OIDC_SERVER_URL", default="")
SOCIALACCOUNT_PROVIDERS: dict = {}
if OIDC_CLIENT_ID and OIDC_CLIENT_SECRET and OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", default="university"),
                "name": env("OIDC_NAME", default="University sign-in"),
                "client_id": OIDC_CLIENT_ID,
                "secret": OIDC_CLIENT_SECRET,
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ]
    }

# Student sign-up is limited to these domains (subdomains included).
STUDENT_EMAIL_DOMAINS = [
    d.strip().lower().lstrip("@")
    for d in env.list("STUDENT_EMAIL_DOMAINS", default=["example.edu"])
    if d.strip()
]
# Staff must have two-factor authentication before they may use /admin/.
ADMIN_REQUIRE_MFA = env.bool("ADMIN_REQUIRE_MFA", default=True)

# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# https://django-modeltranslation.readthedocs.io/en/latest/installation.html#configuration
# Content kept in the data in each language (mentors/translation.py,
# notebook/translation.py); a missing translation shows the English text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True
# Our own formats first (core/formats/): a date-time shown without a format names its zone.
FORMAT_MODULE_PATH = ["core.formats"]

# https://docs.djangoproject.com/en/5.2/howto/static-files/
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
# https://docs.djangoproject.com/en/5.2/ref/settings/#data-upload-max-memory-size
# DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out; RequestBodyLimitMiddleware refuses any
# body over this size (413) before it is read: a 5 MB résumé plus the form around it.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=6 * 1024 * 1024)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Résumés (students.storage): a folder no URL serves, MEDIA_ROOT/private.
    "private": {
        "BACKEND": "students.storage.PrivateStorage",
        "OPTIONS": {
            "location": str(Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media"))) / "private")
        },
    },
}
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
# With a bucket, résumés live in S3-compatible object storage instead, private (no ACL, the
# bucket's own applies) and streamed through the permission-checked views.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "students.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty for AWS itself; the server's address for MinIO, Ceph, R2 and the like.
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            # Without keys, boto3 looks further (an instance role, ~/.aws).
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            # A key prefix, to share a bucket with something else.
            "location": env("AWS_LOCATION", default=""),
        },
    }

# https://django-crispy-forms.readthedocs.io/
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# https://docs.djangoproject.com/en/5.2/topics/email/
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Career Center <careers@example.edu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The domain in each email's fixed Message-ID.
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", default="careercenter.local")

# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
# A broker that is down or hung (a stopped process, a lost network) answers with an error
# within seconds instead of holding a worker or beat forever. Requests never wait this
# long: they enqueue with much shorter timeouts (notifications/enqueue.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    # Longer than the workers' BRPOP poll (1 s), so an idle queue is not taken for a hang.
    "socket_timeout": 5,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = LOCAL_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task that hangs (a database or mail server that never answers, a server that trickles
# bytes within every socket timeout) must not hold a worker process forever. The longest
# healthy task sends one chunk of 50 emails over one SMTP connection
# (notifications.services.SEND_CHUNK): a few seconds, under a minute even at a second each.
# It may also wait on purpose: an email the server accepted whose row cannot be marked
# sent (the database connection dropped) is retried for RECORD_SENT_RETRY_SECONDS (300)
# before the task gives up, and cutting that short would send the email twice. So the soft
# limit is above both together. It interrupts the email being sent, which is recorded as a
# failed attempt and retried later, or else ends the task; the hard limit ends the worker
# process. Either way the rows the chunk had not sent lose their advisory locks and the
# dispatcher's next run hands them out again. Only the prefork pool (the default, as in
# docker-compose.yml and `make run`) enforces time limits.
# https://docs.celeryq.dev/en/stable/userguide/workers.html#time-limits
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=480)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(LOCAL_DIR / "celerybeat-schedule")

# The outbox (notifications/): how many rows one dispatcher run claims, and when a row
# left in "sending" by a dead worker is handed out again.
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=500)
NOTIFICATIONS_RECLAIM_AFTER_SECONDS = env.int("NOTIFICATIONS_RECLAIM_AFTER_SECONDS", default=300)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=8)

# https://docs.djangoproject.com/en/5.2/topics/logging/
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Interviews (interviews/): request limits, cancellation and expiry rules.
MAX_PENDING_REQUESTS = env.int("MAX_PENDING_REQUESTS", default=3)
LATE_CANCELLATION_HOURS = env.int("LATE_CANCELLATION_HOURS", default=24)
# How many times a scheduled conversation may be moved; after that, cancel and ask again.
MAX_RESCHEDULES = env.int("MAX_RESCHEDULES", default=2)
NO_SHOW_REPORT_DAYS = env.int("NO_SHOW_REPORT_DAYS", default=7)
REQUEST_STALE_DAYS = env.int("REQUEST_STALE_DAYS", default=5)
REQUEST_EXPIRY_DAYS = env.int("REQUEST_EXPIRY_DAYS", default=14)
# How far ahead a proposed (or moved) time may start.
REQUEST_HORIZON_DAYS = env.int("REQUEST_HORIZON_DAYS", default=90)

# Reminders (interviews/reminders.py): when each is due, relative to the meeting.
REMINDER_CONFIRM_HOURS_BEFORE = env.int("REMINDER_CONFIRM_HOURS_BEFORE", default=48)
REMINDER_CONFIRM_AGAIN_HOURS_BEFORE = env.int("REMINDER_CONFIRM_AGAIN_HOURS_BEFORE", default=24)
REMINDER_PREP_HOURS_BEFORE = env.int("REMINDER_PREP_HOURS_BEFORE", default=24)
REMINDER_THANK_YOU_MINUTES_AFTER = env.int("REMINDER_THANK_YOU_MINUTES_AFTER", default=30)
REMINDER_THANK_YOU_NUDGE_DAYS_AFTER = env.int("REMINDER_THANK_YOU_NUDGE_DAYS_AFTER", default=3)
REMINDER_THANK_YOU_CUTOFF_DAYS = env.int("REMINDER_THANK_YOU_CUTOFF_DAYS", default=7)
REMINDER_FEEDBACK_HOURS_AFTER = env.int("REMINDER_FEEDBACK_HOURS_AFTER", default=24)

# How long a rendered directory page may be reused; any change to mentors invalidates it.
MENTOR_DIRECTORY_CACHE_SECONDS = env.int("MENTOR_DIRECTORY_CACHE_SECONDS", default=300)
# How long one mentor's rendered card (mentors/directory_cards.py), and what their profile
# page shows every reader, may be reused, under the same version; 0 renders them each time.
MENTOR_CARD_CACHE_SECONDS = env.int("MENTOR_CARD_CACHE_SECONDS", default=3600)
# How long a student's "who to talk to next" panel may be reused; any change to what it
# reads (notebook/recommendations_cache.py) invalidates it. 0 computes it on every visit.
RECOMMENDATIONS_CACHE_SECONDS = env.int("RECOMMENDATIONS_CACHE_SECONDS", default=300)

# Staff reports and the alumni import (reports/).
# A term starts on each of these month-days (MM-DD) and runs to the day before the next;
# the reports open on the term that holds today. By default: spring from January 1, summer
# from June 1, fall from August 16.
REPORT_TERM_STARTS = env.list("REPORT_TERM_STARTS", default=["01-01", "06-01", "08-16"])
# An alumni list larger than this is refused next to the file field (the request body
# limit above must stay higher, or the 413 page answers first).
ALUMNI_IMPORT_MAX_BYTES = env.int("ALUMNI_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# Someone invited less than this many days ago is not invited again by a new import.
ALUMNI_INVITATION_RESEND_DAYS = env.int("ALUMNI_INVITATION_RESEND_DAYS", default=180)
# Rows an import invites per transaction (the progress staff see moves by this much).
ALUMNI_IMPORT_CHUNK_ROWS = env.int("ALUMNI_IMPORT_CHUNK_ROWS", default=1000)
# How long an invitation's link works.
ALUMNI_INVITATION_VALID_DAYS = env.int("ALUMNI_INVITATION_VALID_DAYS", default=90)

# Requests one calendar feed address answers per hour: calendar apps poll about hourly,
# from a few devices; a leaked address cannot be hammered.
CALENDAR_FEED_REQUESTS_PER_HOUR = env.int("CALENDAR_FEED_REQUESTS_PER_HOUR", default=60)
