# One image for web, worker and beat.
# Any Python that pyproject.toml's requires-python allows; CI tests 3.11 and 3.13.
ARG PYTHON_VERSION=3.11

FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The translations: gettext's msgfmt compiles locale/*/LC_MESSAGES/django.po (only here).
FROM python:${PYTHON_VERSION}-slim-bookworm AS messages
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY locale ./locale
RUN for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check-format -o "${po%.po}.mo" "$po"; done

FROM python:${PYTHON_VERSION}-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=careercenter.settings.production
WORKDIR /app
RUN useradd --create-home --uid 1000 app
# The exact versions CI tested (requirements/base.txt, checked against its hashes), then the
# project itself without resolving anything again. This layer is rebuilt only when they change.
COPY pyproject.toml ./
COPY requirements/base.txt ./requirements/
RUN pip install -r requirements/base.txt \
 && pip install --no-deps .
COPY --chown=app:app . .
COPY --from=assets --chown=app:app /app/node_modules ./node_modules
COPY --from=messages --chown=app:app /app/locale ./locale
# collectstatic needs settings to load; these values exist only for this build step.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-0000 \
    DJANGO_ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input \
 && mkdir -p /app/media /app/.local && chown app:app /app/media /app/.local
USER app
EXPOSE 8000
# gunicorn's --limit-request-* bound the request line and headers, never the body: the
# proxy in front sets the body limit, and the app refuses bodies over
# REQUEST_BODY_MAX_BYTES with a 413 itself (core/middleware.py).
CMD ["gunicorn", "careercenter.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--limit-request-line", "4094", "--limit-request-fields", "100", \
     "--limit-request-field_size", "8190", "--access-logfile", "-"]
