"""Found by tests/security/test_api_schemathesis.py: deleting, through the API, an organisation that other
records still refer to (a meeting's participant) was a server error (500, ProtectedError). It is now
refused with a 400 and nothing is deleted or logged."""

from typing import Any

from rest_framework.test import APIClient

from civicspace.core.models import AuditEntry
from civicspace.organisations.models import Organisation
from conftest import World


def test_an_organisation_in_use_is_not_deleted(world: World, meeting: Any) -> None:
    client = APIClient()
    client.force_authenticate(world.users["admin"])
    logged = AuditEntry.objects.count()
    response = client.delete(f"/api/v1/organisations/{world.own.slug}/")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert Organisation.objects.filter(pk=world.own.pk).exists() and AuditEntry.objects.count() == logged
    assert client.delete(f"/api/v1/organisations/{world.other.slug}/").status_code == 204  # unused: deleted
