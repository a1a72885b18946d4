"""Offline capture: the page (who may open it, the no-JavaScript post), its manifest and service worker,
and the sync endpoint (201 stored, 200 a retry, 400 invalid, 409 a reused key, 401 logged out, CSRF)."""

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from civicspace.consultations.models import Consultation, Submission
from tests.second_factor import sign_in

from .fixtures import *  # noqa: F403

PAGE = "/en/consultations/open/offline/"
SYNC = "/api/v1/consultations/open/offline-submissions/"


def capture(**fields: str) -> dict[str, Any]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "captured_at": (timezone.now() - dt.timedelta(hours=2)).isoformat(),
        "fields": {"01:comment": "A bridge, please", "01:rank": "1", "02:points": "30", "gender": "woman",
                   "age_band": "60_up", "wg_hearing": "some", "place": "1710", "consent": "yes", **fields},
    }  # fmt: skip


def csrf_client(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    return sign_in(client, user)


def post(client: Client, body: Any, token: str | None = None) -> Any:
    headers = {"X-CSRFToken": token} if token else {}
    return client.post(SYNC, json.dumps(body), content_type="application/json", headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 200), ("focal_point", 200), ("secretariat", 200), ("un_focal_point", 403),
     ("admin", 200)],
)  # fmt: skip
def test_who_may_open_the_capture_page(
    client_for: Any, open_consultation: Consultation, role: str, status: int
) -> None:
    response = client_for(role).get(PAGE)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert 'rel="manifest"' in html and "offline.js" in html and 'name="idempotency_key"' in html
        assert 'name="01:comment"' in html and 'name="02:points"' in html and "<script>" not in html


@pytest.mark.django_db
def test_the_manifest_and_service_worker(client: Any, open_consultation: Consultation) -> None:
    manifest = client.get("/en/consultations/open/offline/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    body = manifest.json()
    assert body["start_url"] == body["scope"] == PAGE and body["display"] == "standalone"
    assert {i["sizes"] for i in body["icons"]} == {"192x192", "512x512"}
    for icon in body["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))
    worker = client.get("/en/consultations/open/offline/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == PAGE and "Content-Security-Policy" in worker
    source = worker.content.decode()
    assert "CivicOffline" in source and 'addEventListener("sync"' in source
    assert client.get("/en/consultations/nope/offline/sw.js").status_code == 404


@pytest.mark.django_db
def test_sync_stores_once_and_retries_change_nothing(world: Any, open_consultation: Consultation) -> None:
    client = csrf_client(world.users["member"])
    session = client.get(SYNC)
    assert session.status_code == 200
    token = session.json()["csrf_token"]
    body = capture()
    first = post(client, body, token)
    assert first.status_code == 201, first.content
    submission = Submission.objects.get()
    assert first.json() == {
        "receipt": submission.receipt,
        "idempotency_key": body["idempotency_key"],
        "created": True,
    }
    assert submission.channel == "offline" and submission.entered_by == world.users["member"]
    assert submission.captured_at == dt.datetime.fromisoformat(body["captured_at"])
    assert (submission.gender, submission.age_band, submission.wg_hearing, submission.district_code) == (
        "woman", "60_up", "some", "1710")  # fmt: skip
    for _retry in range(3):
        again = post(client, body, token)
        assert again.status_code == 200 and again.json()["receipt"] == submission.receipt
    assert Submission.objects.count() == 1
    # The same input captured for another person (another key) is not a duplicate: it is stored.
    assert post(client, {**body, "idempotency_key": str(uuid.uuid4())}, token).status_code == 201


@pytest.mark.django_db
def test_sync_errors(world: Any, open_consultation: Consultation) -> None:
    client = csrf_client(world.users["secretariat"])
    token = client.get(SYNC).json()["csrf_token"]
    body = capture()
    assert post(client, body, token).status_code == 201
    conflict = post(client, {**body, "fields": {**body["fields"], "gender": "man"}}, token)
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "idempotency_conflict"
    invalid = post(client, capture(**{"01:rank": "7", "gender": "hen"}), token)
    assert invalid.status_code == 400
    fields = invalid.json()["error"]["fields"]
    assert "01:rank" in fields and "gender" in fields
    no_consent = post(client, capture(consent=""), token)
    assert no_consent.status_code == 400 and "consent" in no_consent.json()["error"]["fields"]
    assert post(client, {**capture(), "idempotency_key": "bad key"}, token).status_code == 400
    assert post(client, {"idempotency_key": str(uuid.uuid4()), "fields": "nope"}, token).status_code == 400
    too_old = post(client, {**capture(), "captured_at": "2001-01-01T10:00:00+07:00"}, token)
    assert too_old.status_code == 400 and "not open" in json.dumps(too_old.json())
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_sync_needs_the_session_the_permission_and_the_csrf_token(
    world: Any, open_consultation: Consultation
) -> None:
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(SYNC).status_code == 401
    assert post(anonymous, capture()).status_code == 401  # the page tells the person to log in again
    un = csrf_client(world.users["un_focal_point"])
    assert un.get(SYNC).status_code == 403
    member = csrf_client(world.users["member"])
    member.get(SYNC)
    assert post(member, capture()).status_code == 403  # no CSRF token
    assert Submission.objects.count() == 0
    assert (
        csrf_client(world.users["member"]).get("/api/v1/consultations/nope/offline-submissions/").status_code
        == 404
    )


@pytest.mark.django_db
def test_the_page_works_without_javascript(client_for: Any, open_consultation: Consultation) -> None:
    client = client_for("focal_point")
    page = client.get(PAGE).content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    uuid.UUID(key)
    form = {
        "idempotency_key": key,
        "captured_at": "",
        "01:comment": "Clean water",
        "03:rank": "1",
        "consent": "yes",
    }
    response = client.post(PAGE, form)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.idempotency_key == key and submission.channel == "offline"
    followed = client.post(PAGE, form, follow=True)  # sent twice (a double tap): stored once
    assert b"stored before" in followed.content and Submission.objects.count() == 1
    bad = client.post(PAGE, {**form, "idempotency_key": str(uuid.uuid4()), "03:rank": "9", "consent": ""})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'aria-invalid="true"' in html and "Ranks go from 1 to 3" in html and "consent" in html
    assert "Clean water" in html  # the answers are kept
