import re
from typing import Any

from rest_framework.test import APIClient

from civicspace.accounts.models import ApiToken
from civicspace.core.models import AuditEntry
from conftest import World


def test_a_member_creates_uses_and_revokes_an_api_token(client_for: Any, world: World) -> None:
    client = client_for("secretariat")
    page = client.post("/en/accounts/api-token/", {"action": "create"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    found = re.search(r'<code id="new-token">([^<]+)</code>', page.content.decode())
    assert found
    key = found.group(1)
    token = ApiToken.objects.get(user=world.users["secretariat"])
    assert key.startswith(token.token_key) and token.expiry is not None
    assert key not in client.get("/en/accounts/api-token/").content.decode()  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post("/api/v1/organisations/", {"name_en": "By token"}, format="json").status_code == 201
    client.post("/en/accounts/api-token/", {"action": "revoke", "token": token.token_key})
    assert api.post("/api/v1/organisations/", {"name_en": "Again"}, format="json").status_code == 401
    changes = [e.changes for e in AuditEntry.objects.filter(content_type__model="user").order_by("id")]
    assert changes == [
        {"api_token": [None, f"created {key[:8]}"]},
        {"api_token": [key[:8], "revoked"]},
    ]
    assert key not in str(changes)  # the audit log never holds the secret


def test_the_number_of_tokens_is_limited(client_for: Any, world: World, settings: Any) -> None:
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
    client = client_for("member")
    for _ in range(2):
        client.post("/en/accounts/api-token/", {"action": "create"})
    refused = client.post("/en/accounts/api-token/", {"action": "create"}, follow=True)
    assert b'id="new-token"' not in refused.content and b"Revoke one before" in refused.content
    assert ApiToken.objects.filter(user=world.users["member"]).count() == 2


def test_the_khmer_token_page_writes_the_lifetime_in_khmer_digits(client_for: Any) -> None:
    page = client_for("member").get("/km/accounts/api-token/").content.decode()
    assert (
        "30 days" in client_for("member").get("/en/accounts/api-token/").content.decode()
    )  # API_TOKEN_TTL_DAYS
    assert "៣០ ថ្ងៃ" in page and "30 ថ្ងៃ" not in page
