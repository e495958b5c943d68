"""Settings, read from the environment (12-factor).

The embedded default needs no server: SQLite and kombu's filesystem broker under ``var/``.
Production sets ``DATABASE_URL`` (PostgreSQL) and ``CELERY_BROKER_URL`` (Redis).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Debug by default for `make run` and tests; off by default with DJANGO_ENV=production (see below).
DEBUG = env.bool("DJANGO_DEBUG", default=env.str("DJANGO_ENV", default="development") != "production")
SECRET_KEY = env.str("SECRET_KEY", default="dev-insecure-change-me-autobill-0123456789abcdef")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
    "djmoney",
    "simple_history",
    "access",
    "audit",
    "contracts",
    "metering",
    "invoicing",
    "receivables",
    "revrec",
    "ledger",
    "integrations",
    "reporting",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "billing_site.urls"
WSGI_APPLICATION = "billing_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "billing_site" / "templates"],
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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # A new PostgreSQL connection per request halves single-event ingestion (bench/README.md).
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "access.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "access.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Autobill API",
    "DESCRIPTION": "Public REST API v1: customers, meters, contracts, usage events, billing runs, "
    "invoices and reports. Money and quantities are decimal strings.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery-queue"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "store_processed": False,
    }
    # kombu's filesystem transport, writing each message atomically (billing_site/kombu_filesystem.py).
    CELERY_BROKER_TRANSPORT = "billing_site.kombu_filesystem:Transport"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# celery-beat's database scheduler installs these entries when it starts; they are editable in
# the admin (Periodic tasks) afterwards. Intervals are in seconds.
CELERY_BEAT_SCHEDULE = {
    "usage-rollups": {"task": "metering.tasks.usage_rollups_advance_task", "schedule": 5.0},
    "billing-run": {"task": "invoicing.tasks.billing_run_scheduled_task", "schedule": 300.0},
    "amendments-pending": {"task": "contracts.tasks.amendments_apply_pending_task", "schedule": 60.0},
    "credit-expiry": {"task": "invoicing.tasks.credit_grants_expire_due_task", "schedule": crontab(minute=30, hour=1)},
    "payment-retries": {"task": "receivables.tasks.payment_retries_due_task", "schedule": 300.0},
    "dunning-reminders": {
        "task": "receivables.tasks.dunning_reminders_due_task",
        "schedule": 900.0,
    },
    "revenue-recognition": {
        "task": "revrec.tasks.revenue_recognize_due_task",
        "schedule": crontab(minute=15, hour="*/6"),
    },
    # Usage earned in a month and not yet invoiced: accrued once the month has ended everywhere.
    "revenue-usage-accrual": {
        "task": "revrec.tasks.revenue_usage_accrue_task",
        "schedule": crontab(minute=0, hour=13, day_of_month=1),
    },
    # The dunning retry model learns from the week's attempts (receivables/learning.py).
    "dunning-model-retrain": {
        "task": "receivables.tasks.dunning_model_retrain_task",
        "schedule": crontab(minute=0, hour=3, day_of_week="sunday"),
    },
}
# POST /api/v1/dunning/train fits in the request (200) by default: 25,000 attempts take seconds.
# On: it answers 202 and a worker fits the model (GET /api/v1/dunning/model shows "training").
DUNNING_TRAIN_ASYNC = env.bool("DUNNING_TRAIN_ASYNC", default=False)

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "sent-mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Autobill Billing <billing@autobill.test>")

# --- Stripe ---------------------------------------------------------------------------------
STRIPE_API_KEY = env.str("STRIPE_API_KEY", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # e.g. http://127.0.0.1:8420 (localstripe)
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# For Stripe.js on the invoice pay page (the card form shows only when this and the API key are set).
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")

# --- The company that issues invoices -------------------------------------------------------
COMPANY_NAME = env.str("COMPANY_NAME", default="Autobill Demo Co.")
COMPANY_ADDRESS = env.str("COMPANY_ADDRESS", default="100 Market Street, San Francisco, CA 94105, US")
COMPANY_EMAIL = env.str("COMPANY_EMAIL", default="billing@autobill.test")
COMPANY_TAX_ID = env.str("COMPANY_TAX_ID", default="")
INVOICE_NUMBER_PREFIX = env.str("INVOICE_NUMBER_PREFIX", default="INV")

# Links in emails and PDFs (payment page) expire after this many days.
PAYMENT_LINK_MAX_AGE_DAYS = env.int("PAYMENT_LINK_MAX_AGE_DAYS", default=60)

# Verified API keys are kept per process this long: a key revoked in another process (the admin)
# stops working within this many seconds; in the same process at once. 0 disables the cache.
API_KEY_CACHE_SECONDS = env.float("API_KEY_CACHE_SECONDS", default=5.0)

# Billing runs draft this many contracts per chunk: one Celery task and one transaction each.
BILLING_RUN_CHUNK_SIZE = env.int("BILLING_RUN_CHUNK_SIZE", default=500)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Review holds: a draft whose total is more than FACTOR x (or under 1/FACTOR of) the median of
# the customer's last HISTORY invoices is held for review, as is one above the absolute amount of
# its currency (a customer's own invoice_hold_above wins).
INVOICE_ANOMALY_FACTOR = Decimal(env.str("INVOICE_ANOMALY_FACTOR", default="3"))  # e.g. 2.5
INVOICE_ANOMALY_HISTORY = env.int("INVOICE_ANOMALY_HISTORY", default=3)
INVOICE_HOLD_ABOVE = {"USD": 100_000, "EUR": 100_000, "GBP": 100_000, "JPY": 15_000_000}
CREDIT_NOTE_NUMBER_PREFIX = env.str("CREDIT_NOTE_NUMBER_PREFIX", default="CN")

# --- Integrations (CRM and GL connections; integrations/) -------------------------------------
# Fernet keys for the connections' credentials, newest first (rotate by prepending a key made with
# `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).
# Empty: one key derived from SECRET_KEY (development only).
INTEGRATIONS_ENCRYPTION_KEYS = env.list("INTEGRATIONS_ENCRYPTION_KEYS", default=[])
INTEGRATIONS_XERO_API_URL = env.str("INTEGRATIONS_XERO_API_URL", default="https://api.xero.com")
INTEGRATIONS_XERO_IDENTITY_URL = env.str("INTEGRATIONS_XERO_IDENTITY_URL", default="https://identity.xero.com")
INTEGRATIONS_HUBSPOT_API_URL = env.str("INTEGRATIONS_HUBSPOT_API_URL", default="https://api.hubapi.com")
# Contract documents: an optional language model extracts beside the offline extractor and its
# disagreements show as warnings ("anthropic" or "openai"; the SDK reads its own API key).
CONTRACT_EXTRACTION_LLM = env.str("CONTRACT_EXTRACTION_LLM", default="")
CONTRACT_EXTRACTION_LLM_MODEL = env.str("CONTRACT_EXTRACTION_LLM_MODEL", default="")

# --- Reporting (issue 12) ---------------------------------------------------------------------
# The CFO dashboard converts every currency into REPORTING_CURRENCY with the dated rates stored in
# reporting.ExchangeRate, each quoted as the value of one unit in EXCHANGE_BASE_CURRENCY.
REPORTING_CURRENCY = env.str("REPORTING_CURRENCY", default="USD")
EXCHANGE_BASE_CURRENCY = env.str("EXCHANGE_BASE_CURRENCY", default="USD")
# PostgreSQL work_mem for a dashboard's read-only snapshot (its aggregations stay in memory).
REPORTING_WORK_MEM = env.str("REPORTING_WORK_MEM", default="64MB")

# --- Audit chain (issue 12) ------------------------------------------------------------------
# Audit events and history rows are sealed into the tamper-evident chain every minute.
CELERY_BEAT_SCHEDULE["audit-chain-seal"] = {"task": "audit.tasks.audit_chain_seal_task", "schedule": 60.0}
# Stripe's balance transactions and payouts reconciled with our payments, refunds and fees, daily.
CELERY_BEAT_SCHEDULE["stripe-reconciliation"] = {
    "task": "reporting.tasks.stripe_reconcile_task", "schedule": crontab(minute=45, hour=5),
}
# The month-end close pack of the month before, on the 2nd (after the 1st's billing and recognition).
CELERY_BEAT_SCHEDULE["close-pack-monthly"] = {
    "task": "reporting.tasks.close_pack_previous_month_task", "schedule": crontab(minute=0, hour=6, day_of_month=2),
}

# --- Production hardening (issue 14) ----------------------------------------------------------
# DJANGO_ENV=production: SECRET_KEY must be set and DEBUG off, or the process refuses to start.
# Outside production a missing SECRET_KEY is only accepted with DEBUG on (make run, tests): the
# default key is in the repository, and with it anyone could sign pay links.
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
IS_PRODUCTION = DJANGO_ENV == "production"
_INSECURE_KEY = "dev-insecure-change-me-autobill-0123456789abcdef"
if IS_PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")
if (IS_PRODUCTION or not DEBUG) and SECRET_KEY == _INSECURE_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (a long random string): it signs sessions and pay links.")
if IS_PRODUCTION and len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters in production.")

# Cookies over HTTPS only once off debug; HSTS and the HTTPS redirect in production (TLS ends at
# the proxy in front of gunicorn, which sets X-Forwarded-Proto).
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if IS_PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=IS_PRODUCTION)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=IS_PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("TRUST_X_FORWARDED_PROTO", default=IS_PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Content security policy (django-csp): our own origin, plus Stripe.js on the pay page and the
# Swagger UI bundle (jsDelivr) at /api/docs/. Inline scripts only with the per-request nonce; inline
# style attributes are allowed (the admin templates use them), inline scripts are not.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, "https://js.stripe.com", "https://cdn.jsdelivr.net"],
        "style-src": [SELF, UNSAFE_INLINE, "https://cdn.jsdelivr.net"],
        "img-src": [SELF, "data:", "https://cdn.jsdelivr.net"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://api.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Static files (the admin's CSS and JS) served by the web processes themselves (WhiteNoise): no
# separate file server is needed behind the proxy. `collectstatic` fills STATIC_ROOT (Dockerfile).
# (With DEBUG on, `runserver` serves them: make run.)
if not DEBUG:
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "whitenoise.middleware.WhiteNoiseMiddleware")  # fmt: skip

# Caches: per process by default; CACHE_URL=redis://... shares them (login rate limit) between
# web processes and machines.
_cache_url = env.str("CACHE_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Login rate limit (access/ratelimit.py): after LOGIN_FAILURES_LIMIT failed logins for one
# username or one client address within LOGIN_FAILURES_WINDOW seconds, logins from it answer 429
# until the window has passed.
LOGIN_FAILURES_LIMIT = env.int("LOGIN_FAILURES_LIMIT", default=5)
LOGIN_FAILURES_WINDOW = env.int("LOGIN_FAILURES_WINDOW", default=900)
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                  "access.ratelimit.LoginRateLimitMiddleware")  # fmt: skip
# API errors as JSON (unknown paths, oversize bodies, NUL bytes in the query string); the event
# batch endpoint takes bodies up to EVENT_BATCH_MAX_BYTES (10,000 events with modest properties),
# every other request up to DATA_UPLOAD_MAX_MEMORY_SIZE.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "access.middleware.ApiGuardMiddleware")
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
EVENT_BATCH_MAX_BYTES = env.int("EVENT_BATCH_MAX_BYTES", default=16 * 1024 * 1024)
REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] = ["access.permissions.RolePermission"]
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "access.pagination.BoundedLimitOffsetPagination"
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = ["access.parsers.StrictJSONParser", "rest_framework.parsers.FormParser",
                                            "rest_framework.parsers.MultiPartParser"]  # fmt: skip
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "access.schema.add_error_responses",
]

# Celery in production: a message is acknowledged after its task ran (CELERY_TASK_ACKS_LATE) and
# given back to the queue when the worker process running it dies; Redis hands an unacknowledged
# message to another worker after the visibility timeout, which must exceed the longest task (a
# billing-run chunk of BILLING_RUN_CHUNK_SIZE contracts takes seconds; PDFs and emails less).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=900)
if not CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
# Queues per kind of work, so a month-end billing run does not wait behind ingestion rollups or
# thousands of PDFs and emails: run a worker per queue (docker-compose.yml), or one worker on all.
CELERY_TASK_ROUTES = {
    "metering.tasks.*": {"queue": env.str("CELERY_QUEUE_INGESTION", default=CELERY_TASK_DEFAULT_QUEUE)},
    "invoicing.tasks.billing_run_*": {"queue": env.str("CELERY_QUEUE_BILLING", default=CELERY_TASK_DEFAULT_QUEUE)},
    "invoicing.tasks.invoice_deliver_task": {
        "queue": env.str("CELERY_QUEUE_DELIVERY", default=CELERY_TASK_DEFAULT_QUEUE)
    },
}
# A chunk of a running billing run that has not finished this many seconds after it was queued
# (its worker died and the broker has not redelivered it yet) is queued again by the watchdog.
BILLING_RUN_CHUNK_STALE_SECONDS = env.int("BILLING_RUN_CHUNK_STALE_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["billing-run-watchdog"] = {
    "task": "invoicing.tasks.billing_run_watchdog_task",
    "schedule": 120.0,
}
# Integrations: GL catch-up for lost signals (integrations/gl/catchup.py): documents and journal
# entries that should be on their way to a GL and have no sync item are planned and synced.
CELERY_BEAT_SCHEDULE["integrations-gl-catch-up"] = {
    "task": "integrations.tasks.gl_catch_up_task",
    "schedule": 900.0,
}

# --- CFO dashboard rollup (issue 12) -----------------------------------------------------------
# The monthly per-customer rollup the CFO dashboard reads: changed customers every minute, all nightly.
# A page view refreshes at most this many changed customers itself; more (or no build yet), and it
# reads live while the worker refreshes.
REPORTING_ROLLUP_INLINE_LIMIT = env.int("REPORTING_ROLLUP_INLINE_LIMIT", default=300)
CELERY_BEAT_SCHEDULE["reporting-rollup-refresh"] = {"task": "reporting.tasks.rollup_refresh_task", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["reporting-rollup-rebuild"] = {
    "task": "reporting.tasks.rollup_rebuild_task", "schedule": crontab(minute=30, hour=3),
}
