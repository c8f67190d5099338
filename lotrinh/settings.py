"""Settings for Lộ trình: one module, configured by environment variables.

Typed helpers fail loudly on a bad value. Safe defaults: DEBUG off unless asked,
SQLite under var/ when there is no DATABASE_URL. Tests use SQLite in memory, or the
PostgreSQL server named by LOTRINH_TEST_DATABASE_URL.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LOTRINH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


TESTING = "pytest" in sys.modules or os.environ.get("LOTRINH_TESTING") == "1"

DEBUG = env_bool("DEBUG", False)
# A local run (tests, `lotrinh demo`, DEBUG=1) may use a key kept under var/; a server
# (DEBUG off) must be given SECRET_KEY and refuses to start without it.
LOCAL_RUN = env_bool("LOTRINH_LOCAL", False)


def local_secret_key() -> str:
    """A random key generated once and kept in var/secret-key (never committed)."""
    path = VAR_DIR / "secret-key"
    if path.exists():
        return path.read_text().strip()
    import secrets

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of the same run wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if TESTING:
        SECRET_KEY = "lotrinh-tests-only-" + "x" * 40
    elif DEBUG or LOCAL_RUN:
        SECRET_KEY = local_secret_key()
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: a server (DEBUG off) refuses to start without it. "
            "Set SECRET_KEY to a long random value (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or run locally with DEBUG=1 or "
            "LOTRINH_LOCAL=1. / Chưa đặt SECRET_KEY: máy chủ không khởi động khi thiếu khoá này."
        )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "lotrinh.core",
    "lotrinh.accounts",
    "lotrinh.agencies",
    "lotrinh.programmes",
    "lotrinh.indicators",
    "lotrinh.reporting",
    "lotrinh.documents",
    "lotrinh.importer",
    "lotrinh.portal",
    "lotrinh.dashboard",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "lotrinh.api",
    "lotrinh.signing",
]

MIDDLEWARE = [
    # First, so every answer (redirects included) names the node that gave it.
    "lotrinh.core.middleware.NodeNameMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # `Cache-Control: private, no-store` on every answer to a signed-in person or an
    # authenticated API caller (outside the upload limit's 413 and every view).
    "lotrinh.core.middleware.PrivateCacheMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out after LOTRINH_SESSION_IDLE_MINUTES without activity (after the messages:
    # the sign-in page says why).
    "lotrinh.core.middleware.IdleTimeoutMiddleware",
    # A form sent after signing out in another tab leads back to its page, not to its
    # POST-only action (core/middleware.py).
    "lotrinh.core.middleware.SignedOutFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lotrinh.core.middleware.RequestIdMiddleware",
    # A NUL in the address or a query parameter is a 400 (core/middleware.py).
    "lotrinh.core.middleware.NulRefusalMiddleware",
    # A bare 405 (require_safe, require_POST) becomes the site's own page (core/middleware.py).
    "lotrinh.core.middleware.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into our lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lotrinh.urls"
WSGI_APPLICATION = "lotrinh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' templates: the admin's own templates overridden by name
        # (Django's admin app, listed first, would otherwise win over lotrinh.core's).
        "DIRS": [BASE_DIR / "lotrinh" / "core" / "admin_overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lotrinh.core.context_processors.site",
                # After Django's csrf: a page rendered for a cache has a placeholder.
                "lotrinh.core.replay_cache.csrf_placeholder",
            ],
        },
    },
]

if TESTING and os.environ.get("LOTRINH_TEST_DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["LOTRINH_TEST_DATABASE_URL"])}
elif TESTING:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
else:
    default_sqlite = f"sqlite:///{VAR_DIR / 'lotrinh.sqlite3'}"
    if not os.environ.get("DATABASE_URL"):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", default_sqlite))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # Wait for another writer (the worker, a second web thread) instead of failing
    # with "database is locked": a busy timeout, and write transactions that take the
    # write lock when they begin (IMMEDIATE), so two readers never deadlock upgrading.
    options.setdefault("timeout", 20)
    if DATABASES["default"]["NAME"] != ":memory:":
        options.setdefault(
            "transaction_mode", os.environ.get("LOTRINH_SQLITE_TRANSACTION_MODE", "IMMEDIATE")
        )
        # WAL lets readers go on while one connection writes; set on every connection.
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000; PRAGMA synchronous=NORMAL",
        )
else:
    # Keep connections between requests, and check them before use after an idle spell.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("LOTRINH_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"  # each person's overview
LOGOUT_REDIRECT_URL = "portal:home"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username+address before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, loading the person with their agency (one query).
    "lotrinh.accounts.backends.AccountBackend",
]
# Django's four rules (length, similarity, common passwords, digits only), our messages.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "lotrinh.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "lotrinh.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("LOTRINH_PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "lotrinh.accounts.validators.CommonPasswordValidator"},
    {"NAME": "lotrinh.accounts.validators.NumericPasswordValidator"},
]
# Argon2id first (new and re-hashed passwords); the others still verify older hashes,
# which are upgraded to Argon2id at the next successful login.
PASSWORD_HASHERS = [
    "lotrinh.accounts.hashers.LotrinhArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked for the cool-off period, whatever
# password comes next. The lock-out answer is the login page with a message.
AXES_FAILURE_LIMIT = env_int("LOTRINH_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOTRINH_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lotrinh.accounts.lockout.locked_out_response"
# The address of a login: behind the HTTPS proxy, the one the proxy saw (not its own).
AXES_CLIENT_IP_CALLABLE = "lotrinh.accounts.lockout.client_address"
AXES_VERBOSE = False

# HTTPS, from the environment. LOTRINH_HTTPS=1 when the site is served over HTTPS
# (directly or behind a proxy): redirect HTTP, Secure cookies, HSTS.
HTTPS = env_bool("LOTRINH_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("LOTRINH_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a proxy that sets X-Forwarded-Proto itself (and strips the client's) and appends
# the address it saw to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for, HAProxy's
# `option forwardfor`): the login lock-out counts that address, not the proxy's.
LOTRINH_BEHIND_HTTPS_PROXY = env_bool("LOTRINH_BEHIND_HTTPS_PROXY", False)
if LOTRINH_BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# A session ends after this many minutes without activity (0: never for inactivity), and
# in any case SESSION_COOKIE_AGE (two weeks) after signing in (core/middleware.py).
LOTRINH_SESSION_IDLE_MINUTES = env_int("LOTRINH_SESSION_IDLE_MINUTES", 8 * 60)
LOTRINH_SESSION_IDLE_SECONDS = LOTRINH_SESSION_IDLE_MINUTES * 60
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts and styles only from our own static
# files (no inline script, no style attribute), no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# Each app keeps its own translations in lotrinh/<app>/locale (found automatically).
LOCALE_PATHS: list[Path] = []
# Dates are typed day first (dd/mm/yyyy) in both languages (lotrinh/core/dates.py).
FORMAT_MODULE_PATH = ["lotrinh.core.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
if not TESTING:
    # WhiteNoise warns about a missing STATIC_ROOT before the first collectstatic.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LOTRINH_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail from the environment (lotrinh/core/mailconfig.py, README "Configuration"):
# LOTRINH_EMAIL_URL, or EMAIL_HOST/PORT/USER/PASSWORD/USE_TLS/USE_SSL; files under
# var/mail by default; DEFAULT_FROM_EMAIL is the sender.
from lotrinh.core.mailconfig import email_settings, site_url  # noqa: E402

_EMAIL = email_settings(os.environ, testing=TESTING, var_dir=VAR_DIR)
EMAIL_BACKEND: str = _EMAIL["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _EMAIL["EMAIL_FILE_PATH"]
EMAIL_TIMEOUT: int = _EMAIL["EMAIL_TIMEOUT"]
EMAIL_HOST: str = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT: int = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER: str = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD: str = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS: bool = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL: bool = _EMAIL.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL: str = _EMAIL["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL: str = _EMAIL["SERVER_EMAIL"]
# The address people open (http://127.0.0.1:8000 locally): every link in an e-mail is
# made absolute from it (lotrinh.core.links.absolute_url).
LOTRINH_SITE_URL = site_url(os.environ)
# A password-reset link works this many hours; an invitation link this many days. Both
# stop working once used (the token covers the password hash).
PASSWORD_RESET_TIMEOUT = env_int("LOTRINH_PASSWORD_RESET_HOURS", 24) * 3600
LOTRINH_INVITATION_DAYS = env_int("LOTRINH_INVITATION_DAYS", 7)

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING and not env_bool("LOTRINH_TEST_REAL_QUEUE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}
# A background job (a document) running longer than this is failed and may be retried.
LOTRINH_JOB_TIMEOUT_SECONDS = env_int("LOTRINH_JOB_TIMEOUT_SECONDS", 600)
# Workers record a heartbeat this often; one silent for LOTRINH_WORKER_SILENT_SECONDS
# counts as gone, and its running job is queued again for another worker.
LOTRINH_WORKER_HEARTBEAT_SECONDS = env_int("LOTRINH_WORKER_HEARTBEAT_SECONDS", 15)
LOTRINH_WORKER_SILENT_SECONDS = env_int("LOTRINH_WORKER_SILENT_SECONDS", 60)

# ---- Many servers (docs/deployment.md) ----
# The name of this web node, sent back as X-Lotrinh-Node (empty: no header), so an
# operator can see which node behind the load balancer answered.
LOTRINH_NODE_NAME = os.environ.get("LOTRINH_NODE_NAME", "")
# Sessions live in the database (Django's default, named here because web nodes rely
# on it): any node reads a session another node created.
SESSION_ENGINE = "lotrinh.core.sessions"  # database sessions, read by a compiled query
# The cache: each process's own memory by default; LOTRINH_CACHE_URL=redis://host:6379/0
# shares one Redis among all nodes (needs the `redis` package).
CACHE_URL = os.environ.get("LOTRINH_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        f"LOTRINH_CACHE_URL must be a redis:// or rediss:// URL, got {CACHE_URL!r}"
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The load balancer checks /healthz over plain HTTP, also when the site redirects to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("LOTRINH_PGBOUNCER", False) and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PgBouncer in transaction mode hands each transaction to any server connection:
    # no server-side cursors (they outlive a transaction) and no prepared statements
    # (psycopg prepares a query after 5 runs, on a connection the next one may not get).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
# ---- end of many servers ----

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Days without an update after which a task counts as stale on the compliance page.
LOTRINH_STALE_DAYS = env_int("LOTRINH_STALE_DAYS", 180)
# Largest evidence file an officer may attach to a report entry (bytes).
LOTRINH_EVIDENCE_MAX_BYTES = env_int("LOTRINH_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Days before a reporting deadline on which reminders are sent.
LOTRINH_REMINDER_OFFSETS = [int(x) for x in env_list("LOTRINH_REMINDER_OFFSETS", ["14", "7", "1"])]
# Days back the daily job catches up when it did not run (server or worker down): a
# reminder due then is sent once, late, with the days left counted from the day it goes.
LOTRINH_REMINDER_CATCH_UP_DAYS = env_int("LOTRINH_REMINDER_CATCH_UP_DAYS", 7)

# ---- Upload limits (lotrinh/core/uploads.py; each one documented in docs/uploads.md) ----
# A request body larger than LOTRINH_MAX_UPLOAD_BYTES is refused (413) before it is read;
# each file is then checked against the limits of its kind before any parser sees it.
from lotrinh.core.uploads import DEFAULTS as _UPLOAD_DEFAULTS  # noqa: E402

for _name, _default in _UPLOAD_DEFAULTS.items():
    globals()[_name] = env_int(_name, _default)
# Named here too, for those who look for it: every request body, 20 MB by default.
LOTRINH_MAX_UPLOAD_BYTES = env_int(
    "LOTRINH_MAX_UPLOAD_BYTES", _UPLOAD_DEFAULTS["LOTRINH_MAX_UPLOAD_BYTES"]
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "lotrinh.core.uploads.UploadLimitMiddleware",
)
# ---- end of upload limits ----


# ---- REST API (lotrinh/api, docs/api.md) ----
# Rate limits use the configured cache (Redis when LOTRINH_CACHE_URL is set, so every node
# counts together). Rates: "N/second|minute|hour|day".
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lotrinh.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["lotrinh.api.auth.TokenScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "lotrinh.api.parsers.JSONParser",  # DRF's, deep nesting a 400 (api/parsers.py)
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "lotrinh.api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("LOTRINH_API_RATE_ANON", "120/minute"),
        "user": os.environ.get("LOTRINH_API_RATE_USER", "600/minute"),
    },
    "EXCEPTION_HANDLER": "lotrinh.api.errors.handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lộ trình API",
    "DESCRIPTION": (
        "Programmes, tasks, agencies, reports, indicators and targets of Lộ trình. "
        "Authentication, tokens, errors and concurrency: docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Every operation's error answers, in the one error shape (lotrinh/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lotrinh.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "lotrinh.reporting.models.ReportStatus",
        "TaskStatusEnum": "lotrinh.reporting.models.TaskStatus",
        "ProgrammeStatusEnum": "lotrinh.programmes.models.ProgrammeStatus",
        "ObservationStatusEnum": "lotrinh.indicators.models.ObservationStatus",
        "GenerationStatusEnum": "lotrinh.documents.models.GenerationStatus",
    },
}
# ---- end of REST API ----

# Digital signatures (docs/signing.md): trust roots (PEM/DER files, separated by the
# path separator), an RFC 3161 timestamp service, the default PKCS#11 module; the
# demonstration authority of `lotrinh demo` counts only in local runs, tests and DEBUG.
SIGNING_TRUST_ROOTS = [p for p in os.environ.get("LOTRINH_TRUST_ROOTS", "").split(os.pathsep) if p]
SIGNING_TSA_URL = os.environ.get("LOTRINH_TSA_URL", "")
SIGNING_PKCS11_MODULE = os.environ.get("LOTRINH_PKCS11_MODULE", "")
SIGNING_DIR = Path(os.environ.get("LOTRINH_SIGNING_DIR", VAR_DIR / "signing"))
SIGNING_ALLOW_DEMO = DEBUG or LOCAL_RUN or TESTING

# Real documents (the shared corpus) read by `lotrinh demo` and by the tests that import
# them; where the directory is missing, the demo skips those plans and says so.
LOTRINH_CORPUS_DIR = Path(os.environ.get("LOTRINH_CORPUS_DIR", "/work/shared/corpus"))
