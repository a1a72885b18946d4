"""Issue 11, finding 8: API tokens were stored in plain text, never expired, survived a password change and
skipped the second factor once issued. They are now django-rest-knox tokens (a digest is stored), expire
(REST_KNOX TOKEN_TTL), are revoked by a password change, and remember whether the session that issued
them passed the second factor (ADR 0023)."""

import datetime as dt
import re
from typing import Any

import time_machine
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import World
from tests.second_factor import sign_in_with_second_factor

PAGE = "/en/accounts/api-token/"
PASSWORD = "a-long-test-password"


def _new_token(client: Any) -> str:
    page = client.post(PAGE, {"action": "create"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    found = re.search(r'<code id="new-token">([^<]+)</code>', page.content.decode())
    assert found, "the page shows the new token once"
    return found.group(1)


def _api(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def _every_stored_text() -> str:
    """Every text column of every table, as one string: where a plain token would show."""
    found: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from the database)
            found += [str(value) for row in cursor.fetchall() for value in row if isinstance(value, str)]
    return "\n".join(found)


def test_a_token_is_stored_only_as_a_digest(client_for: Any, world: World) -> None:
    key = _new_token(client_for("member"))
    assert _api(key).get("/api/v1/organisations/").status_code == 200
    assert key not in _every_stored_text()


def test_a_token_expires(client_for: Any, world: World) -> None:
    key = _new_token(client_for("member"))
    assert _api(key).get("/api/v1/organisations/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31), tick=False):
        assert _api(key).get("/api/v1/organisations/").status_code == 401


def test_a_password_change_revokes_the_users_tokens(client: Any, world: World) -> None:
    cache.clear()
    member = world.users["member"]
    client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    key = _new_token(client)
    other_key = _new_token(client)
    new = "another-long-test-password"
    changed = client.post(
        "/en/accounts/password/change/", {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert changed.status_code == 302
    assert _api(key).get("/api/v1/organisations/").status_code == 401
    assert _api(other_key).get("/api/v1/organisations/").status_code == 401
    # Any other path that sets a password (the admin, a reset, `changepassword`) goes through set_password.
    third = _new_token(client)
    member.set_password("yet-another-long-password")
    member.save()
    assert _api(third).get("/api/v1/organisations/").status_code == 401
    cache.clear()


def test_a_token_issued_without_the_second_factor_cannot_do_what_needs_it(client: Any, world: World) -> None:
    """The admin has TOTP. A session that did not pass it (here: a bare login) issues a token that the API
    treats like an account without a second factor; a session that passed it issues a full token."""
    admin = world.users["admin"]
    client.force_login(admin)  # no second factor in this session
    weak = _new_token(client)
    refused = _api(weak).get("/api/v1/organisations/")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "two_factor_required", (
        refused.json()
    )
    client.logout()
    sign_in_with_second_factor(client, admin)
    strong = _new_token(client)
    assert _api(strong).get("/api/v1/organisations/").status_code == 200


def test_the_token_page_lists_tokens_and_revokes_each_or_all(client_for: Any, world: World) -> None:
    client = client_for("member")
    first, second, third = (_new_token(client) for _ in range(3))
    listing = client.get(PAGE).content.decode()
    for key in (first, second, third):
        assert key not in listing  # shown once only
        assert key[:8] in listing  # the list names each token by its first characters
    client.post(PAGE, {"action": "revoke", "token": first[:8]})
    assert _api(first).get("/api/v1/organisations/").status_code == 401
    assert _api(second).get("/api/v1/organisations/").status_code == 200
    client.post(PAGE, {"action": "revoke_all"})
    assert _api(second).get("/api/v1/organisations/").status_code == 401
    assert _api(third).get("/api/v1/organisations/").status_code == 401
