"""The tracker API: asks, their responses and progress, permissions, visibility and query counts."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation, Sector
from civicspace.recommendations import services
from civicspace.recommendations.models import Ask, Evidence, Response, Theme
from conftest import World
from tests.second_factor import give_second_factor_if_required
from tests.tokens import api_token_for


def token_client(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        give_second_factor_if_required(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


@dataclass
class Tracker:
    ask: Ask
    second_agency: Organisation
    second_focal: Any


@pytest.fixture
def tracker(world: World, django_user_model: Any) -> Tracker:
    """An ask on health addressed to two UN agencies, each with its own focal point."""
    second = org_services.organisation_create(actor=None, slug="second-agency", kind="un_agency",
                                              name_en="Second Agency", acronym_en="SA")  # fmt: skip
    focal = django_user_model.objects.create_user(email="second@example.org", password="a-long-test-password")
    org_services.membership_set(organisation=second, user=focal, role="focal_point", actor=None)
    ask = services.ask_create(
        actor=None, text_en="Open rural health clinics at night.", text_km="បើកមណ្ឌលសុខភាពជនបទពេលយប់។",
        sector=Sector.objects.get(slug="health"), addressees=[world.un_agency, second], raised_by=[world.coalition],
        source_date=dt.date(2021, 6, 2),
    )  # fmt: skip
    return Tracker(ask=ask, second_agency=second, second_focal=focal)


def _more_asks(world: World, n: int) -> None:
    education = Sector.objects.get(slug="education")
    for i in range(n):
        ask = services.ask_create(actor=None, text_en=f"Train teachers, round {i}.", sector=education,
                                  addressees=[world.un_agency], raised_by=[world.coalition, world.own])  # fmt: skip
        services.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                                 responded_on=dt.date(2021, 7, 1), actor=None)  # fmt: skip


def test_anyone_lists_filters_and_searches_asks(tracker: Tracker, world: World) -> None:
    _more_asks(world, 3)
    client = APIClient()
    listing = client.get("/api/v1/asks/").json()
    assert listing["count"] == 4 and len(listing["results"]) == 4
    health = client.get("/api/v1/asks/?sector=health").json()
    [row] = health["results"]
    assert row["id"] == tracker.ask.pk and row["addressees"] == ["agency", "second-agency"]
    assert row["sector"] == "health" and row["raised_by"] == ["coal"] and row["response_count"] == 0
    assert row["url"].endswith(f"/recommendations/{tracker.ask.pk}/")
    assert client.get("/api/v1/asks/?q=clinics").json()["count"] == 1
    assert client.get("/api/v1/asks/?q=មណ្ឌលសុខភាព").json()["count"] == 1
    assert client.get("/api/v1/asks/?addressee=second-agency").json()["count"] == 1
    assert client.get("/api/v1/asks/?page_size=2").json()["next"]
    bad = client.get("/api/v1/asks/?sector=no-such-sector")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


def test_list_queries_do_not_grow_with_the_asks(tracker: Tracker, world: World) -> None:
    client = APIClient()
    _more_asks(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/asks/").status_code == 200
    _more_asks(world, 12)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/asks/").json()["results"]) == 15
    assert len(many.captured_queries) == len(few.captured_queries) <= 8


def test_one_ask_comes_with_latest_and_all_responses(tracker: Tracker, world: World) -> None:
    ask = tracker.ask
    services.response_record(ask=ask, addressee=world.un_agency, position="noted",
                             responded_on=dt.date(2021, 7, 1), actor=None)  # fmt: skip
    services.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2021, 8, 1), actor=None)  # fmt: skip
    services.response_record(ask=ask, addressee=tracker.second_agency, position="partially_accepted",
                             responded_on=dt.date(2021, 7, 15), actor=None)  # fmt: skip
    with CaptureQueriesContext(connection) as ctx:
        detail = APIClient().get(f"/api/v1/asks/{ask.pk}/").json()
    assert len(ctx.captured_queries) <= 16
    assert len(detail["responses"]) == 3
    assert {(r["addressee"], r["position"]) for r in detail["latest_responses"]} == {
        ("agency", "accepted"),
        ("second-agency", "partially_accepted"),
    }
    assert detail["response_count"] == 2
    assert APIClient().get("/api/v1/asks/999999/").json()["error"]["status"] == 404


def test_writing_asks_follows_the_rules(tracker: Tracker, world: World) -> None:
    body = {"text_en": "Publish commune budgets.", "sector": "public-finance", "addressees": ["agency"],
            "raised_by": ["coal"], "priority": "high"}  # fmt: skip
    assert APIClient().post("/api/v1/asks/", body, format="json").status_code == 401
    assert token_client(world.users["member"]).post("/api/v1/asks/", body, format="json").status_code == 403
    assert (
        token_client(world.users["un_focal_point"]).post("/api/v1/asks/", body, format="json").status_code
        == 403
    )
    secretariat = token_client(world.users["secretariat"])
    created = secretariat.post("/api/v1/asks/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    ask = Ask.objects.get(pk=pk)
    assert [o.slug for o in ask.addressees.all()] == ["agency"] and "commune" in ask.search_document
    changed = secretariat.patch(f"/api/v1/asks/{pk}/", {"text_en": "Publish commune budgets online.",
                                                         "addressees": ["agency", "second-agency"]}, format="json")  # fmt: skip
    assert changed.status_code == 200, changed.content
    ask.refresh_from_db()
    assert ask.addressees.count() == 2 and "online" in ask.search_document
    theme = Theme.objects.order_by("slug").first()
    assert theme is not None
    relinked = secretariat.patch(f"/api/v1/asks/{pk}/", {"themes": [theme.slug], "raised_by": ["coal", "own"]},
                                 format="json")  # fmt: skip
    assert relinked.status_code == 200, relinked.content
    assert relinked.json()["themes"] == [theme.slug] and sorted(relinked.json()["raised_by"]) == [
        "coal",
        "own",
    ]
    assert list(ask.themes.all()) == [theme] and ask.addressees.count() == 2  # addressees left as they were
    unknown = secretariat.patch(f"/api/v1/asks/{pk}/", {"themes": ["no-such-theme"]}, format="json")
    assert unknown.status_code == 400 and "themes" in unknown.json()["error"]["fields"]
    empty = secretariat.post("/api/v1/asks/", {"text_en": "", "text_km": ""}, format="json")
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "invalid"
    assert secretariat.delete(f"/api/v1/asks/{pk}/").status_code == 403
    assert token_client(world.users["admin"]).delete(f"/api/v1/asks/{pk}/").status_code == 204
    assert not Ask.objects.filter(pk=pk).exists()


def test_a_focal_point_responds_only_for_its_own_organisation(tracker: Tracker, world: World) -> None:
    url = f"/api/v1/asks/{tracker.ask.pk}/responses/"
    body = {"addressee": "agency", "position": "accepted", "responded_on": "2021-07-01",
            "explanation_en": "We will do it.", "explanation_km": "យើងនឹងធ្វើ។"}  # fmt: skip
    assert APIClient().post(url, body, format="json").status_code == 401
    assert token_client(world.users["member"]).post(url, body, format="json").status_code == 403
    assert token_client(world.users["secretariat"]).post(url, body, format="json").status_code == 403
    un = token_client(world.users["un_focal_point"])
    made = un.post(url, body, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["addressee"] == "agency"
    assert Response.objects.get().recorded_by == world.users["un_focal_point"]
    # The first agency's focal point cannot answer for the second agency, nor for a non-addressee.
    other = un.post(url, {**body, "addressee": "second-agency"}, format="json")
    assert other.status_code == 403 and other.json()["error"]["code"] == "not_your_organisation"
    stranger = un.post(url, {**body, "addressee": "own"}, format="json")
    assert stranger.status_code == 400 and "addressee" in stranger.json()["error"]["fields"]
    assert token_client(tracker.second_focal).post(url, {**body, "addressee": "second-agency"},
                                                   format="json").status_code == 201  # fmt: skip
    assert token_client(world.users["admin"]).post(url, {**body, "addressee": "second-agency",
                                                          "position": "noted"}, format="json").status_code == 201  # fmt: skip
    with CaptureQueriesContext(connection) as ctx:
        listing = APIClient().get(url).json()
    assert len(listing) == 3 and len(ctx.captured_queries) <= 3
    assert APIClient().get("/api/v1/asks/999999/responses/").status_code == 404


def test_progress_with_link_evidence_and_restricted_visibility(tracker: Tracker, world: World) -> None:
    url = f"/api/v1/asks/{tracker.ask.pk}/progress/"
    body = {"status": "partial", "note_en": "Two provinces open at night.",
            "evidence": [{"title": "Public report", "url": "https://example.org/reports/night-clinics"},
                         {"title": "Internal memo", "url": "https://example.org/reports/memo", "is_public": False}]}  # fmt: skip
    assert APIClient().post(url, body, format="json").status_code == 401
    assert token_client(world.users["focal_point"]).post(url, body, format="json").status_code == 403
    un = token_client(world.users["un_focal_point"])
    made = un.post(url, body, format="json")
    assert made.status_code == 201, made.content
    data = made.json()
    assert data["organisation"] == "agency" and data["progress"] == 60 and len(data["evidence"]) == 2
    tracker.ask.refresh_from_db()
    assert (tracker.ask.status, tracker.ask.progress) == ("partial", 60)
    assert Evidence.objects.filter(is_public=False).count() == 1
    public = APIClient().get(url).json()
    assert [e["title"] for e in public[0]["evidence"]] == ["Public report"]
    for role in ("secretariat", "un_focal_point"):
        assert len(token_client(world.users[role]).get(url).json()[0]["evidence"]) == 2
    detail = APIClient().get(f"/api/v1/asks/{tracker.ask.pk}/").json()
    assert [e["title"] for e in detail["progress_updates"][0]["evidence"]] == ["Public report"]
    for_other = un.post(url, {**body, "organisation": "second-agency"}, format="json")
    assert for_other.status_code == 403
    bad = un.post(url, {"status": "partial", "evidence": [{"title": "x", "url": "not a url"}]}, format="json")
    assert bad.status_code == 400 and "evidence" in bad.json()["error"]["fields"]
    too_much = un.post(url, {"status": "partial", "progress": 140}, format="json")
    assert too_much.status_code == 400


def test_openapi_documents_the_tracker(db: Any) -> None:
    paths = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in ("/api/v1/asks/", "/api/v1/asks/{id}/", "/api/v1/asks/{ask_pk}/responses/",
                 "/api/v1/asks/{ask_pk}/progress/"):  # fmt: skip
        assert path in paths, path
    assert "post" in paths["/api/v1/asks/{ask_pk}/progress/"]
