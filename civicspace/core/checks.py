from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def demo_accounts_refused(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Production must never run with the public demo credentials."""
    errors: list[Error] = []
    if settings.DEMO_ACCOUNTS_ALLOWED:
        errors.append(
            Error("DEMO_ACCOUNTS_ALLOWED is on; demo credentials are public.", id="civicspace.E001")
        )
    from django.contrib.auth import get_user_model

    try:
        if get_user_model().objects.filter(email__iendswith="@" + settings.DEMO_EMAIL_DOMAIN).exists():
            errors.append(
                Error(
                    "Demo accounts exist in this database.",
                    hint="Delete them: python manage.py load_demo --remove-accounts",
                    id="civicspace.E002",
                )
            )
    except DatabaseError:
        pass  # no database yet (e.g. `check --deploy` before migrate): nothing to refuse
    return errors


@register(Tags.caches, deploy=True)
def shared_cache_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Login throttling counts failures in the cache: with several processes it must be shared."""
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: login throttling and API rate limits are counted per process.",
            hint="Set REDIS_URL to a Redis server shared by all web processes.",
            id="civicspace.W001",
        )
    ]
