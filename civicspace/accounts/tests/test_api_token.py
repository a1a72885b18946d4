from typing import Any

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicspace.core.models import AuditEntry
from conftest import World


def test_a_member_creates_uses_and_revokes_an_api_token(client_for: Any, world: World) -> None:
    client = client_for("secretariat")
    page = client.post("/en/accounts/api-token/", {"action": "create"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    key = Token.objects.get(user=world.users["secretariat"]).key
    assert key.encode() in page.content
    assert key.encode() not in client.get("/en/accounts/api-token/").content  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post("/api/v1/organisations/", {"name_en": "By token"}, format="json").status_code == 201
    client.post("/en/accounts/api-token/", {"action": "revoke"})
    assert api.post("/api/v1/organisations/", {"name_en": "Again"}, format="json").status_code == 401
    changes = [e.changes for e in AuditEntry.objects.filter(content_type__model="user").order_by("id")]
    assert changes == [{"api_token": [None, "created"]}, {"api_token": ["existed", "revoked"]}]
    assert key not in str(changes)  # the audit log never holds the secret
