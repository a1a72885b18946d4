"""Every filter the API schema advertises must filter (issue 12: `/api/v1/places/?is_active=false` was
ignored and answered every current unit).

The test walks the OpenAPI schema: for each list operation and each query parameter it advertises, a
sample value and the rule a returned record must satisfy are declared below (keyed by operation id and
parameter name, as the URL matrix keys URL names). An advertised parameter without a declaration fails,
and so does a declaration the schema no longer advertises. For each one, with a small tracker, directory
and gazetteer made through the services: the filtered answer is 200, not empty, every record in it
satisfies the rule, and it differs from the unfiltered answer (the parameter was not ignored)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation, Sector
from civicspace.places.models import AdminUnit
from civicspace.recommendations import services as ask_services
from civicspace.recommendations.models import Ask, Theme
from conftest import World

PAGINATION = {"page", "page_size"}
# How to find a listed record in the database: operation id -> (model, the key field in the answer).
RECORDS: dict[str, tuple[type[Any], str]] = {
    "asks_list": (Ask, "id"),
    "organisations_list": (Organisation, "slug"),
    "places_list": (AdminUnit, "code"),
}
Rule = Callable[[Any], bool]


def _slugs(manager: Any) -> set[str]:
    return {x.slug for x in manager.all()}


# (operation id, parameter) -> (a sample value, the rule each record of the filtered answer satisfies)
FILTERS: dict[tuple[str, str], tuple[str, Rule]] = {
    ("asks_list", "addressee"): ("ministry", lambda a: "ministry" in _slugs(a.addressees)),
    ("asks_list", "level"): ("subnational", lambda a: a.level == "subnational"),
    ("asks_list", "meeting"): (
        "dialogue-2025",
        lambda a: a.meeting is not None and a.meeting.slug == "dialogue-2025",
    ),
    ("asks_list", "q"): ("clinics", lambda a: "clinics" in a.text_en.lower()),
    ("asks_list", "sector"): ("health", lambda a: a.sector is not None and a.sector.slug == "health"),
    ("asks_list", "status"): ("in_progress", lambda a: a.status == "in_progress"),
    ("asks_list", "theme"): ("THEME", lambda a: bool(_slugs(a.themes))),
    ("asks_list", "year"): ("2021", lambda a: a.source_date is not None and a.source_date.year == 2021),
    ("organisations_list", "coalition"): ("coal", lambda o: "coal" in _slugs(o.coalitions)),
    ("organisations_list", "kind"): ("government", lambda o: o.kind == "government"),
    ("organisations_list", "q"): ("ministry", lambda o: "ministry" in o.name_en.lower()),
    ("organisations_list", "sector"): ("health", lambda o: "health" in _slugs(o.sectors)),
    ("places_list", "include_retired"): ("true", lambda u: True),  # the retired unit comes too
    ("places_list", "is_active"): ("false", lambda u: not u.is_active),
    ("places_list", "level"): ("district", lambda u: u.level == "district"),
    ("places_list", "parent"): ("01", lambda u: u.parent is not None and u.parent.code == "01"),
    ("places_list", "unit_type"): ("srok", lambda u: u.unit_type == "srok"),
}


def list_operations(client: APIClient) -> dict[str, set[str]]:
    """operation id -> the query parameters it advertises, for every list (a GET answering many)."""
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    found: dict[str, set[str]] = {}
    for operations in schema["paths"].values():
        operation = operations.get("get")
        if operation is None:
            continue
        answer = operation["responses"]["200"]["content"].get("application/json", {}).get("schema", {})
        is_list = answer.get("type") == "array" or "Paginated" in answer.get("$ref", "")
        if is_list:
            query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            found[operation["operationId"]] = query
    return found


@pytest.fixture
def data(world: World, meeting: Any) -> dict[str, Any]:
    """A few records of each kind, different enough for every filter to leave some out."""
    health, education = Sector.objects.get(slug="health"), Sector.objects.get(slug="education")
    ministry = org_services.organisation_create(actor=None, slug="ministry", kind="government",
                                                name_en="Ministry of Health", sectors=[health])  # fmt: skip
    org_services.organisation_update(organisation=world.own, actor=None, sectors=[health, education])
    org_services.coalition_member_add(coalition=world.coalition, member=world.own, actor=None)
    theme = Theme.objects.order_by("slug").first()
    assert theme is not None
    ask_services.ask_create(
        actor=None, text_en="Open rural health clinics at night.", sector=health, addressees=[ministry],
        raised_by=[world.coalition], themes=[theme], level="subnational", place="Kampot", status="in_progress",
        source_date=dt.date(2021, 6, 2),
    )  # fmt: skip
    ask_services.ask_create(
        actor=None, text_en="Train teachers.", sector=education, addressees=[world.un_agency],
        raised_by=[world.own], source_date=dt.date(2022, 3, 1),
    )  # fmt: skip
    units: dict[str, AdminUnit] = {}
    for code, level, unit_type, active in [
        ("01", "province", "province", True),
        ("02", "province", "province", True),
        ("0102", "district", "srok", True),
        ("0103", "district", "krong", True),
        ("0201", "district", "srok", True),
        ("010201", "commune", "khum", True),
        ("99", "province", "province", False),
    ]:
        units[code] = AdminUnit.objects.create(
            code=code, level=level, unit_type=unit_type, name_en=f"Place {code}", is_active=active,
            parent=units.get(code[:-2]),
        )  # fmt: skip
    return {"theme": theme.slug}


def _listed(client: APIClient, operation: str, params: dict[str, str]) -> list[Any]:
    url = {"asks_list": "/api/v1/asks/", "organisations_list": "/api/v1/organisations/",
           "places_list": "/api/v1/places/"}[operation]  # fmt: skip
    response = client.get(url, {**params, "page_size": "100"})
    assert response.status_code == 200, (operation, params, response.content[:300])
    body = response.json()
    assert body["next"] is None, "more than one page: raise page_size"
    return [row[RECORDS[operation][1]] for row in body["results"]]


def test_every_advertised_filter_is_declared_here(db: Any) -> None:
    operations = list_operations(APIClient())
    advertised = {(op, p) for op, params in operations.items() for p in params - PAGINATION}
    assert advertised - FILTERS.keys() == set(), "an advertised filter without a check: declare it in FILTERS"
    assert FILTERS.keys() - advertised == set(), "a declared filter the schema no longer advertises"
    # The lists that advertise no filter (only pages, or nothing): a filter added to one must be declared.
    assert {op for op, params in operations.items() if params - PAGINATION} == set(RECORDS)


@pytest.mark.parametrize(("operation", "parameter"), sorted(FILTERS))
def test_an_advertised_filter_filters(data: dict[str, Any], operation: str, parameter: str) -> None:
    client = APIClient()
    value, rule = FILTERS[(operation, parameter)]
    value = data["theme"] if value == "THEME" else value
    everything = _listed(client, operation, {})
    filtered = _listed(client, operation, {parameter: value})
    assert filtered, f"?{parameter}={value} found nothing: the sample data should have a match"
    model, key = RECORDS[operation]
    records = {getattr(r, key): r for r in model.objects.filter(**{f"{key}__in": filtered})}
    assert [k for k in filtered if not rule(records[k])] == [], f"?{parameter}={value} lets through others"
    assert filtered != everything, f"?{parameter}={value} was ignored: the same answer as without it"


@pytest.mark.parametrize("operation", sorted(RECORDS))
def test_pages_are_honoured(data: dict[str, Any], operation: str) -> None:
    client = APIClient()
    url = {"asks_list": "/api/v1/asks/", "organisations_list": "/api/v1/organisations/",
           "places_list": "/api/v1/places/"}[operation]  # fmt: skip
    first = client.get(url, {"page_size": "1"}).json()
    second = client.get(url, {"page_size": "1", "page": "2"}).json()
    assert len(first["results"]) == len(second["results"]) == 1 and first["results"] != second["results"]
