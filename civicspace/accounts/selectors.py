"""Reads about accounts."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import ApiToken


def api_token_list(*, user: Any) -> QuerySet[ApiToken]:
    """The user's API tokens that have not expired, newest first."""
    return ApiToken.objects.filter(user=user).filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))
