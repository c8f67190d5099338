"""Settings for Lộ trình: one module, configured by environment variables.

Typed helpers fail loudly on a bad value. Safe defaults: DEBUG off unless asked,
SQLite under var/ when there is no DATABASE_URL. Tests use SQLite in memory, or the
PostgreSQL server named by LOTRINH_TEST_DATABASE_URL.
"""

import os
import sys
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
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # A local, non-secret key keeps `make demo` and the tests working; production
    # sets SECRET_KEY (`manage.py check --deploy` warns about this one).
    SECRET_KEY = "django-insecure-lotrinh-local-only"
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
    "lotrinh.core",
    "lotrinh.accounts",
    "lotrinh.agencies",
    "lotrinh.programmes",
    "lotrinh.indicators",
    "lotrinh.reporting",
    "lotrinh.documents",
    "lotrinh.importer",
    "lotrinh.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lotrinh.core.middleware.RequestIdMiddleware",
]

ROOT_URLCONF = "lotrinh.urls"
WSGI_APPLICATION = "lotrinh.wsgi.application"

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
                "lotrinh.core.context_processors.site",
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
    DATABASES["default"].setdefault("OPTIONS", {})
    # Wait for the worker's writes instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# Each app keeps its own translations in lotrinh/<app>/locale (found automatically).
LOCALE_PATHS: list[Path] = []
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

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lotrinh@localhost")

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING and not env_bool("LOTRINH_TEST_REAL_QUEUE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Days without an update after which a task counts as stale on the compliance page.
LOTRINH_STALE_DAYS = env_int("LOTRINH_STALE_DAYS", 180)
# Days before a reporting deadline on which reminders are sent.
LOTRINH_REMINDER_OFFSETS = [int(x) for x in env_list("LOTRINH_REMINDER_OFFSETS", ["14", "7", "1"])]

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
