import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from civicspace.organisations.models import Sector
from civicspace.recommendations import exports, services
from civicspace.recommendations.models import Theme, TrackerJob
from conftest import World

pytestmark = pytest.mark.django_db

BASE = "/en/recommendations/"


@pytest.fixture
def asks(world: World, meeting: Any) -> list[Any]:
    health = Sector.objects.get(slug="health")
    upr = Theme.objects.get(slug="upr")
    first = services.ask_create(
        actor=None, text_en="=HYPERLINK(\"x\")", text_km="ផ្តល់មូលនិធិ", sector=health, source_kind="upr",
        source_title="UPR, third cycle", source_date=dt.date(2024, 3, 1), addressees=[world.un_agency],
        themes=[upr], level="subnational", place="Siem Reap",
    )  # fmt: skip
    services.response_record(ask=first, addressee=world.un_agency, position="noted",
                             responded_on=dt.date(2024, 5, 1), actor=None)  # fmt: skip
    second = services.ask_create(actor=None, text_en="Publish budgets.", source_kind="letter")
    return [meeting.asks.get(), first, second]


def _body(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return response.getvalue()


def test_csv(client: Any, asks: list[Any]) -> None:
    response = client.get(BASE + "export.csv", {"sector": "health"})
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == exports.COLUMNS
    assert row["text_en"] == '\'=HYPERLINK("x")'  # not run as a formula by a spreadsheet
    assert row["text_km"] == "ផ្តល់មូលនិធិ" and row["sector"] == "health" and row["addressees"] == "UNA"
    assert row["themes"] == "upr" and row["responses"] == "1" and row["source_date"] == "2024-03-01"
    assert row["level"] == "subnational" and row["place"] == "Siem Reap"
    everything = list(csv.DictReader(io.StringIO(_body(client.get(BASE + "export.csv")).decode("utf-8-sig"))))
    assert [int(r["id"]) for r in everything] == sorted(a.pk for a in asks)
    assert everything[0]["meeting"] == "dialogue-2025" and everything[0]["sector"] == "human-rights"


def test_json(client: Any, asks: list[Any]) -> None:
    data = json.loads(_body(client.get(BASE + "export.json", {"addressee": "agency"})))
    assert [d["id"] for d in data] == [asks[0].pk, asks[1].pk]
    assert data[1]["addressees"] == ["UNA"] and data[1]["themes"] == ["upr"] and data[1]["responses"] == 1
    assert json.loads(_body(client.get(BASE + "export.json", {"q": "nothing-matches-this"}))) == []


def test_xlsx_small_is_immediate(client: Any, asks: list[Any]) -> None:
    from openpyxl import load_workbook

    response = client.get(BASE + "export.xlsx", {"source_kind": "ignored", "level": "subnational"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == exports.COLUMNS and len(rows) == 2
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][12].date() == dt.date(2024, 3, 1)


def test_query_count_per_chunk(asks: list[Any], monkeypatch: Any) -> None:
    for i in range(7):
        services.ask_create(actor=None, text_en=f"More {i}", addressees=[asks[1].addressees.get()])
    monkeypatch.setattr(exports, "CHUNK", 4)
    with CaptureQueriesContext(connection) as queries:
        rows = list(exports.export_rows({}))
    assert len(rows) == 10
    # one query for the asks, then one for addressees and one for themes per chunk of 4
    assert len(queries) == 1 + 2 * 3


def test_large_xlsx_runs_as_a_background_job(client: Any, asks: list[Any], monkeypatch: Any) -> None:
    from openpyxl import load_workbook

    monkeypatch.setattr(exports, "XLSX_SYNC_LIMIT", 2)
    monkeypatch.setattr(exports, "CHUNK", 2)
    response = client.get(BASE + "export.xlsx", {"year": ""})
    job = TrackerJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}jobs/{job.pk}/"
    assert (job.state, job.total, job.done, job.percent()) == ("done", 3, 3, 100)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "?download=1" in html and "http-equiv" not in html  # finished: no more refreshing
    download = client.get(response["Location"] + "?download=1")
    sheet = load_workbook(io.BytesIO(download.getvalue())).active
    assert sheet.max_row == 4


def test_job_page_while_running(client: Any, world: World) -> None:
    job = TrackerJob.objects.create(kind="export", format="xlsx", state="running", total=10000, done=2500)
    html = client.get(f"{BASE}jobs/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh"' in html and 'hx-trigger="every 2s"' in html
    assert 'value="25"' in html and "2500 of 10000 rows" in html and "?download=1" not in html
    partial = client.get(f"{BASE}jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="job-progress"') and "<html" not in partial
    assert client.get(f"{BASE}jobs/{job.pk}/?download=1").status_code == 404


def test_unknown_format(client: Any, world: World) -> None:
    assert client.get(BASE + "export.pdf").status_code == 404
