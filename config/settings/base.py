"""Settings shared by every environment. Everything that differs per deployment comes from the
environment (see docs/settings.md); nothing secret lives here."""

import datetime as dt
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
APPS_DIR = BASE_DIR / "civicspace"
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = "civicspace"

# --- Database ---------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'civicspace.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background worker and the web process write without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else process memory ---------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each process's own short-lived copies of what every public submission reads: an open consultation
# with its items, and gazetteer units (ADR 0016). Writes clear it in their process; others wait out
# the entry's seconds. Room for every unit down to the communes (about 1,900) and then some.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "civicspace-local",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}

# --- Applications -----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "knox",  # API tokens (ADR 0023); the model is accounts.ApiToken (KNOX_TOKEN_MODEL)
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "civicspace.core",
    "civicspace.accounts",
    "civicspace.organisations",
    "civicspace.dialogues",
    "civicspace.recommendations",
    "civicspace.places",
    "civicspace.consultations",
    "civicspace.demo",  # demo data and load_demo, above every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "civicspace.accounts.middleware.RequireTwoFactorMiddleware",
    "civicspace.core.permissions.LoginRequiredRedirectMiddleware",
    "civicspace.core.ratelimit.RateLimitMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APPS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civicspace.core.context_processors.site",
            ],
            "builtins": ["civicspace.core.templatetags.civic", "rules.templatetags.rules"],
        },
    }
]

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Permissions come only from django-rules (and superuser status): see accounts/backends.py.
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "civicspace.accounts.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a check: Django tells every validator when a password has changed (any path that calls
    # set_password and saves), and this one then revokes the account's API tokens (ADR 0023).
    {"NAME": "civicspace.accounts.password.RevokeApiTokensOnPasswordChange"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "civicspace.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# Failed sign-ins are slowed per account and address, and per address, by accounts/login_throttle.py
# (ADR 0021, docs/settings.md), not by allauth's "login_failed", whose per-IP and per-account lockouts
# let anyone lock out an account, or everyone behind a shared address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,
    "login": "300/m/ip",  # a flood guard only: sign-in attempts of any outcome from one address
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
LOGIN_THROTTLE = {
    "FREE_FAILURES": 5,  # per account and address, before the first wait
    "BACKOFF_BASE_SECONDS": 30,  # the first wait; doubled at each further failure
    "BACKOFF_MAX_SECONDS": 30 * 60,  # the longest wait
    "FORGET_AFTER_SECONDS": 24 * 60 * 60,  # failures are forgotten this long after the last one
    "ADDRESS_FAILURES": 100,  # failures from one address (all accounts) in the window: mass guessing...
    "ADDRESS_WINDOW_SECONDS": 15 * 60,  # ... after which its accounts wait from their first failure
}
MFA_ADAPTER = "civicspace.accounts.adapter.MFAAdapter"
# Security keys (WebAuthn) beside authenticator apps (TOTP), and recovery codes (ADR 0022). Setting up a
# key needs JavaScript; TOTP works without it. Signing in with a passkey alone stays off.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "civicspace"
# Roles that must use two-factor authentication before they can do anything else: every role that writes
# or sees restricted data (issue 11, finding 10; ADR 0022). Each name is registered by the app that
# defines the role (accounts/second_factor.py): staff and superuser (accounts), focal_point,
# un_focal_point and secretariat (organisations), consultation_organiser (consultations: the members of
# an organisation that organises a consultation, who manage and moderate it).
TWO_FACTOR_REQUIRED_FOR = (
    "staff",
    "superuser",
    "focal_point",
    "un_focal_point",
    "secretariat",
    "consultation_organiser",
)
# Demo accounts (created by `manage.py load_demo`) may only log in where this is true.
DEMO_ACCOUNTS_ALLOWED = env.bool("DEMO_ACCOUNTS_ALLOWED", default=False)
DEMO_EMAIL_DOMAIN = "demo.civicspace.invalid"
# Fernet keys for secrets stored in the database (core/crypto.py); required in production.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
# Reverse proxies in front of the site: client IPs (login throttling) are read behind this many.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
LANGUAGE_LABELS = {"en": "English", "km": "ខ្មែរ"}  # shown in each language's own script
LOCALE_PATHS = [APPS_DIR / "locale"]
TIME_ZONE = "Asia/Phnom_Penh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["civicspace.core.formats"]

# --- Static files: the Khmer font comes from PyPI (fontpkg-noto-sans-khmer, OFL-1.1), see core/finders.py
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [APPS_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "civicspace.core.finders.KhmerFontFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"

# --- Email: sent by a background task (see civicspace/core/tasks.py) ---------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="civicspace <noreply@localhost>")

# --- Background jobs: django-tasks; the database backend needs no extra server ---------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# --- REST API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",  # "Authorization: Token <token>"
        "rest_framework.authentication.SessionAuthentication",  # enforces CSRF
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "civicspace.accounts.api.SecondFactorRequired",  # first: one second-factor rule for the API
        "civicspace.core.api.RulesPermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "civicspace.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "civicspace.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "600/hour", "user": "3000/hour"},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# API tokens (django-rest-knox, ADR 0023): a digest is stored, each token expires, a user has at most
# API_TOKEN_LIMIT_PER_USER of them, and a password change revokes them all.
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 (a model name, not a secret)
# knox's own migrations create its AuthToken table even when KNOX_TOKEN_MODEL swaps the model out (they
# predate the swap option); that table would hold a foreign key to users that nothing uses or empties
# (PostgreSQL then refuses to flush the users' table). Our model has its own migration in accounts.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "TOKEN_LIMIT_PER_USER": env.int("API_TOKEN_LIMIT_PER_USER", default=10),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "civicspace API",
    "DESCRIPTION": "Directory, dialogues and follow-up of the CSO–UN partnership in Cambodia.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation page are public, under the same second-factor rule as the API.
    "SERVE_PERMISSIONS": ["civicspace.accounts.api.SecondFactorRequired"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "civicspace.core.openapi.document_error_responses",  # 400, 401, 403 and 404 on every operation
    ],
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "civicspace.dialogues.models.Meeting.Status",
        "ParticipantStatusEnum": "civicspace.dialogues.models.Participant.Status",
        "OutcomeVersionStatusEnum": "civicspace.dialogues.models.OutcomeVersion.Status",
        "AskStatusEnum": "civicspace.recommendations.models.Ask.Status",
        "AskLevelEnum": "civicspace.recommendations.models.Ask.Level",
        "AdminUnitLevelEnum": "civicspace.places.models.AdminUnit.Level",
        "ConsultationLevelEnum": "civicspace.consultations.models.Consultation.Level",
    },
}

