"""BrightPath settings, read from the environment.

With nothing set, the project runs on embedded defaults: SQLite under var/,
a local-memory cache, Celery in eager mode and the console email backend.
Every variable is listed in the README and in .env.example.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

# Production refuses to start on a development secret.
if DEBUG:
    SECRET_KEY = env(
        "SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production-0123456789"
    )
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("dev-only"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG=false"
        )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG=false")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "brightpath.common",
    "brightpath.accounts",
    "brightpath.families",
    "brightpath.curriculum",
    "brightpath.surveys",
    "brightpath.planner",
    "brightpath.insights",
    "brightpath.spark",
    "brightpath.coach",
    "brightpath.coach.pe",
    "brightpath.onboarding",
    "brightpath.web",
]

MIDDLEWARE = [
    "brightpath.common.middleware.RequestIdMiddleware",
    "brightpath.common.middleware.UnstorableTextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # While a session is in a child's view, only the child's pages and API answer.
    "brightpath.spark.middleware.ChildModeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "brightpath.common.middleware.ApiErrorShapeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'brightpath.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves concurrent requests: readers never block the
    # writer (WAL), a write waits up to 20 s for another to finish instead of
    # failing with "database is locked", and a transaction takes the write lock
    # when it begins (IMMEDIATE), so two read-then-write transactions queue instead
    # of deadlocking. A DATABASE_URL query string (e.g. ?timeout=5) still wins.
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache with a Redis outage read as "not cached" (logged):
            # sessions (cached_db) and every other fact live in the database.
            "BACKEND": "brightpath.common.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "brightpath",
            # A dead Redis must fail fast, not hang a request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
# Without a broker, jobs run inline (eager), so the embedded set-up needs nothing running.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "cache+memory://")
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# An unreachable broker fails a publish within seconds, so the request that queued
# the job answers (planning inline, or saying so) instead of hanging.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
# Queuing a task first subscribes to its result: without this, an unreachable result
# store is retried for about 20 s before the publish even starts.
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": CELERY_TASK_PUBLISH_RETRY_POLICY}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    # A task taken by a worker that died (kill -9, a lost machine) is delivered again
    # after this many seconds; keep it above CELERY_TASK_TIME_LIMIT.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_BEAT_SCHEDULE = {
    "generate-next-week": {
        "task": "planner.generate_next_week",
        # Default: Saturdays 18:00 (server time); e.g. GENERATE_NEXT_WEEK_CRON="0 6 * * 0".
        "schedule": crontab(*env("GENERATE_NEXT_WEEK_CRON", default="0 18 * * 6").split()),
    },
    # Both run often and act per family at that family's local time.
    "carry-over-nightly": {
        "task": "planner.carry_over_nightly",
        "schedule": crontab(minute=5),
    },
    "send-daily-agendas": {
        "task": "planner.send_daily_agendas",
        "schedule": crontab(minute="*/15"),
    },
    "purge-expired-tokens": {
        "task": "accounts.purge_expired_tokens",
        "schedule": timedelta(hours=24),
    },
    # Spark's retention policy (brightpath/spark/privacy-notice.md): conversation text past
    # SPARK_RETENTION_DAYS is deleted daily, so none outlives the limit by more than a day.
    "spark-purge-old-conversations": {
        "task": "spark.purge_old_conversations",
        "schedule": crontab(hour=3, minute=30),
    },
    "spark-schedule-sparks": {
        "task": "spark.schedule_sparks",
        "schedule": crontab(hour=2, minute=10),
    },
    # A child's age group follows their birthday (entering their view refreshes it too).
    "spark-refresh-age-groups": {
        "task": "spark.refresh_age_groups",
        "schedule": crontab(hour=0, minute=40),
    },
    # Hourly, acting per child in the first run after the parent's local midnight.
    "spark-summarise-yesterday": {
        "task": "spark.summarise_yesterday",
        "schedule": crontab(minute=20),
    },
    # Issue 17: the reward model retrains nightly on the rated weeks (a worse
    # model is never activated); preferences learn from the week's logs an hour
    # before next week is planned, so the new plan uses them.
    "train-reward-model": {
        "task": "insights.train_reward_model",
        "schedule": crontab(*env("TRAIN_REWARD_MODEL_CRON", default="30 1 * * *").split()),
    },
    "refresh-learned-preferences": {
        "task": "insights.refresh_preferences",
        "schedule": crontab(*env("LEARN_PREFERENCES_CRON", default="0 17 * * 6").split()),
    },
}

# Rated weeks the reward model needs before it is trained (from two families at least).
REWARD_MODEL_MIN_WEEKS = env.int("REWARD_MODEL_MIN_WEEKS", default=30)

# Sessions in a week above which generation runs on a worker (202) when a broker exists.
PLANNER_BACKGROUND_ABOVE = env.int("PLANNER_BACKGROUND_ABOVE", default=60)
# Seconds the solver gets for a week planned on a worker (nobody is waiting for it:
# a 202 without a timeLimit, next week's beat job), against 5 for an answer at once.
PLANNER_BACKGROUND_TIME_LIMIT = env.float("PLANNER_BACKGROUND_TIME_LIMIT", default=20.0)

# Live updates (GET /api/family/events/, Redis pub/sub; needs REDIS_URL). A stream
# ends after this many seconds and the browser reconnects, so no request holds a
# worker thread for ever; pages without a stream poll /api/family/changes/ instead.
LIVE_UPDATES_STREAM_SECONDS = env.float("LIVE_UPDATES_STREAM_SECONDS", default=300.0)
LIVE_UPDATES_POLL_SECONDS = env.int("LIVE_UPDATES_POLL_SECONDS", default=20)

# --- Spark: consent and retention (brightpath/spark/privacy-notice.md) -------------------
# The version of Spark's privacy notice a parent consents to; a new version asks
# parents again. Days a child's conversation text is kept (then deleted nightly), and
# days without a conversation after which a child's profile is deleted.
SPARK_NOTICE_VERSION = env("SPARK_NOTICE_VERSION", default="2026-12-07")
SPARK_RETENTION_DAYS = env.int("SPARK_RETENTION_DAYS", default=365)
if not 1 <= SPARK_RETENTION_DAYS <= 3650:
    raise ImproperlyConfigured("SPARK_RETENTION_DAYS must be between 1 and 3650 days")

# --- Coach: the teachers' assistants ---------------------------------------------------
# The longest message a teacher may send (characters); the memories given to the
# assistant for each answer; whether the offline assistant answers (with a note)
# when the language model fails, instead of a failed reply the teacher retries.
COACH_MESSAGE_MAX_CHARS = env.int("COACH_MESSAGE_MAX_CHARS", default=4000)
if not 100 <= COACH_MESSAGE_MAX_CHARS <= 8000:
    raise ImproperlyConfigured("COACH_MESSAGE_MAX_CHARS must be between 100 and 8000")
COACH_MEMORIES_PER_ANSWER = env.int("COACH_MEMORIES_PER_ANSWER", default=8)
if not 1 <= COACH_MEMORIES_PER_ANSWER <= 20:
    raise ImproperlyConfigured("COACH_MEMORIES_PER_ANSWER must be between 1 and 20")
COACH_LLM_FALLBACK = env.bool("COACH_LLM_FALLBACK", default=True)

# --- Email ----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BrightPath <no-reply@brightpath.local>")
# Where emails sent by background jobs link to (no request to take the host from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Language model (Spark's guide; Coach later) ----------------------------
# An OpenAI-compatible endpoint (brightpath.common.llm). Unset: no model is
# called and each product answers with its own offline rules.
LLM_BASE_URL = env("LLM_BASE_URL", default="")
LLM_MODEL = env("LLM_MODEL", default="")
LLM_API_KEY = env("LLM_API_KEY", default="")
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", default=20.0)
# Retries of a timeout, 429 or 5xx, with the client's own backoff.
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", default=2)
LLM_EMBEDDINGS_MODEL = env("LLM_EMBEDDINGS_MODEL", default="")
if LLM_BASE_URL and not LLM_MODEL:
    raise ImproperlyConfigured("LLM_MODEL must be set when LLM_BASE_URL is")

# --- Accounts and auth ----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

GOOGLE_CLIENT_ID = env("GOOGLE_CLIENT_ID", default="")
# Where Google's signing certificates are fetched; tests point it at a local fake.
GOOGLE_CERTS_URL = env("GOOGLE_CERTS_URL", default="https://www.googleapis.com/oauth2/v1/certs")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "brightpath.common.pagination.PageNumberPagination",
    # Bounded parsers: size, nesting depth, numbers and storable text are checked
    # before any view runs (see brightpath.common.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "brightpath.common.parsers.JSONParser",
        "brightpath.common.parsers.FormParser",
        "brightpath.common.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["brightpath.common.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "brightpath.common.exception_handler.api_exception_handler",
    # Every signed-in call counts against the user's own limit (a runaway
    # script, not a parent, reaches it); the sign-in doors have their own.
    "DEFAULT_THROTTLE_CLASSES": ["brightpath.accounts.throttles.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("THROTTLE_USER", default="600/min"),
        "login": env("THROTTLE_LOGIN", default="10/min"),
        "register": env("THROTTLE_REGISTER", default="5/min"),
        "password_reset": env("THROTTLE_PASSWORD_RESET", default="5/min"),
        "google": env("THROTTLE_GOOGLE", default="10/min"),
        # A parent's account: PIN entries to a child's view, leaving it, consent checks.
        "spark_verify": env("THROTTLE_SPARK_VERIFY", default="20/min"),
    },
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=60)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "BrightPath API",
    "DESCRIPTION": "BrightPath's Planner for homeschooling families: accounts, the onboarding "
    "questionnaire, children and their subject plans, weekly schedules planned by a constraint "
    "solver, living with the week, records, calendar feeds and agenda emails. Spark (/api/spark/): "
    "children's curiosity explorer behind parental consent. Coach (/api/coach/): teachers' "
    "assistants with memory and lessons, and the physical-education module (/api/coach/pe/). "
    "Learning (/api/feedback/, /api/ml/): weekly ratings, a reward model with a versioned "
    "registry, and times of day learned from use. Errors share one shape: "
    '{"error": {"code", "message", "fields"}}.',
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "brightpath.common.openapi.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "WeekdayEnum": "brightpath.families.vocabulary.WEEKDAYS",
        "CommitmentFrequencyEnum": "brightpath.families.vocabulary.COMMITMENT_FREQUENCY_CHOICES",
        "SubjectFrequencyEnum": "brightpath.families.vocabulary.SUBJECT_FREQUENCY_CHOICES",
        "ParentInvolvementEnum": "brightpath.families.vocabulary.PARENT_INVOLVEMENT_CHOICES",
        "ItemTypeEnum": "brightpath.planner.models.ITEM_TYPES",
        "LessonWriteModeEnum": "brightpath.curriculum.services.lessons.LESSON_WRITE_MODES",
        "PaceSuggestionKindEnum": "brightpath.planner.selectors.lessons.SUGGESTION_KINDS",
        "DayOffKindEnum": "brightpath.planner.models.DAY_OFF_KINDS",
        "SparkConversationTypeEnum": "brightpath.spark.models.Conversation.TYPES",
        "SparkTopicCategoryEnum": "brightpath.spark.models.Topic.CATEGORIES",
        "SparkMessageRoleEnum": "brightpath.spark.models.Message.ROLES",
        "CoachMemoryCategoryEnum": "brightpath.coach.memory.vocabulary.CATEGORIES",
        "CoachGradeLevelEnum": "brightpath.coach.models.GRADE_LEVELS",
        "PeSeverityLevelEnum": "brightpath.coach.pe.vocabulary.SEVERITY_LEVELS",
    },
}

# --- i18n, time -----------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="America/New_York")  # default for new families
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security headers (every mode) ----------------------------------------
# On in development too, so the browser tests meet the same policy production sends.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# The pages' scripts read the CSRF token from <meta name="csrf-token">, never from
# document.cookie, so the cookie can be hidden from scripts as well.
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp). No inline script, style element or style
# attribute runs without the request's nonce: pages load their code from static files,
# and values computed per element (bar widths, colours) go through the style_class tag
# (brightpath/web/templatetags/csp_styles.py) into one nonced <style>.
# With Google sign-in on, its button loads a script, a stylesheet and a frame from
# Google Identity Services (the sources Google documents for a CSP).
_GSI = "https://accounts.google.com/gsi/"
_gsi = {
    "script": [_GSI + "client"],
    "style": [_GSI + "style"],
    "frame": [_GSI],
    "connect": [_GSI],
}
if not GOOGLE_CLIENT_ID:
    _gsi = {key: [] for key in _gsi}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *_gsi["script"]],
        "style-src": [SELF, NONCE, *_gsi["style"]],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],  # FullCalendar's icon font is a data: URL
        "connect-src": [SELF, *_gsi["connect"]],
        "frame-src": [SELF, *_gsi["frame"]],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Swagger UI at /api/docs/ from drf-spectacular-sidecar's static files, not a CDN.
SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"] = "SIDECAR"
SPECTACULAR_SETTINGS["SWAGGER_UI_FAVICON_HREF"] = "SIDECAR"
SPECTACULAR_SETTINGS["REDOC_DIST"] = "SIDECAR"

# --- Security (production) ------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    # Behind a proxy, links in emails use the host the visitor asked for.
    USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)
    # /healthz and /readyz are probed over plain HTTP inside the deployment.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    # Any http: link left in a page is fetched over https.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# --- Logging: one JSON object per line, with the request id ---------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "brightpath.common.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "celery": {"level": LOG_LEVEL},
    },
}
