"""One second-factor rule for the whole API: every API view checks `SecondFactorRequired` first, whether
it uses the default permission classes or its own (accounts/api.py)."""

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from civicspace.accounts.api import SecondFactorRequired


def _api_views(patterns: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += _api_views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "cls", None)
            if view_class is not None and (prefix + str(entry.pattern)).startswith("api/v1/"):
                found.append((prefix + str(entry.pattern), view_class))
    return found


API_VIEWS = _api_views(get_resolver().url_patterns)


def test_the_api_has_views() -> None:
    assert len(API_VIEWS) > 20


@pytest.mark.parametrize(("route", "view_class"), API_VIEWS, ids=[r for r, _v in API_VIEWS])
def test_every_api_view_checks_the_second_factor_first(route: str, view_class: Any) -> None:
    classes = list(view_class.permission_classes)
    assert classes and classes[0] is SecondFactorRequired, f"{route}: {view_class.__name__} {classes}"
