"""Settings, all read from the environment in this one place.

Without any environment variable the development defaults apply: SQLite file in the
repository, DEBUG on, console e-mail, evidence files under ./media (never served publicly).
`make run` serves the demo with DEBUG off and SPBE_DEMO=1 (see below).
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.log import DEFAULT_LOGGING
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# `make run` serves the demo as the product runs (DEBUG off: the project's own error pages,
# static files through WhiteNoise) on plain http on this machine; SPBE_DEMO=1 says so, which
# allows the demo secret key, cookies over http and `spbe demo`. Never set it in production.
SPBE_DEMO = env_bool("SPBE_DEMO", False)

_DEMO_SECRET_KEY = "demo-only-insecure-key-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEMO_SECRET_KEY if DEBUG or SPBE_DEMO else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver serves static files through WhiteNoise too, as gunicorn does in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "spbe.core",
    "spbe.accounts",
    "spbe.audit",
    "spbe.audit_trail",
    "spbe.organizations",
    "spbe.frameworks",
    # planning before evaluations: its `plan` command (plans for a cycle, --cycle) extends
    # and replaces evaluations' file-based one, and the first app listed wins a command name
    "spbe.planning",
    "spbe.evaluations",
    "spbe.official",
    "spbe.evidence",
    "spbe.reports",
    "spbe.backup",
    "spbe.inventory",
    "spbe.budget",
    "spbe.worksheets",
    "spbe.api",
    "spbe.web",
]

MIDDLEWARE = [
    "spbe.web.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spbe.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "spbe.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "spbe.web.middleware.PrivateResponsesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Each worker keeps its connection a minute instead of opening one per request
        # (1.6-1.9x the throughput of every page under load, docs/performance.md).
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A persistent connection is checked before reuse, so the app recovers by itself
        # after PostgreSQL restarts instead of failing every request on a dead socket.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent users of the default install wait for the write lock instead of failing
    # with "database is locked": WAL lets readers go on beside one writer, a busy timeout
    # makes writers queue, and IMMEDIATE takes the write lock when a transaction starts,
    # so a read-then-write transaction cannot deadlock on the lock upgrade. SQLite still
    # serialises writers: docs/operations.md says when to move to PostgreSQL.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT_SECONDS", "20")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first, so a locked-out account is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "spbe.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after a working day, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not (DEBUG or SPBE_DEMO))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not (DEBUG or SPBE_DEMO))

# HTTPS, under Django's own setting names so `spbe check --deploy` can be cleared from the
# environment. Behind a TLS-terminating reverse proxy set SECURE_PROXY_SSL_HEADER=1 (the
# proxy must then set X-Forwarded-Proto itself). Health probes stay reachable over HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from the app's own static files, never
# inline; nothing from another host (deployments run on closed networks). Inline style
# attributes are still allowed for the server-drawn charts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Lockout after repeated failed logins (django-axes): a cool-off, never a dead end.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
# Lock the pair (account, address): someone who only knows a username cannot lock its owner
# out from another address, yet guessing from one address is slowed to five tries per
# cool-off. The coordinator sees and lifts locks on the user page; a password reset lifts them.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Count failures per account, whatever case or e-mail the login was typed as.
AXES_USERNAME_CALLABLE = "spbe.accounts.backends.lockout_username"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "spbe" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves STATIC_ROOT (filled by `collectstatic`, as `make run` does); with DEBUG on
# it reads the apps' static folders directly, so an edited stylesheet shows at once.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# Evidence files live in private storage; they are served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY", ""),
            "secret_key": os.environ.get("S3_SECRET_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Upload limits for evidence (bytes); archives (DOCX/XLSX) may not expand beyond the second.
EVIDENCE_MAX_UPLOAD_BYTES = int(os.environ.get("EVIDENCE_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))
EVIDENCE_MAX_EXPANDED_BYTES = int(
    os.environ.get("EVIDENCE_MAX_EXPANDED_BYTES", str(200 * 1024 * 1024))
)
# Reading evidence files (text extraction and OCR) in the background worker's sandboxed child
# process: address-space and CPU-time limits, the wall clock after which it is killed, pages
# read from a text PDF and pages recognised by OCR. EVIDENCE_READ_SANDBOX=0 reads in-process
# (tests that do not exercise the sandbox; never in production).
EVIDENCE_READ_MEMORY_MB = int(os.environ.get("EVIDENCE_READ_MEMORY_MB", "1024"))
EVIDENCE_READ_CPU_SECONDS = int(os.environ.get("EVIDENCE_READ_CPU_SECONDS", "180"))
EVIDENCE_READ_WALL_SECONDS = int(os.environ.get("EVIDENCE_READ_WALL_SECONDS", "600"))
EVIDENCE_READ_MAX_PAGES = int(os.environ.get("EVIDENCE_READ_MAX_PAGES", "300"))
EVIDENCE_OCR_MAX_PAGES = int(os.environ.get("EVIDENCE_OCR_MAX_PAGES", "30"))
EVIDENCE_OCR_ENABLED = os.environ.get("EVIDENCE_OCR_ENABLED", "1") == "1"
EVIDENCE_READ_SANDBOX = os.environ.get("EVIDENCE_READ_SANDBOX", "1") == "1"
# A revision still "sedang dibaca" after this long lost its task (server killed): re-queued by
# `spbe evidence_requeue` (run at worker start and from cron).
EVIDENCE_READ_STALE_MINUTES = int(os.environ.get("EVIDENCE_READ_STALE_MINUTES", "30"))
# The indicator page flags a file linked to this many indicators of one cycle or more.
EVIDENCE_MANY_INDICATORS = int(os.environ.get("EVIDENCE_MANY_INDICATORS", "3"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Temporary files in a folder of the product's own: uploads above FILE_UPLOAD_MAX_MEMORY_SIZE
# while the request reads them ("unggahan") and copies of evidence files being read ("baca").
# A process killed meanwhile leaves them there, where `spbe evidence_orphans` finds them
# (never another program's files in the system's temporary folder).
SPBE_TEMP_DIR = Path(os.environ.get("SPBE_TEMP_DIR") or Path(tempfile.gettempdir()) / "spbe")
FILE_UPLOAD_TEMP_DIR = str(SPBE_TEMP_DIR / "unggahan")

# The shared reference folder beside the checkout (published results, real documents).
SHARED_DIR = Path(os.environ.get("SPBE_SHARED_DIR", BASE_DIR.parent / "shared"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "spbe-monev@localhost")
# Evaluation reminders (`spbe reminders`, daily from cron): days before a due date to warn.
SPBE_REMINDER_DAYS_BEFORE = int(os.environ.get("SPBE_REMINDER_DAYS_BEFORE", "3"))
# The address people open the site at (e.g. https://spbe.kaltimprov.go.id): every link in an
# e-mail is absolute from it, since a mail client cannot follow "/evaluasi/1/". `make run`
# sets it to the address it serves; SPBE_SITE_URL is the older name, still read. Production
# must set it (without it, the password-reset mail falls back to the address of the request).
SITE_URL = (
    os.environ.get("SITE_URL")
    or os.environ.get("SPBE_SITE_URL")
    or ("http://127.0.0.1:8000" if DEBUG else "")
).rstrip("/")
# Explanations (FAKTA, ANALISIS, assessors' notes) are refused beyond this many characters,
# on the pages and in the API; the pages show a counter.
SPBE_EXPLANATION_MAX_CHARS = int(os.environ.get("SPBE_EXPLANATION_MAX_CHARS", "5000"))
# Action items made from a planner proposal are due no sooner than this many days from today.
SPBE_ACTION_DUE_DAYS = int(os.environ.get("SPBE_ACTION_DUE_DAYS", "30"))
# The province view shows the mean of all Pemda of a year only when at least this many
# Pemda have a verified published index that year.
SPBE_PEMDA_AVERAGE_MIN = int(os.environ.get("SPBE_PEMDA_AVERAGE_MIN", "10"))

# Background work goes through Django's tasks interface; the demo runs tasks at once,
# production sets TASKS_BACKEND=database and runs `spbe db_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("TASKS_BACKEND", "immediate")]
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "spbe.accounts.authentication.PersonalTokenAuthentication",
        "spbe.accounts.authentication.SessionAuthentication",  # CSRF refusal translated
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "spbe.api.schema.AutoSchema",  # loads the extensions lazily
    # JSON bodies must be objects: null, [] or a string answer 400 in Indonesian, never 500
    "DEFAULT_PARSER_CLASSES": [
        "spbe.core.api.parsers.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "spbe.core.api.pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "spbe.core.api.errors.exception_handler",
}
# Caches: Django's local-memory cache of each process unless CACHE_BACKEND says otherwise
# (e.g. django.core.cache.backends.redis.RedisCache with CACHE_LOCATION=redis://127.0.0.1:6379/1,
# which needs the redis package). Cycle figures are cached keyed by the data version of their
# instansi (spbe/evaluations/selectors/cache.py), so per-process caches stay right across
# workers; SPBE_FIGURES_CACHE_SECONDS=0 turns that cache off.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", ""),
    }
}
SPBE_FIGURES_CACHE_SECONDS = int(os.environ.get("SPBE_FIGURES_CACHE_SECONDS", "3600"))

SPECTACULAR_SETTINGS = {
    "TITLE": "SPBE Monev API",
    "DESCRIPTION": "API pemantauan dan evaluasi SPBE / Indeks Pemerintah Digital.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema describes every endpoint of the instansi's data: only for signed-in users.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "InstansiKindEnum": "spbe.organizations.models.InstansiKind",
        "UnitKindEnum": "spbe.organizations.models.UnitKind",
        "RoleEnum": "spbe.organizations.models.Role",
        "DocumentKindEnum": "spbe.evidence.models.Document.Kind",
        "DocumentFreshnessEnum": "spbe.evidence.models.Document.Freshness",
        "CycleKindEnum": "spbe.evaluations.models.Cycle.Kind",
        "FinalSourceEnum": "spbe.evaluations.models.Assessment.FinalSource",
        "ActionItemStatusEnum": "spbe.planning.models.ActionItem.Status",
    },
}

# Logs: JSON lines in production (LOG_FORMAT=json, the default when DEBUG is off), one per
# request with request id, user id and duration (spbe/web/request_log.py); text in the demo.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
SPBE_LOG_REQUESTS = env_bool("SPBE_LOG_REQUESTS", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "expected_client_errors": {"()": "spbe.web.log_filters.ExpectedClientErrors"},
        "request_context": {"()": "spbe.web.request_log.RequestContextFilter"},
    },
    "formatters": {
        "django.server": DEFAULT_LOGGING["formatters"]["django.server"],
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        },
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's own console handler (DEBUG) wrote every request warning a second time
        # beside root's: log once, through root; 403/404 without traceback (see the filter).
        # Configuring "django" resets its children, so runserver's request lines are
        # declared again as Django ships them.
        "django": {"handlers": []},
        "django.request": {"filters": ["expected_client_errors"]},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
        "spbe.request": {"level": "INFO"},
    },
}

# Rows per page of the HTML lists (cycles, ...); the API has its own limit.
SPBE_LIST_PAGE_SIZE = int(os.environ.get("SPBE_LIST_PAGE_SIZE", "25"))

# A personal token's "last used" is written at most once per this many seconds.
SPBE_TOKEN_LAST_USED_INTERVAL = int(os.environ.get("SPBE_TOKEN_LAST_USED_INTERVAL", "60"))

# Bulk import of units and users (organisations): file size and row limits.
ORG_IMPORT_MAX_BYTES = int(os.environ.get("ORG_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
ORG_IMPORT_MAX_ROWS = int(os.environ.get("ORG_IMPORT_MAX_ROWS", "2000"))
# What an imported XLSX may unzip to (its zip is checked before it is opened).
ORG_IMPORT_MAX_EXPANDED_BYTES = int(
    os.environ.get("ORG_IMPORT_MAX_EXPANDED_BYTES", str(50 * 1024 * 1024))
)
# An edited lembar kerja (spbe/worksheets): its file size, what its zip may expand to, and the
# rows/columns its sheet may declare, all checked before the sheet is parsed.
WORKSHEET_MAX_BYTES = int(os.environ.get("WORKSHEET_MAX_BYTES", str(5 * 1024 * 1024)))
WORKSHEET_MAX_EXPANDED_BYTES = int(
    os.environ.get("WORKSHEET_MAX_EXPANDED_BYTES", str(50 * 1024 * 1024))
)
WORKSHEET_MAX_ROWS = int(os.environ.get("WORKSHEET_MAX_ROWS", "1000"))
WORKSHEET_MAX_COLUMNS = int(os.environ.get("WORKSHEET_MAX_COLUMNS", "60"))
AXES_LOCKOUT_CALLABLE = "spbe.accounts.views.lockout_response"
