# BrightPath production image. By default it runs gunicorn on config.wsgi; the
# same image runs the Celery worker and beat and one-shot management commands
# (see docker-compose.yml), e.g.
#
#   docker run --rm --env-file .env brightpath python manage.py migrate --noinput
#
# It defaults to DEBUG=false, so at run time it needs at least SECRET_KEY (50+
# random characters) and ALLOWED_HOSTS; see .env.example for every variable.

ARG PYTHON_IMAGE=python:3.11-slim

# --- build: the pinned dependencies and the package, in a virtualenv ----------
FROM ${PYTHON_IMAGE} AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv

WORKDIR /src

# Dependencies first (pyproject's list, pinned by requirements.lock) in their own
# layer, so a change to the code alone does not reinstall them.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install --no-cache-dir -c requirements.lock -r /tmp/requirements.txt

COPY README.md manage.py ./
COPY config ./config
COPY brightpath ./brightpath
RUN pip install --no-cache-dir -c requirements.lock .

# --- runtime ------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

# PYTHONPATH=/app: the code imported is the copy under /app (with its templates
# and static files, and BASE_DIR/var = /app/var), not the one pip put in
# site-packages, whose wheel carries only .py files.
# WEB_CONCURRENCY is read by gunicorn as its worker count.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings \
    DEBUG=false \
    WEB_CONCURRENCY=3

RUN groupadd --system --gid 10001 brightpath \
    && useradd --system --uid 10001 --gid brightpath --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin brightpath

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
COPY manage.py ./
COPY config ./config
COPY brightpath ./brightpath

# Static files are collected into var/static at build time (the manifest that
# DEBUG=false needs). SECRET_KEY and ALLOWED_HOSTS here are throwaway values for
# this step only, so that the settings load; they are not kept in the image.
# The code and static files stay owned by root; the app user may write only to
# var/ itself (settings create it; SQLite lives there when no DATABASE_URL).
RUN mkdir -p var \
    && DEBUG=false \
       SECRET_KEY=build-time-only-collectstatic-key-not-used-at-runtime-0123456789 \
       ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput --verbosity 1 \
    && chown brightpath:brightpath var

USER 10001:10001

EXPOSE 8000

# /healthz is exempt from the HTTPS redirect; the Host header must be one of
# ALLOWED_HOSTS, so the probe sends the first one (a leading "." or "*" aside).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

# Worker count: WEB_CONCURRENCY (gunicorn reads it); logs, access log included, go to stdout/stderr.
# Threaded workers (gthread): a live-update stream (GET /api/family/events/) holds
# one thread for as long as its page is open, up to LIVE_UPDATES_STREAM_SECONDS;
# a sync worker would be blocked by it and killed after --timeout. Each worker
# serves 16 requests at once, streams included (README, Running the pieces).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", "--threads", "16", "--worker-tmp-dir", "/dev/shm", "--timeout", "60", "--graceful-timeout", "30", "--max-requests", "1000", "--max-requests-jitter", "100", "--access-logfile", "-"]
