"""Shorthands for the URL × role matrix (tests/test_url_matrix.py). An app may declare its own URLs'
expectations in `civicspace/<app>/tests/url_matrix.py`: `EXPECTED` (URL name -> role -> status) and,
optionally, `SAMPLE_OVERRIDES` (URL name -> URL kwarg -> value); the project-wide test merges them."""

from conftest import ROLES

ANON, MEMBER, FOCAL, SECRETARIAT, UN, ADMIN = ROLES


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def login_then(status: int, **overrides: int) -> dict[str, int]:
    """Anonymous visitors are sent to log in; logged-in roles get `status` unless overridden."""
    return {**every(status), ANON: 302, **overrides}
