"""Issue 11, finding 9c: the API gave evidence files a `/media/…` URL, which nothing serves (and which a
proxy set up from the old deployment guide could have served to anyone). The API now links each file
to a download that applies the rule of who may see the evidence (recommendations.view_restricted_evidence)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from civicspace.recommendations import services
from civicspace.recommendations.models import Ask, Evidence
from conftest import ROLES, World
from tests.tokens import api_token_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The secretariat curates; the UN focal point's agency is the addressee; the admin sees everything.
MAY_SEE_RESTRICTED = {"secretariat", "un_focal_point", "admin"}


@pytest.fixture
def ask(world: World) -> Ask:
    ask = services.ask_create(
        actor=None, text_en="Publish the budget.", addressees=[world.un_agency], raised_by=[world.coalition]
    )
    services.progress_report(ask=ask, status="in_progress", actor=None, evidence=[
        {"title": "Open", "file": SimpleUploadedFile("open.pdf", PDF), "is_public": True},
        {"title": "Closed", "file": SimpleUploadedFile("closed.pdf", PDF), "is_public": False},
        {"title": "Link", "url": "https://example.org/report", "is_public": True},
    ])  # fmt: skip
    return ask


def _bytes(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_links_evidence_files_to_a_permission_checked_download(
    ask: Ask, world: World, role: str
) -> None:
    client = APIClient()
    if world.users[role] is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(world.users[role])}")
    detail = client.get(f"/api/v1/asks/{ask.pk}/").json()
    listed = client.get(f"/api/v1/asks/{ask.pk}/progress/").json()
    for updates in (detail["progress_updates"], listed):
        evidence = {e["title"]: e for update in updates for e in update["evidence"]}
        assert ("Closed" in evidence) is (role in MAY_SEE_RESTRICTED)
        assert evidence["Link"]["file"] is None and evidence["Link"]["url"] == "https://example.org/report"
        for item in evidence.values():
            assert "/media/" not in (item["file"] or "") and "/media/" not in (item["url"] or "")
        assert evidence["Open"]["url"] is None
        assert evidence["Open"]["file"].startswith("http://testserver/api/v1/evidence/")
        opened = client.get(evidence["Open"]["file"])
        assert opened.status_code == 200 and _bytes(opened) == PDF
    closed = Evidence.objects.get(title="Closed")
    response = client.get(f"/api/v1/evidence/{closed.pk}/file/")
    if role in MAY_SEE_RESTRICTED:
        assert response.status_code == 200 and _bytes(response) == PDF
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert response.status_code in {401, 403, 404}
        assert PDF not in response.content


def test_a_download_does_not_depend_on_the_accept_header(ask: Ask, client_for: Any) -> None:
    report = Evidence.objects.get(title="Open")
    response = client_for("anonymous").get(
        f"/api/v1/evidence/{report.pk}/file/", HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 200 and _bytes(response) == PDF


def test_a_link_without_a_file_has_no_download(ask: Ask, client_for: Any) -> None:
    link = Evidence.objects.get(title="Link")
    assert client_for("admin").get(f"/api/v1/evidence/{link.pk}/file/").status_code == 404
    assert client_for("admin").get("/api/v1/evidence/999999/file/").status_code == 404


def test_the_deployment_guide_keeps_media_away_from_the_proxy() -> None:
    from django.conf import settings

    guide = (settings.BASE_DIR / "docs" / "deploy.md").read_text()
    assert "none does yet" not in guide and "No module stores uploads" not in guide
    assert "Never let the proxy serve `MEDIA_ROOT`" in guide
