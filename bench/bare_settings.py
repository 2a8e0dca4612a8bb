"""A bare Django project for ``bench/directory.py``: one view returning an ``HttpResponse``
behind Django's default middleware (``startproject``'s list), no database.

It is what any Django page costs before it does anything; the app's pages are measured
as a ratio to it. Served by gunicorn beside the app, with the same worker count:

    DJANGO_SETTINGS_MODULE=bare_settings gunicorn --pythonpath bench \\
        'django.core.wsgi:get_wsgi_application()'
"""

from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-only-bare-view-key-never-used-for-anything-signed-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bare_settings"
USE_TZ = True
DATABASES: dict = {}
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def bare_view(request):
    return HttpResponse("bare")


urlpatterns = [path("", bare_view)]
