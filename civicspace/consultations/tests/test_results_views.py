"""The results page, open data, the PDF report, the API and who may see them (role × phase)."""

import csv
import datetime as dt
import gzip
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from civicspace.consultations import results, selectors, services
from civicspace.consultations.intake import Answer, SubmissionData, submissions_bulk_create
from civicspace.consultations.models import Consultation, ItemInput, TallyRequest
from civicspace.consultations.results import open_data, tasks
from conftest import ROLES

from .test_results import add_random, make_consultation, make_places, to_results_phase

EARLY = {
    "anonymous": False,
    "member": True,
    "focal_point": True,
    "secretariat": True,
    "un_focal_point": False,
    "admin": True,
}  # fmt: skip  (organisers: the member's and focal point's organisation)


@pytest.fixture
def consultation(world: Any) -> Consultation:
    make_places()
    c = make_consultation(organisers=[world.own])
    rows = [
        SubmissionData(answers=[Answer("I1", comment=f"Comment {i}", points=10, rank=1),
                                Answer("I2", points=20, rank=2)],
                       place_code="010201" if i % 2 else "0201", gender="woman" if i % 3 else "man",
                       age_band="18_24" if i % 4 == 0 else "35_44")
        for i in range(30)
    ]  # fmt: skip
    rows.append(SubmissionData(answers=[Answer("I3", comment="ការសិក្សាសំខាន់ណាស់។", points=5)], place_code="12"))
    submissions_bulk_create(consultation=c, rows=rows, channel="import")
    results.tally_pending(c.pk, batch=20)
    add_random(c, 5, seed=1)  # a live tail
    inputs = list(ItemInput.objects.filter(submission__consultation=c).exclude(comment="").order_by("pk"))
    for inp in inputs[:12]:
        services.comment_moderate(item_input=inp, publish=True, reason="fine", actor=None)
    services.comment_moderate(item_input=inputs[12], publish=False, reason="personal data", actor=None)
    return c


def _state(c: Consultation, state: str) -> Consultation:
    if state == "draft":
        Consultation.objects.filter(pk=c.pk).update(
            state="draft"
        )  # a draft with input cannot be made otherwise
        c.refresh_from_db()
        return c
    if state == "published":
        return c
    return to_results_phase(c, state)


@pytest.mark.parametrize("state", ["draft", "published", "results", "response"])
def test_rules_matrix(world: Any, consultation: Consultation, state: str) -> None:
    c = _state(consultation, state)
    public = state in ("results", "response")
    for role in ROLES:
        user = world.users[role]
        from django.contrib.auth.models import AnonymousUser

        user = user or AnonymousUser()
        assert user.has_perm("consultations.view_results_early", c) == EARLY[role], role
        assert user.has_perm("consultations.view_results", c) == (public or EARLY[role]), (role, state)


@pytest.mark.parametrize("state", ["draft", "published", "results"])
def test_pages_per_role(client_for: Any, consultation: Consultation, state: str) -> None:
    c = _state(consultation, state)
    urls = [f"/en/consultations/{c.slug}/results/", f"/en/consultations/{c.slug}/results.csv",
            f"/en/consultations/{c.slug}/comments.json", f"/api/v1/consultations/{c.slug}/results/"]  # fmt: skip
    for role in ROLES:
        client = client_for(role)
        for url in urls:
            status = client.get(url).status_code
            if state == "results" or EARLY[role]:
                expected = 200
            elif state == "draft":
                expected = 404  # the consultation itself is hidden
            elif url.startswith("/api/"):
                expected = 403
            else:
                expected = 404 if role == "anonymous" else 403  # never a login page (test_results_access.py)
            assert status == expected, (role, url, status)


def test_results_page(client: Any, consultation: Consultation) -> None:
    c = to_results_phase(consultation)
    resp = client.get(f"/en/consultations/{c.slug}/results/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Item 1 schools" in html and "<caption>" in html and 'scope="col"' in html
    assert 'class="chart province-map"' in html  # the choropleth
    assert "fewer than 5" in html
    assert "Comment 29" not in html or "Comment" in html
    published = list(
        ItemInput.objects.filter(item__consultation=c, comment_state="published").order_by("-pk")
    )
    assert html.index(published[0].comment) < html.index(published[1].comment)  # newest first
    assert "personal data" not in html
    rejected = ItemInput.objects.get(item__consultation=c, comment_state="rejected")
    assert rejected.comment not in html.replace(published[0].comment, "")
    assert len(gzip.compress(resp.content)) < 50_000
    # Drill down: a province, its district, a commune; the breadcrumb leads back.
    resp = client.get(f"/en/consultations/{c.slug}/results/?area=0102")
    html = resp.content.decode()
    assert resp.status_code == 200 and 'href="?area=01"' in html and 'href="?area=010201"' in html
    assert client.get(f"/en/consultations/{c.slug}/results/?area=99").status_code == 404
    assert client.get(f"/en/consultations/{c.slug}/results/?area=x1").status_code == 404
    assert client.get(f"/km/consultations/{c.slug}/results/").status_code == 200


def test_comments_are_paged(client: Any, consultation: Consultation) -> None:
    c = to_results_phase(consultation)
    first, after = selectors.published_comments(c, limit=5)
    assert len(first) == 5 and after == first[-1].pk
    resp = client.get(f"/en/consultations/{c.slug}/results/?before={after}")
    second, _ = selectors.published_comments(c, before=after, limit=20)
    assert second[0].comment in resp.content.decode()
    assert client.get(f"/en/consultations/{c.slug}/results/?before=abc").status_code == 404


def test_response_shown_in_response_phase(client: Any, consultation: Consultation) -> None:
    later = consultation.closes_at + dt.timedelta(seconds=1)
    c = services.consultation_transition(consultation=consultation, to="results", actor=None, now=later)
    item = c.items.get(code="I1")
    services.item_response_set(item=item, text_en="We will hire 200 teachers.", text_km="", actor=None)
    assert "We will hire" not in client.get(f"/en/consultations/{c.slug}/results/").content.decode()
    services.consultation_transition(consultation=c, to="response", actor=None, now=later)
    assert "We will hire 200 teachers." in client.get(f"/en/consultations/{c.slug}/results/").content.decode()


def test_page_queries_do_not_grow(client: Any, consultation: Consultation) -> None:
    c = to_results_phase(consultation)
    url = f"/en/consultations/{c.slug}/results/?area=01"
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add_random_late(c, 60)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small) <= 12


