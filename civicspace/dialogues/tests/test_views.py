from typing import Any

import pytest
from django.urls import reverse

from civicspace.dialogues import services
from civicspace.dialogues.asks import NewAsk, meeting_asks
from civicspace.dialogues.models import Meeting, OutcomeVersion
from conftest import World


def test_list_and_detail_are_public(
    client_for: Any, meeting: Meeting, django_assert_max_num_queries: Any
) -> None:
    client = client_for("anonymous")
    with django_assert_max_num_queries(4):
        page = client.get("/en/dialogues/")
    assert b"Dialogue 2025" in page.content
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Monitor the trials of journalists." in detail and "Record asks" not in detail
    km = client.get(f"/km/dialogues/{meeting.slug}/").content.decode()
    assert "កិច្ចសន្ទនា ២០២៥" in km


def test_meeting_page_query_count_does_not_grow_with_asks(client_for: Any, meeting: Meeting) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("anonymous")
    with CaptureQueriesContext(connection) as few:
        client.get(meeting.get_absolute_url())
    session = meeting.sessions.get()
    for i in range(10):
        meeting_asks().record(
            actor=None, ask=NewAsk(meeting=meeting, session=session, text_en=f"Ask number {i}")
        )
    with CaptureQueriesContext(connection) as many:
        client.get(meeting.get_absolute_url())
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_member_who_is_not_rapporteur_cannot_record(client_for: Any, meeting: Meeting) -> None:
    url = reverse("dialogues:ask-capture", kwargs={"slug": meeting.slug, "order": 1})
    assert client_for("focal_point").post(url, {"text_en": "x", "priority": "low"}).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_secretariat_creates_meeting_and_session(client_for: Any, world: World) -> None:
    client = client_for("secretariat")
    response = client.post(reverse("dialogues:meeting-create"), {
        "title_en": "Dialogue 2026", "starts_at": "2026-06-01T09:00", "ends_at": "2026-06-01T12:00",
        "mode": "hybrid", "response_days": "45", "conveners": [world.coalition.pk],
    })  # fmt: skip
    assert response.status_code == 302
    meeting = Meeting.objects.get(title_en="Dialogue 2026")
    assert meeting.starts_at.hour == 2  # 09:00 in Phnom Penh is 02:00 UTC
    url = reverse("dialogues:session-create", kwargs={"slug": meeting.slug})
    assert client.post(url, {"title_en": "Education", "rapporteur": "member@example.org"}).status_code == 302
    assert meeting.sessions.get().rapporteur == world.users["member"]
    bad = client.post(url, {"title_en": "X", "rapporteur": "nobody@example.org"})
    assert b"No registered user has this email address." in bad.content


def test_invalid_meeting_form_saves_nothing(client_for: Any, world: World) -> None:
    response = client_for("secretariat").post(reverse("dialogues:meeting-create"), {
        "title_en": "Backwards", "starts_at": "2026-06-01T12:00", "ends_at": "2026-06-01T09:00", "mode": "virtual",
        "response_days": "30",
    })  # fmt: skip
    assert response.status_code == 200 and b"cannot end before it starts" in response.content
    assert not Meeting.objects.filter(title_en="Backwards").exists()


def test_outcome_workflow_through_the_pages(client_for: Any, meeting: Meeting, world: World) -> None:
    secretariat = client_for("secretariat")
    secretariat.post(reverse("dialogues:outcome-sections", kwargs={"slug": meeting.slug}),
                     {"order": 1, "heading_en": "Closing", "body_en": "We will meet again.", "is_closing": "on"})  # fmt: skip
    response = secretariat.post(reverse("dialogues:outcome-draft", kwargs={"slug": meeting.slug}))
    version = OutcomeVersion.objects.get(meeting=meeting)
    assert response["Location"] == version.get_absolute_url()
    page = secretariat.get(version.get_absolute_url()).content.decode()
    assert version.sha256 in page and "We will meet again." in page and "Sign off this version" in page
    assert (
        client_for("focal_point")
        .post(reverse("dialogues:outcome-sign", kwargs={"slug": meeting.slug, "number": 1}))
        .status_code
        == 403
    )
    client_for("secretariat").post(
        reverse("dialogues:outcome-sign", kwargs={"slug": meeting.slug, "number": 1})
    )
    client_for("un_focal_point").post(
        reverse("dialogues:outcome-sign", kwargs={"slug": meeting.slug, "number": 1})
    )
    version.refresh_from_db()
    assert version.status == "adopted"
    adopted_page = client_for("secretariat").get(meeting.get_absolute_url()).content.decode()
    assert "Compose a new version" not in adopted_page and "Edit meeting" not in adopted_page


@pytest.mark.parametrize("lang", ["en", "km", "bi"])
def test_outcome_downloads(client_for: Any, meeting: Meeting, lang: str) -> None:
    version = services.outcome_version_create(meeting=meeting, actor=None)
    client = client_for("anonymous")
    pdf = client.get(
        reverse("dialogues:outcome-download", kwargs={"slug": meeting.slug, "number": 1, "fmt": "pdf"}),
        {"lang": lang},
    )
    assert (
        pdf.status_code == 200
        and pdf.content.startswith(b"%PDF")
        and pdf["X-Outcome-SHA256"] == version.sha256
    )
    docx = client.get(
        reverse("dialogues:outcome-download", kwargs={"slug": meeting.slug, "number": 1, "fmt": "docx"}),
        {"lang": lang},
    )
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert (
        client.get(
            reverse("dialogues:outcome-download", kwargs={"slug": meeting.slug, "number": 1, "fmt": "exe"})
        ).status_code
        == 404
    )
    assert client.get(version.get_absolute_url(), {"lang": "fr"}).status_code == 404


def test_compare_versions(client_for: Any, meeting: Meeting) -> None:
    services.outcome_version_create(meeting=meeting, actor=None)
    ask = NewAsk(meeting=meeting, session=meeting.sessions.get(), text_en="Publish the budget.")
    meeting_asks().record(actor=None, ask=ask)
    services.outcome_version_create(meeting=meeting, actor=None)
    page = client_for("anonymous").get(
        reverse("dialogues:outcome-compare", kwargs={"slug": meeting.slug, "number": 2})
    )
    assert page.status_code == 200 and b"<ins" in page.content and b"Publish the budget." in page.content
