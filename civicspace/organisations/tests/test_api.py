from typing import Any

import pytest
from rest_framework.test import APIClient

from civicspace.core.models import AuditEntry
from civicspace.organisations.models import Organisation
from civicspace.organisations.tests.factories import OrganisationFactory
from conftest import World
from tests.tokens import api_token_for

API = "/api/v1/organisations/"


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


@pytest.mark.django_db
def test_anyone_reads_a_paginated_list(django_assert_max_num_queries: Any) -> None:
    OrganisationFactory.create_batch(60)
    with django_assert_max_num_queries(3):
        data = APIClient().get(API).json()
    assert data["count"] == 60 and len(data["results"]) == 50 and data["next"]
    first = data["results"][0]
    assert {"slug", "kind", "name_en", "name_km", "acronym_en", "sectors", "url"} <= set(first)
    assert APIClient().get(API, {"page_size": 200}).json()["count"] == 60


def test_filters_and_khmer_search(world: World) -> None:
    data = APIClient().get(API, {"q": "ផ្ទាល់"}).json()
    assert [o["slug"] for o in data["results"]] == ["own"]
    assert [o["slug"] for o in APIClient().get(API, {"kind": "un_agency"}).json()["results"]] == ["agency"]


def test_anonymous_cannot_write(world: World) -> None:
    response = APIClient().post(API, {"name_en": "Nope"}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    assert not Organisation.objects.filter(name_en="Nope").exists()


def test_secretariat_creates_with_token_and_it_is_audited(world: World) -> None:
    client = token_client(world.users["secretariat"])
    response = client.post(API, {"name_en": "Token Network", "acronym_en": "TN", "kind": "coalition",
                                 "sectors": ["health"]}, format="json")  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "tn" and response.json()["sectors"] == ["health"]
    entry = AuditEntry.objects.get(object_repr__startswith="Token Network")
    assert entry.actor == world.users["secretariat"]


def test_member_cannot_create(world: World) -> None:
    response = token_client(world.users["member"]).post(API, {"name_en": "X"}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "error": {"status": 403, "code": "permission_denied",
                  "detail": "You do not have permission to perform this action.", "fields": {}}
    }  # fmt: skip


def test_focal_point_updates_own_organisation_only(world: World) -> None:
    client = token_client(world.users["focal_point"])
    assert client.patch(f"{API}own/", {"name_km": "ឈ្មោះថ្មី"}, format="json").status_code == 200
    world.own.refresh_from_db()
    assert world.own.name_km == "ឈ្មោះថ្មី"
    assert client.patch(f"{API}other/", {"name_km": "x"}, format="json").status_code == 403
    assert client.delete(f"{API}own/").status_code == 403


def test_validation_errors_have_one_format(world: World) -> None:
    client = token_client(world.users["admin"])
    response = client.patch(f"{API}own/", {"website": "not a url", "kind": "planet"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == {"website", "kind"}
    world.own.refresh_from_db()
    assert world.own.kind == "cso"


def test_admin_deletes(world: World) -> None:
    assert token_client(world.users["admin"]).delete(f"{API}other/").status_code == 204
    assert not Organisation.objects.filter(slug="other").exists()


def test_not_found_has_the_same_format(world: World) -> None:
    response = APIClient().get(f"{API}no-such-org/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_session_authenticated_writes_need_csrf(world: World) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["secretariat"])
    response = client.post(API, {"name_en": "Via session"}, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["error"]["detail"]


@pytest.mark.django_db
def test_openapi_schema_documents_the_directory() -> None:
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/organisations/" in schema["paths"] and "/api/v1/organisations/popolo/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/organisations/"]
    docs = APIClient().get("/api/v1/docs/")
    assert (
        docs.status_code == 200
        and b"<script" in docs.content
        and b"unsafe-inline" not in docs.get("Content-Security-Policy", "").encode()
    )
