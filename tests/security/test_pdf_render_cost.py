"""Issue 11, finding 3: every anonymous request for a PDF rendered it again (0.5–0.75 s of CPU each), with
no cache and no throttle. An adopted (or superseded) outcome version is now rendered once per language and
format and stored; a consultation's report is cached until its data changes; what must still be rendered
live (a draft version) is limited per client by DOCUMENT_RENDER_RATE, with a 429 page beyond."""

from typing import Any
from unittest import mock

import pytest
from django.urls import reverse

from civicspace.consultations import services as consultation_services
from civicspace.consultations.models import Consultation, ItemInput
from civicspace.consultations.results import report
from civicspace.consultations.tests.test_results import to_results_phase
from civicspace.consultations.tests.test_results_views import consultation  # noqa: F401  (fixture)
from civicspace.dialogues import services
from civicspace.dialogues.models import Meeting, OutcomeVersion
from civicspace.dialogues.outcome import docx as outcome_docx
from civicspace.dialogues.outcome import pdf as outcome_pdf

pytestmark = pytest.mark.django_db


def _adopted(meeting: Meeting, world: Any) -> OutcomeVersion:
    version = services.outcome_version_create(meeting=meeting, actor=None)
    services.outcome_sign(version=version, user=world.users["secretariat"])
    services.outcome_sign(version=version, user=world.users["un_focal_point"])
    version.refresh_from_db()
    assert version.status == OutcomeVersion.Status.ADOPTED
    return version


def _download(client: Any, version: OutcomeVersion, fmt: str, lang: str = "en", **extra: Any) -> Any:
    url = reverse("dialogues:outcome-download",
                  kwargs={"slug": version.meeting.slug, "number": version.number, "fmt": fmt})  # fmt: skip
    return client.get(url, {"lang": lang}, **extra)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_adopted_version_is_rendered_once_and_served_from_storage(
    client: Any, meeting: Meeting, world: Any, fmt: str
) -> None:
    version = _adopted(meeting, world)
    with (
        mock.patch.object(outcome_pdf, "write_pdf", wraps=outcome_pdf.write_pdf) as pdf_renders,
        mock.patch.object(
            outcome_docx, "outcome_context", wraps=outcome_docx.outcome_context
        ) as docx_renders,
    ):
        first = _download(client, version, fmt)
        second = _download(client, version, fmt, REMOTE_ADDR="198.51.100.3")
        khmer = _download(client, version, fmt, lang="km")
    renders = pdf_renders if fmt == "pdf" else docx_renders
    assert first.status_code == second.status_code == khmer.status_code == 200
    assert renders.call_count == 2  # once in English, once in Khmer; the repeat came from storage
    body = b"".join(second.streaming_content) if second.streaming else second.content
    first_body = b"".join(first.streaming_content) if first.streaming else first.content
    assert body == first_body and body.startswith(b"%PDF" if fmt == "pdf" else b"PK")
    assert second["X-Outcome-SHA256"] == version.sha256
    assert second["Content-Disposition"].startswith("attachment;")
    assert second["X-Content-Type-Options"] == "nosniff"


def test_many_downloads_of_an_adopted_version_are_never_throttled(
    client: Any, meeting: Meeting, world: Any, settings: Any
) -> None:
    settings.DOCUMENT_RENDER_RATE = "2/600"
    version = _adopted(meeting, world)
    assert {_download(client, version, "pdf").status_code for _ in range(6)} == {200}


def test_the_report_is_cached_until_its_data_changes(client: Any, consultation: Consultation) -> None:  # noqa: F811
    c = to_results_phase(consultation)
    url = f"/en/consultations/{c.slug}/results/report.pdf"
    with mock.patch.object(report, "write_pdf", wraps=report.write_pdf) as renders:
        first = client.get(url)
        again = client.get(url, REMOTE_ADDR="198.51.100.3")
        assert renders.call_count == 1 and again.content == first.content
        pending = ItemInput.objects.filter(submission__consultation=c, comment_state="pending").exclude(
            comment=""
        )
        consultation_services.comment_moderate(item_input=pending[0], publish=True, reason="ok", actor=None)
        changed = client.get(url)
        assert renders.call_count == 2 and changed.content != first.content
        client.get(url)
        assert renders.call_count == 2


def test_live_renders_of_a_draft_are_throttled_per_client(
    client: Any, meeting: Meeting, settings: Any
) -> None:
    settings.DOCUMENT_RENDER_RATE = "10/600"
    version = services.outcome_version_create(meeting=meeting, actor=None)
    with mock.patch.object(outcome_pdf, "write_pdf", return_value=b"%PDF-1.7 stub"):
        statuses = [
            _download(client, version, "pdf", HTTP_USER_AGENT=f"UA/{n}").status_code for n in range(11)
        ]
        limited = _download(client, version, "docx")
        other = _download(client, version, "pdf", REMOTE_ADDR="198.51.100.3")
    assert statuses == [200] * 10 + [429]
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert (
        '<html lang="en"' in limited.content.decode() and "Please wait a moment" in limited.content.decode()
    )
    assert other.status_code == 200  # another client is not limited


def test_the_429_page_speaks_khmer(client: Any, meeting: Meeting, settings: Any) -> None:
    settings.DOCUMENT_RENDER_RATE = "1/600"
    services.outcome_version_create(meeting=meeting, actor=None)
    url = reverse("dialogues:outcome-download", kwargs={"slug": meeting.slug, "number": 1, "fmt": "pdf"})
    km_url = url.replace("/en/", "/km/", 1)
    with mock.patch.object(outcome_pdf, "write_pdf", return_value=b"%PDF-1.7 stub"):
        client.get(km_url)
        limited = client.get(km_url)
    assert limited.status_code == 429 and '<html lang="km"' in limited.content.decode()
