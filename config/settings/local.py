"""Developer machine: `make run`. SQLite, console email, demo accounts allowed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-only-insecure-key-not-for-production")
DEMO_ACCOUNTS_ALLOWED = env.bool("DEMO_ACCOUNTS_ALLOWED", default=True)
# Security keys on http://127.0.0.1 or http://localhost during `make run` (production is HTTPS only).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
