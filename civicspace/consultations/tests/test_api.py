"""The consultations API: reading consultations, and sending input with an optional Idempotency-Key
(201 new, 200 replay, 409 conflict, 400 invalid, 429 over the limit)."""

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civicspace.consultations.models import Consultation, Submission
from conftest import World
from tests.second_factor import sign_in
from tests.tokens import api_token_for

from .fixtures import *  # noqa: F403  (fixtures)
from .fixtures import make_consultation

pytestmark = pytest.mark.django_db

BODY = {
    "answers": [{"item_code": "01", "comment": "More for roads", "rank": 1, "points": 60},
                {"item_code": "02", "rank": 2, "points": 40}],
    "gender": "woman", "age_band": "18_24", "disability": {"seeing": "some"}, "place_code": "171001",
    "consent": True,
}  # fmt: skip


def _post(client: Any, body: Any, key: str | None = None, **headers: str) -> Any:
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    url = reverse("api:consultation-submissions", kwargs={"slug": "open"})
    return client.post(url, json.dumps(body), content_type="application/json", **extra, **headers)


def test_list_and_detail(client: Any, open_consultation: Consultation, world: World) -> None:
    make_consultation(slug="hidden", authority=world.un_agency, organisers=[world.own], publish=False)
    listing = client.get(reverse("api:consultation-list")).json()
    assert [c["slug"] for c in listing["results"]] == ["open"]
    assert listing["results"][0]["phase"] == "open"
    detail = client.get(reverse("api:consultation-detail", kwargs={"slug": "open"})).json()
    assert [i["code"] for i in detail["items"]] == ["01", "02", "03"]
    assert detail["items"][0]["amount_khr"] == 1_500_000_000 and detail["items"][0]["response"] is None
    assert client.get(reverse("api:consultation-detail", kwargs={"slug": "hidden"})).status_code == 404


def test_list_query_count_does_not_grow(client: Any, open_consultation: Consultation, world: World) -> None:
    for n in range(5):
        make_consultation(slug=f"c{n}", authority=world.un_agency, organisers=[world.own])
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("api:consultation-list"))
    assert len(queries) <= 4


def test_anonymous_submission_then_replay_then_conflict(client: Any, open_consultation: Consultation) -> None:
    first = _post(client, BODY, key="3f1c-uuid")
    assert first.status_code == 201, first.content
    assert "Idempotent-Replayed" not in first
    receipt = first.json()["receipt"]
    submission = Submission.objects.get(receipt=receipt)
    assert (
        submission.channel == "api"
        and submission.place is not None
        and submission.place.code == "171001"
        and submission.wg_seeing == "some"
    )
    replay = _post(client, BODY, key="3f1c-uuid")
    assert replay.status_code == 200 and replay["Idempotent-Replayed"] == "true"
    assert replay.json()["receipt"] == receipt
    conflict = _post(client, {**BODY, "gender": "man"}, key="3f1c-uuid")
    assert conflict.status_code == 409
    assert conflict.json()["error"]["code"] == "idempotency_conflict"
    assert Submission.objects.count() == 1


def test_without_a_key_the_same_content_is_a_duplicate(client: Any, open_consultation: Consultation) -> None:
    assert _post(client, BODY).status_code == 201
    duplicate = _post(client, BODY)
    assert duplicate.status_code == 409 and duplicate.json()["error"]["code"] == "duplicate"
    assert Submission.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**BODY, "answers": [{"item_code": "01", "rank": "first"}]}, "answers"),  # wrong type
        ({**BODY, "answers": [{"item_code": "01", "rank": 1, "points": 500}]}, "answers"),
        ({**BODY, "answers": [{"item_code": "99", "comment": "x"}]}, "answers"),
        ({**BODY, "consent": False}, "consent"),
        ({**BODY, "gender": "robot"}, "gender"),
        ({**BODY, "answers": [{"item_code": "01", "comment": "x" * 2001}]}, "answers"),  # oversized
        ({**BODY, "place_code": "999999"}, "place"),
        ([1, 2, 3], "non_field_errors"),
        ({**BODY, "answers": [{"item_code": "01", "comment": "x"}] * 501}, "answers"),  # too many answers
    ],
)
def test_invalid_input_is_400_in_the_error_format(client: Any, open_consultation: Consultation, body: Any,
                                                  field: str) -> None:  # fmt: skip
    response = _post(client, body, key="k")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid" and field in error["fields"], error
    assert not Submission.objects.exists()


def test_not_open_or_unknown(client: Any, world: World, units: Any) -> None:
    make_consultation(slug="open", authority=world.un_agency, organisers=[], publish=False)
    assert _post(client, BODY).status_code == 404  # a draft is invisible to an anonymous client
    url = reverse("api:consultation-submissions", kwargs={"slug": "nope"})
    assert client.post(url, BODY, content_type="application/json").status_code == 404
    assert client.get(reverse("api:consultation-submissions", kwargs={"slug": "open"})).status_code == 405


def test_rate_limit_is_429_and_a_replay_still_answers(client: Any, open_consultation: Consultation,
                                                      settings: Any) -> None:  # fmt: skip
    settings.CONSULTATION_SUBMISSION_RATE = "2/600"
    assert _post(client, BODY, key="a").status_code == 201
    assert _post(client, {**BODY, "gender": "man"}, key="b").status_code == 201
    limited = _post(client, {**BODY, "gender": "other"}, key="c")
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "throttled"
    assert int(limited["Retry-After"]) > 0
    assert _post(client, BODY, key="a").status_code == 200  # the retry of a stored one is answered
    assert Submission.objects.count() == 2


def test_csrf_anonymous_json_needs_none_but_a_session_does(
    open_consultation: Consultation, world: World
) -> None:
    anonymous = Client(enforce_csrf_checks=True)
    assert _post(anonymous, BODY, key="anon").status_code == 201
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, world.users["member"])  # a member of the organiser: with the second factor
    refused = _post(browser, {**BODY, "gender": "man"}, key="session")
    assert refused.status_code == 403
    machine = Client(enforce_csrf_checks=True)
    sent = _post(
        machine,
        {**BODY, "gender": "other"},
        key="token",
        HTTP_AUTHORIZATION=f"Token {api_token_for(world.users['member'])}",
    )
    assert sent.status_code == 201
    assert (
        Submission.objects.get(idempotency_key="token").entered_by is None
    )  # input is never tied to an account


def test_the_endpoint_is_in_the_openapi_schema(client: Any) -> None:
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/consultations/{slug}/submissions/"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in operation["parameters"])
    assert {"200", "201", "400", "409", "429"} <= set(operation["responses"])
    assert "/api/v1/consultations/{slug}/" in schema["paths"]