def add_random_late(c: Consultation, n: int) -> None:
    """More submissions, stored as if given on paper while the consultation was open."""
    Consultation.objects.filter(pk=c.pk).update(state="published")
    c.refresh_from_db()
    add_random(c, n, seed=7)
    Consultation.objects.filter(pk=c.pk).update(state="results")


def test_open_data(client: Any, consultation: Consultation) -> None:
    c = to_results_phase(consultation)
    resp = client.get(f"/en/consultations/{c.slug}/results.csv")
    text = b"".join(resp.streaming_content).decode()
    assert "CC BY 4.0" in text and "receipt" not in text
    rows = list(
        csv.reader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#"))))
    )
    assert rows[0] == list(open_data.OPEN_DATA_COLUMNS)
    everyone = {(r[3], r[4]): r[5] for r in rows[1:] if r[0] == "" and r[2] == ""}
    assert everyone[("all", "participants")] == str(c.submissions.count())
    for r in rows[1:]:
        if r[4] in ("participants", "people", "comments", "first_choice") and r[5]:
            assert int(r[5]) >= results.MIN_CELL
    data = json.loads(b"".join(client.get(f"/en/consultations/{c.slug}/results.json").streaming_content))
    assert data["licence"] == "CC BY 4.0" and len(data["rows"]) == len(rows) - 1
    comments = json.loads(b"".join(client.get(f"/en/consultations/{c.slug}/comments.json").streaming_content))
    assert {tuple(sorted(x)) for x in comments["comments"]} == {
        ("comment", "date", "item")
    }  # nothing about people
    assert len(comments["comments"]) == 12
    assert client.get(f"/en/consultations/{c.slug}/results.xml").status_code == 404


def test_api_matches_the_page_data(client: Any, consultation: Consultation) -> None:
    c = to_results_phase(consultation)
    resp = client.get(f"/api/v1/consultations/{c.slug}/results/?area=01")
    assert resp.status_code == 200
    assert resp.json() == json.loads(json.dumps(results.results_data(results.results_for(c, area="01"))))
    assert client.get(f"/api/v1/consultations/{c.slug}/results/?area=7").status_code == 404
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/consultations/{slug}/results/" in schema and "consultation_results" in schema


def test_pdf_report_in_khmer_and_english(client: Any, consultation: Consultation) -> None:
    c = to_results_phase(consultation)
    resp = client.get(f"/en/consultations/{c.slug}/results/report.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(resp.content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\u200b", "")
    assert "Item 1 schools" in text
    assert "សាលារៀន" in text  # a Khmer item title, shaped and extractable
    fonts = {
        str(f) for page in reader.pages for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
    }
    assert fonts


def test_schedule_tally_queues_once(consultation: Consultation) -> None:
    tasks._last_queued.clear()
    assert tasks._claim(consultation.pk) is True
    assert tasks._claim(consultation.pk) is False  # one queued already
    TallyRequest.objects.filter(pk=consultation.pk).update(
        requested_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert tasks._claim(consultation.pk) is True  # a stale request is queued again
    TallyRequest.objects.all().delete()
    assert consultation.submissions.filter(tallied=False).exists()
    assert tasks.schedule_tally(consultation.pk) is True  # the test backend runs the job at once
    assert not consultation.submissions.filter(tallied=False).exists()
    assert not TallyRequest.objects.exists()
    assert results.counts_match(consultation.pk)


def test_tally_command(consultation: Consultation) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("tally_submissions", stdout=out)
    assert "Tallied 5 submissions" in out.getvalue()
    call_command("tally_submissions", "--check", stdout=out)
    call_command("tally_submissions", "--rebuild", "--consultation", consultation.slug, stdout=out)
    assert "Tallies match" in out.getvalue() and "Rebuilt" in out.getvalue()