# --- Security (production.py tightens further) ----------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads spool to a temporary file
# Outcome documents (.txt, .docx, .pdf) larger than this are refused before they are read.
OUTCOME_IMPORT_MAX_BYTES = env.int("OUTCOME_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# Shared secret of the SMS/chat gateway's signed webhook (docs/sms-gateway.md); unset: the webhook refuses all.
SMS_WEBHOOK_SECRET = env.str("SMS_WEBHOOK_SECRET", default="")
DEMO_CONSULTATION_SUBMISSIONS = 3000  # synthetic input that `load_demo` adds to the demo consultations
# Budget consultations: submissions per client address (IPv6: per /64) per consultation, "<count>/<seconds>"
# ("0/…" turns it off); core/ratelimit.py, ADR 0020.
CONSULTATION_SUBMISSION_RATE = env.str("CONSULTATION_SUBMISSION_RATE", default="20/600")
# Documents rendered on request (a draft outcome document, a consultation report whose data changed), per
# client address, "<count>/<seconds>"; adopted versions are rendered once and stored (ADR 0020).
DOCUMENT_RENDER_RATE = env.str("DOCUMENT_RENDER_RATE", default="10/600")
# Tracker XLSX exports run as jobs above exports.XLSX_SYNC_LIMIT asks: new jobs per client address,
# "<count>/<seconds>", and how long (seconds) a finished export's file is served before
# `manage.py prune_exports` deletes it (ADR 0020).
EXPORT_JOB_RATE = env.str("EXPORT_JOB_RATE", default="5/3600")
EXPORT_FILE_TTL = env.int("EXPORT_FILE_TTL", default=24 * 3600)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "khmercut": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "pypdf": {"level": "ERROR"},  # damaged uploads are refused with our own message
    },
}
