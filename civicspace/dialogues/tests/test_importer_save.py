"""Saving an imported outcome document: the import_outcome command and the upload → review → save
pages, all or nothing."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from civicspace.dialogues.asks import meeting_asks
from civicspace.dialogues.models import Meeting
from civicspace.organisations.models import Organisation

from .importer_documents import (
    BAD_FILES,
    ENGLISH_A,
    asks_of,
    assert_json_shape,
    check_english_a,
    counts,
    docx_bytes,
)

# --- the command -----------------------------------------------------------------------------------


@pytest.fixture
def english_file(tmp_path: Path) -> Path:
    path = tmp_path / "note.docx"
    path.write_bytes(docx_bytes(ENGLISH_A))
    return path


@pytest.mark.django_db
def test_command_json_prints_the_shape_and_saves_nothing(english_file: Path) -> None:
    before = counts()
    out = io.StringIO()
    call_command("import_outcome", str(english_file), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert_json_shape(data)
    check_english_a(data)
    assert counts() == before


def test_command_save_creates_the_meeting(world: Any, english_file: Path) -> None:
    before = counts()
    out = io.StringIO()
    call_command("import_outcome", str(english_file), "--save", stdout=out, stderr=io.StringIO())
    meeting = Meeting.objects.get(
        title_en="Outcome Note of the Annual Dialogue between Civil Society and UN Agencies"
    )  # the document's title: that it was imported is a field, not a prefix
    assert meeting.imported_from == "note.docx"
    assert meeting.get_absolute_url() in out.getvalue()
    assert meeting.venue_en == "Siem Reap"
    assert meeting.starts_at.isoformat() == "2023-03-14T02:00:00+00:00"  # 09:00 in Phnom Penh
    assert [s.title for s in meeting.sessions.order_by("order")] == [
        "Civic space",
        "Food security and livelihoods",
        "Women and gender",
    ]
    sectors = [s.sector.slug if s.sector else None for s in meeting.sessions.order_by("order")]
    assert sectors == ["civic-space", None, "women-gender"]
    asks = asks_of(meeting)
    assert len(asks) == 5
    assert [o.acronym_en for o in asks[0].addressees] == ["OHCHR"]
    assert asks[3].session_id == meeting.sessions.get(order=3).pk
    assert [o.acronym_en for o in asks[3].addressees] == ["UNFPA"]
    assert meeting.participants.filter(organisation__acronym_en="WVN").exists()
    after = counts()
    assert after[0] == before[0] + 1 and after[1] == before[1] + 5 and after[3] == before[3] + 3


def test_command_save_rolls_back_on_failure(world: Any, english_file: Path, monkeypatch: Any) -> None:

    calls = {"n": 0}
    asks = meeting_asks()
    real = asks.record

    def failing(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(asks, "record", failing)
    before = counts()
    with pytest.raises(RuntimeError):
        call_command("import_outcome", str(english_file), "--save", stdout=io.StringIO())
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["png renamed .pdf", "encrypted pdf", "scanned pdf"])
def test_command_refuses_bad_files(tmp_path: Path, case: str) -> None:
    make, filename, message = BAD_FILES[case]
    path = tmp_path / filename
    path.write_bytes(make())
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("import_outcome", str(path), "--save", stdout=io.StringIO())
    assert counts() == before


# --- the web flow ----------------------------------------------------------------------------------


def _post_data(context: Any) -> dict[str, Any]:
    """What the browser would send back for the review page as rendered (nothing changed)."""
    data: dict[str, Any] = {}
    forms = [context["meeting_form"]]
    for name in ("organisations", "sectors", "asks"):
        formset = context[name]
        mgmt = formset.management_form
        for field in mgmt:
            data[field.html_name] = field.value()
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_web_upload_review_and_save(client_for: Any) -> None:
    client = client_for("secretariat")
    response = client.get(reverse("dialogues:import-upload"))
    assert response.status_code == 200
    assert 'accept=".txt,.docx,.pdf' in response.content.decode()
    before = counts()
    upload = SimpleUploadedFile("note.docx", docx_bytes(ENGLISH_A))
    response = client.post(reverse("dialogues:import-upload"), {"document": upload})
    assert response.status_code == 302
    assert counts() == before  # nothing saved before the review
    review_url = response["Location"]
    response = client.get(review_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Women&#x27;s Voices Network" in page and "The participants urge OHCHR" in page
    assert "New: will be added to the directory" in page

    data = _post_data(response.context)
    data["meeting-place"] = "Siem Reap Province Hall"
    data["ask-0-text"] = "The participants urge OHCHR to publish a yearly review of association rules."
    data.pop("ask-4-keep")  # drop the last ask
    org_index = next(
        i for i, f in enumerate(response.context["organisations"]) if f.initial.get("acronym") == "MFA"
    )
    data.pop(f"org-{org_index}-keep")  # and one organisation
    response = client.post(review_url, data)
    assert response.status_code == 302, response.context and [f.errors for f in response.context["asks"]]
    meeting = Meeting.objects.latest("created_at")
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.venue_en == "Siem Reap Province Hall"
    texts = [a.text_en for a in asks_of(meeting)]
    assert len(texts) == 4
    assert "The participants urge OHCHR to publish a yearly review of association rules." in texts
    assert not Organisation.objects.filter(acronym_en="MFA").exists()
    assert Organisation.objects.filter(acronym_en="WVN", kind="coalition").exists()
    assert client.get(review_url).status_code == 302  # used up


def test_web_bad_upload_shows_the_error(client_for: Any) -> None:
    client = client_for("secretariat")
    before = counts()
    upload = SimpleUploadedFile("outcome.pdf", b"\x89PNG\r\n\x1a\n" + bytes(300))
    response = client.post(reverse("dialogues:import-upload"), {"document": upload})
    assert response.status_code == 200
    assert "This file is not a document that can be imported" in response.content.decode()
    assert counts() == before


@override_settings(OUTCOME_IMPORT_MAX_BYTES=1000)
def test_web_oversized_upload_is_refused(client_for: Any) -> None:
    client = client_for("secretariat")
    upload = SimpleUploadedFile("big.txt", b"The UN should act. " * 200)
    response = client.post(reverse("dialogues:import-upload"), {"document": upload})
    assert response.status_code == 200
    assert "too large" in response.content.decode()


def test_web_permissions(client_for: Any) -> None:
    url = reverse("dialogues:import-upload")
    response = client_for("anonymous").get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client_for("member").get(url).status_code == 403
    assert (
        client_for("member").get(reverse("dialogues:import-review", kwargs={"key": "x"})).status_code == 403
    )
    assert client_for("admin").get(url).status_code == 200
