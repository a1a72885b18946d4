from typing import Any

from rest_framework.test import APIClient

from civicspace.dialogues import services
from civicspace.dialogues.models import Meeting
from conftest import World
from tests.tokens import api_token_for


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


def test_anyone_reads_meetings_sessions_participants_and_outcomes(
    meeting: Meeting, django_assert_max_num_queries: Any
) -> None:
    services.outcome_version_create(meeting=meeting, actor=None)
    client = APIClient()
    with django_assert_max_num_queries(4):
        listing = client.get("/api/v1/meetings/").json()
    assert listing["count"] == 1 and listing["results"][0]["slug"] == "dialogue-2025"
    detail = client.get("/api/v1/meetings/dialogue-2025/").json()
    assert detail["sessions"][0]["asks"][0]["text_en"] == "Monitor the trials of journalists."
    assert {c["side"] for c in detail["co_chairs"]} == {"cso", "un"}
    assert len(client.get("/api/v1/meetings/dialogue-2025/participants/").json()) == 2
    [version] = client.get("/api/v1/meetings/dialogue-2025/outcome-documents/").json()
    assert (
        version["number"] == 1 and len(version["sha256"]) == 64 and version["links"]["pdf"].endswith("v1.pdf")
    )
    assert (
        client.get("/api/v1/meetings/dialogue-2025/outcome-documents/1/").json()["content"]["schema"]
        == "civicspace.outcome/1"
    )


def test_writing_needs_the_convener_role(meeting: Meeting, world: World) -> None:
    body = {
        "title_en": "API meeting",
        "starts_at": "2032-01-01T09:00:00+07:00",
        "ends_at": "2032-01-01T10:00:00+07:00",
    }
    assert APIClient().post("/api/v1/meetings/", body, format="json").status_code == 401
    assert (
        token_client(world.users["member"]).post("/api/v1/meetings/", body, format="json").status_code == 403
    )
    created = token_client(world.users["secretariat"]).post("/api/v1/meetings/", body, format="json")
    assert created.status_code == 201, created.content
    sessions = "/api/v1/meetings/dialogue-2025/sessions/"
    assert (
        token_client(world.users["member"]).post(sessions, {"title_en": "X"}, format="json").status_code
        == 403
    )
    made = token_client(world.users["secretariat"]).post(
        sessions, {"title_en": "Education", "sector": "education"}, format="json"
    )
    assert made.status_code == 201 and made.json()["order"] == 2
    bad = token_client(world.users["secretariat"]).patch(
        "/api/v1/meetings/dialogue-2025/", {"ends_at": "2000-01-01T00:00:00Z"}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


def test_openapi_documents_dialogues(db: Any) -> None:
    paths = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in ("/api/v1/meetings/", "/api/v1/meetings/{slug}/", "/api/v1/meetings/{meeting_slug}/sessions/",
                 "/api/v1/meetings/{meeting_slug}/participants/", "/api/v1/meetings/{meeting_slug}/outcome-documents/",
                 "/api/v1/meetings/{meeting_slug}/outcome-documents/{number}/"):  # fmt: skip
        assert path in paths, path


def test_staff_without_second_factor_cannot_use_meeting_children(
    meeting: Meeting, django_user_model: Any
) -> None:
    staff = django_user_model.objects.create_user(email="ops@example.org", password="x" * 12, is_staff=True)
    for path in ("sessions/", "participants/", "outcome-documents/"):
        response = token_client(staff).get(f"/api/v1/meetings/dialogue-2025/{path}")
        assert response.status_code == 403 and response.json()["error"]["code"] == "two_factor_required"
