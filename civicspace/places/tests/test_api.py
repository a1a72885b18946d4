from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civicspace.places.services import ensure_gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(db: Any) -> None:
    ensure_gazetteer()


@pytest.mark.parametrize(("level", "count"), [("province", 25), ("district", 210), ("commune", 1652)])
def test_counts_per_level(client: Any, gazetteer: None, level: str, count: int) -> None:
    url = reverse("api:place-list")
    with CaptureQueriesContext(connection) as queries:
        data = client.get(url, {"level": level, "page_size": 2000}).json()
    assert data["count"] == count
    assert len(data["results"]) == count  # one request returns them all
    assert len(queries) <= 3  # count + page (parents joined): no query per row
    first = data["results"][0]
    assert set(first) == {
        "code",
        "level",
        "unit_type",
        "name_en",
        "name_km",
        "parent",
        "is_active",
        "release",
    }


def test_filter_by_parent(client: Any, gazetteer: None) -> None:
    data = client.get(reverse("api:place-list"), {"level": "district", "parent": "12"}).json()
    assert data["count"] == 14
    assert {r["unit_type"] for r in data["results"]} == {"khan"}
    assert {r["parent"] for r in data["results"]} == {"12"}
    provinces = client.get(reverse("api:place-list"), {"level": "province"}).json()["results"]
    assert provinces[0]["parent"] is None and provinces[0]["code"] == "01"


def test_invalid_level_is_a_400_in_the_project_format(client: Any, gazetteer: None) -> None:
    response = client.get(reverse("api:place-list"), {"level": "county"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid" and "level" in error["fields"]


def test_detail_has_parent_and_children(client: Any, gazetteer: None) -> None:
    data = client.get(reverse("api:place-detail", kwargs={"code": "0102"})).json()
    assert data["parent"] == "01" and data["level"] == "district" and data["name_en"] == "Mongkol Borei"
    assert data["children"][:2] == ["010201", "010202"] and all(
        c.startswith("0102") for c in data["children"]
    )
    assert client.get(reverse("api:place-detail", kwargs={"code": "99"})).status_code == 404
    assert client.get("/api/v1/places/abc/").status_code == 404


def test_read_only(client: Any, gazetteer: None) -> None:
    assert client.post(reverse("api:place-list"), {"code": "99"}).status_code in {401, 403, 405}


def test_schema_lists_places(client: Any) -> None:
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/places/" in text and "/api/v1/places/{code}/" in text


def test_is_active_and_include_retired_filter(client: Any) -> None:
    """`?is_active=false` lists the retired units only (it used to be ignored: every current unit came back)."""
    from civicspace.places.models import AdminUnit

    AdminUnit.objects.create(code="01", level="province", unit_type="province", name_en="Banteay Meanchey")
    AdminUnit.objects.create(
        code="99", level="province", unit_type="province", name_en="Gone", is_active=False
    )
    url = reverse("api:place-list")

    def codes(**params: str) -> list[str]:
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        return [r["code"] for r in response.json()["results"]]

    assert codes() == ["01"]  # current units unless asked
    assert codes(is_active="false") == ["99"]
    assert codes(is_active="true") == ["01"]
    assert codes(include_retired="true") == ["01", "99"]
    assert codes(include_retired="false") == ["01"]
    assert codes(include_retired="true", is_active="false") == ["99"]
    refused = client.get(url, {"is_active": "maybe"})  # not read as "no filter"
    assert refused.status_code == 400 and "is_active" in refused.json()["error"]["fields"]
    schema = client.get("/api/v1/schema/").content.decode()
    assert "is_active" in schema and "include_retired" in schema
