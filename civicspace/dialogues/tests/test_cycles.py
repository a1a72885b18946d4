"""Dialogue cycles (issue 12): a recurring dialogue, such as the annual CSO–UN dialogue, whose meetings follow
one another year after year. The secretariat creates, edits and closes cycles, in the pages and in the API; a
closed cycle accepts no new meetings; a cycle's page shows its meetings and the asks carried from one year
to the next."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from civicspace.core.models import AuditEntry
from civicspace.dialogues import selectors, services
from civicspace.dialogues.asks import NewAsk, meeting_asks
from civicspace.dialogues.models import DialogueCycle, Meeting
from conftest import PP, World
from tests.tokens import api_token_for

MEETINGS = "/api/v1/meetings/"
CYCLES = "/api/v1/cycles/"


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


def at(year: int, month: int = 6, day: int = 1, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=PP)


@pytest.fixture
def cycle(world: World) -> DialogueCycle:
    return services.cycle_create(actor=world.users["secretariat"], slug="cso-un-dialogue",
                                 title_en="Annual CSO–UN dialogue", title_km="កិច្ចសន្ទនាប្រចាំឆ្នាំ")  # fmt: skip


@pytest.fixture
def closed(world: World) -> DialogueCycle:
    old = services.cycle_create(actor=None, slug="old-dialogue", title_en="An old dialogue")
    return services.cycle_close(cycle=old, actor=None)


def meeting_body(**extra: Any) -> dict[str, Any]:
    return {"title_en": "Dialogue 2032", "starts_at": "2032-06-01T09:00:00+07:00",
            "ends_at": "2032-06-01T12:00:00+07:00", **extra}  # fmt: skip


# --- the findings ----------------------------------------------------------------------------------------


def test_finding_the_api_saves_the_cycle_of_a_new_meeting(world: World, cycle: DialogueCycle) -> None:
    created = token_client(world.users["secretariat"]).post(
        MEETINGS, meeting_body(cycle=cycle.slug), format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["cycle"] == "cso-un-dialogue"
    assert Meeting.objects.get(title_en="Dialogue 2032").cycle == cycle


def test_finding_an_unknown_or_closed_cycle_is_a_400_never_a_silent_null(
    world: World, closed: DialogueCycle
) -> None:
    client = token_client(world.users["secretariat"])
    unknown = client.post(MEETINGS, meeting_body(cycle="no-such-cycle"), format="json")
    assert unknown.status_code == 400
    assert unknown.json()["error"]["fields"]["cycle"] == [
        "No dialogue cycle has the short name “no-such-cycle”."
    ]
    refused = client.post(MEETINGS, meeting_body(cycle=closed.slug), format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["cycle"] == [
        "The dialogue cycle “An old dialogue” is closed: it accepts no new meetings."
    ]
    assert not Meeting.objects.filter(title_en="Dialogue 2032").exists()


def test_finding_a_khmer_only_title_gets_a_meaningful_unique_ascii_slug(
    client_for: Any, world: World, cycle: DialogueCycle
) -> None:
    def khmer_only(**fields: Any) -> Meeting:
        return services.meeting_create(
            actor=None, title_km="កិច្ចប្រជុំតាមប្រព័ន្ធអនឡាញ", starts_at=at(2021, 6, 2),
            ends_at=at(2021, 6, 2, 12), **fields,
        )  # fmt: skip

    in_cycle, again, alone = khmer_only(cycle=cycle), khmer_only(cycle=cycle), khmer_only()
    assert (in_cycle.slug, again.slug, alone.slug) == (
        "cso-un-dialogue-2021", "cso-un-dialogue-2021-2", "meeting-2021-06-02",
    )  # fmt: skip
    # a date just after midnight in Phnom Penh is the previous day in UTC: the slug has the meeting's own day
    late = services.meeting_create(actor=None, title_km="ព្រឹក", starts_at=at(2022, 1, 1, 0),
                                   ends_at=at(2022, 1, 1, 2))  # fmt: skip
    assert late.slug == "meeting-2022-01-01"
    page = client_for("anonymous").get(in_cycle.get_absolute_url())
    assert page.status_code == 200 and "កិច្ចប្រជុំតាមប្រព័ន្ធអនឡាញ" in page.content.decode()
    english = services.meeting_create(actor=None, cycle=cycle, title_en="CSO–UN meeting, June 2022",
                                      starts_at=at(2022), ends_at=at(2022, hour=12))  # fmt: skip
    assert english.slug == "csoun-meeting-june-2022"


def test_the_lists_own_addresses_are_never_a_slug(client_for: Any, world: World) -> None:
    """`new`, `import` and `cycles` are the dialogue list's own addresses: a meeting called "New" gets
    `new-2`, and a chosen short name among them is refused."""
    meeting = services.meeting_create(
        actor=None, title_en="New", starts_at=at(2025), ends_at=at(2025, hour=12)
    )
    assert meeting.slug == "new-2"
    assert client_for("anonymous").get(meeting.get_absolute_url()).status_code == 200
    cycle = services.cycle_create(actor=None, title_en="Cycles")
    assert cycle.slug == "cycles-2"
    with pytest.raises(ValidationError) as refused:
        services.cycle_create(actor=None, slug="new", title_en="Something")
    assert refused.value.message_dict == {"slug": ["“new” is one of the site's own addresses."]}
    with pytest.raises(ValidationError):
        services.meeting_create(actor=None, slug="import", title_en="X", starts_at=at(2025), ends_at=at(2025))


# --- services ---------------------------------------------------------------------------------------------


def test_cycles_are_created_edited_and_closed_with_audit_rows(world: World) -> None:
    actor = world.users["secretariat"]
    cycle = services.cycle_create(actor=actor, title_en="CSO–Government dialogue")
    assert cycle.slug == "csogovernment-dialogue" and cycle.is_open
    services.cycle_update(cycle=cycle, actor=actor, description_en="Twice a year.")
    closed = services.cycle_close(cycle=cycle, actor=actor)
    assert not closed.is_open and closed.closed_at is not None
    entries = AuditEntry.objects.filter(content_type__model="dialoguecycle", object_id=str(cycle.pk))
    assert [(e.action, e.actor) for e in entries.order_by("id")] == [("create", actor)] + [
        ("update", actor)
    ] * 2
    assert set(entries.order_by("id").last().changes) == {"closed_at"}  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="already closed"):
        services.cycle_close(cycle=closed, actor=actor)
    with pytest.raises(ValidationError, match="closed; it can no longer change"):
        services.cycle_update(cycle=closed, actor=actor, title_en="Renamed")


def test_a_khmer_only_cycle_gets_a_slug_and_a_cycle_needs_a_title(world: World) -> None:
    cycle = services.cycle_create(actor=None, title_km="កិច្ចសន្ទនា")
    assert cycle.slug.startswith("dialogue-cycle-") and cycle.slug.isascii()
    with pytest.raises(ValidationError, match="Give the cycle a title"):
        services.cycle_create(actor=None, slug="untitled")


def test_a_closed_cycle_accepts_no_meeting(
    world: World, meeting: Meeting, cycle: DialogueCycle, closed: DialogueCycle
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            actor=None, cycle=closed, title_en="Late", starts_at=at(2033), ends_at=at(2033)
        )
    assert refused.value.message_dict == {
        "cycle": ["The dialogue cycle “An old dialogue” is closed: it accepts no new meetings."]
    }
    with pytest.raises(ValidationError):  # nor by moving a meeting into it
        services.meeting_update(meeting=meeting, actor=None, cycle=closed)
    services.meeting_update(meeting=meeting, actor=None, cycle=cycle)
    services.cycle_close(cycle=cycle, actor=None)
    with pytest.raises(ValidationError, match="cannot move to another cycle"):
        services.meeting_update(meeting=meeting, actor=None, cycle=None)
    with pytest.raises(ValidationError, match="accepts no new meetings"):  # the next year's meeting
        services.meeting_create_next(previous=meeting, actor=None, title_en="2026", starts_at=at(2026),
                                     ends_at=at(2026, hour=12))  # fmt: skip
    # the meetings it has stay as they are, and can still be edited
    services.meeting_update(meeting=meeting, actor=None, summary_en="Held in Phnom Penh.")
    meeting.refresh_from_db()
    assert meeting.cycle == cycle and meeting.summary_en == "Held in Phnom Penh."
    assert not Meeting.objects.filter(title_en__in=["Late", "2026"]).exists()


def carry_one_ask(meeting: Meeting, cycle: DialogueCycle) -> tuple[Meeting, int]:
    """The fixture's 2025 meeting joins the cycle; in 2026 its ask is raised again (through the port: the
    tracker is a layer above dialogues). Returns the 2026 meeting and the new ask's id."""
    services.meeting_update(meeting=meeting, actor=None, cycle=cycle)
    nxt = services.meeting_create_next(previous=meeting, actor=None, title_en="Dialogue 2026",
                                       starts_at=at(2026), ends_at=at(2026, hour=12))  # fmt: skip
    [old] = selectors.review_asks(meeting=nxt)
    return nxt, meeting_asks().raise_again(actor=None, ask_id=old.pk, meeting=nxt, session=nxt.sessions.get())


def test_the_carried_asks_of_a_cycle_step_by_step(meeting: Meeting, cycle: DialogueCycle) -> None:
    nxt, again = carry_one_ask(meeting, cycle)
    [step] = selectors.cycle_carried_asks(cycle=cycle)
    assert (step.meeting, step.earlier) == (nxt, meeting)
    [carried] = step.asks
    assert carried.ask.pk == again and carried.earlier.text_en == "Monitor the trials of journalists."
    assert (carried.earlier.status_label, carried.ask.status_label) == ("Not started", "Not started")
    assert list(selectors.cycle_meetings(cycle=cycle)) == [meeting, nxt]  # oldest first


# --- pages ------------------------------------------------------------------------------------------------


def test_the_secretariat_creates_edits_and_closes_a_cycle_without_javascript(client_for: Any) -> None:
    client = client_for("secretariat")
    assert b'name="slug"' in client.get(reverse("dialogues:cycle-create")).content
    created = client.post(reverse("dialogues:cycle-create"), {"title_en": "Annual CSO–UN dialogue",
                                                               "title_km": "កិច្ចសន្ទនា"})  # fmt: skip
    cycle = DialogueCycle.objects.get(title_en="Annual CSO–UN dialogue")
    assert created.status_code == 302 and created["Location"] == cycle.get_absolute_url()
    assert cycle.slug == "annual-csoun-dialogue"
    untitled = client.post(reverse("dialogues:cycle-create"), {"slug": "x"})
    assert b"Give the cycle a title in English, in Khmer, or in both." in untitled.content
    taken = client.post(reverse("dialogues:cycle-create"), {"slug": cycle.slug, "title_en": "Again"})
    assert taken.status_code == 200 and b"already exists" in taken.content
    edit = reverse("dialogues:cycle-update", kwargs={"cycle": cycle.slug})
    assert b'name="slug"' not in client.get(edit).content  # the short name never changes
    client.post(edit, {"title_en": "Annual CSO–UN dialogue", "description_en": "Every June."})
    cycle.refresh_from_db()
    assert cycle.description_en == "Every June." and cycle.slug == "annual-csoun-dialogue"
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert "Close this cycle" in page and "Add a meeting" in page and "?cycle=annual-csoun-dialogue" in page
    close = reverse("dialogues:cycle-close", kwargs={"cycle": cycle.slug})
    unconfirmed = client.post(close, follow=True)
    assert b"Tick the box to confirm that this cycle should be closed." in unconfirmed.content
    cycle.refresh_from_db()
    assert cycle.is_open
    assert client.post(close, {"confirm": "yes"}).status_code == 302
    cycle.refresh_from_db()
    assert not cycle.is_open
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert "it accepts no new meetings" in page and "Close this cycle" not in page and "?cycle=" not in page
    assert client.get(edit).status_code == 403
    assert client.post(close, {"confirm": "yes"}).status_code == 403


def test_only_conveners_write_cycles_on_the_pages(client_for: Any, cycle: DialogueCycle) -> None:
    for role in ("member", "focal_point", "un_focal_point"):
        client = client_for(role)
        assert client.get(reverse("dialogues:cycle-create")).status_code == 403
        close = reverse("dialogues:cycle-close", kwargs={"cycle": cycle.slug})
        assert client.post(close, {"confirm": "yes"}).status_code == 403
        assert "Close this cycle" not in client.get(cycle.get_absolute_url()).content.decode()
    assert client_for("anonymous").get(reverse("dialogues:cycle-create")).status_code == 302
    cycle.refresh_from_db()
    assert cycle.is_open


def test_the_meeting_form_takes_an_open_cycle(
    client_for: Any, cycle: DialogueCycle, closed: DialogueCycle, meeting: Meeting
) -> None:
    client = client_for("secretariat")
    form = client.get(reverse("dialogues:meeting-create")).content.decode()
    assert f'value="{cycle.pk}"' in form and f'value="{closed.pk}"' not in form
    client.post(reverse("dialogues:meeting-create"), {
        "title_en": "Dialogue 2026", "cycle": cycle.pk, "starts_at": "2026-06-01T09:00",
        "ends_at": "2026-06-01T12:00", "mode": "virtual", "response_days": "60",
    })  # fmt: skip
    assert Meeting.objects.get(title_en="Dialogue 2026").cycle == cycle
    refused = client.post(reverse("dialogues:meeting-update", kwargs={"slug": meeting.slug}), {
        "title_en": "Dialogue 2025", "cycle": closed.pk, "starts_at": "2025-06-01T09:00",
        "ends_at": "2025-06-01T12:00", "mode": "virtual", "response_days": "60",
    })  # fmt: skip
    assert refused.status_code == 200 and b"cycle" in refused.content
    meeting.refresh_from_db()
    assert meeting.cycle is None


def test_add_the_next_meeting_from_the_cycle_page(
    client_for: Any, meeting: Meeting, cycle: DialogueCycle
) -> None:
    services.meeting_update(meeting=meeting, actor=None, cycle=cycle)
    form = client_for("secretariat").get(reverse("dialogues:meeting-create"), {"cycle": cycle.slug})
    html = form.content.decode()
    assert (
        f'<option value="{cycle.pk}" selected>' in html and f'<option value="{meeting.pk}" selected>' in html
    )


def test_cycle_pages_show_meetings_and_carried_asks(
    client_for: Any, meeting: Meeting, cycle: DialogueCycle
) -> None:
    nxt, again = carry_one_ask(meeting, cycle)
    client = client_for("anonymous")
    listing = client.get(reverse("dialogues:cycle-list")).content.decode()
    assert cycle.get_absolute_url() in listing and "2 meetings" in listing and "2025–2026" in listing
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in page and nxt.get_absolute_url() in page
    assert page.index("Dialogue 2025") < page.index("Dialogue 2026")
    assert "From 2025 to 2026" in page and "Monitor the trials of journalists." in page
    assert "earlier ask: Not started · raised again: Not started" in page
    [step] = selectors.cycle_carried_asks(cycle=cycle)
    assert f'href="{step.asks[0].url}"' in page and str(again) in step.asks[0].url  # the tracker's page
    km = client.get(f"/km/dialogues/cycles/{cycle.slug}/").content.decode()
    assert "កិច្ចសន្ទនាប្រចាំឆ្នាំ" in km and "២០២៥" in km


def test_meeting_pages_link_to_their_cycle(client_for: Any, meeting: Meeting, cycle: DialogueCycle) -> None:
    services.meeting_update(meeting=meeting, actor=None, cycle=cycle)
    client = client_for("anonymous")
    listing = client.get(reverse("dialogues:meeting-list")).content.decode()
    assert reverse("dialogues:cycle-list") in listing and cycle.get_absolute_url() in listing
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Dialogue cycle" in page and cycle.get_absolute_url() in page


def test_cycle_pages_query_count_does_not_grow(
    client_for: Any, meeting: Meeting, cycle: DialogueCycle, world: World
) -> None:
    client = client_for("anonymous")
    nxt, _again = carry_one_ask(meeting, cycle)
    with CaptureQueriesContext(connection) as few_detail:
        client.get(cycle.get_absolute_url())
    with CaptureQueriesContext(connection) as few_list:
        client.get(reverse("dialogues:cycle-list"))
    later = services.meeting_create_next(previous=nxt, actor=None, title_en="Dialogue, autumn 2026",
                                         starts_at=at(2026, month=10), ends_at=at(2026, month=10, hour=12))  # fmt: skip
    for reviewed in selectors.review_asks(meeting=later):
        meeting_asks().raise_again(
            actor=None, ask_id=reviewed.pk, meeting=later, session=later.sessions.get()
        )
    ask = NewAsk(meeting=nxt, session=nxt.sessions.get(), text_en="A second ask.", addressees=(world.own,))
    meeting_asks().record(actor=None, ask=ask)
    services.cycle_create(actor=None, title_en="Another dialogue")
    with CaptureQueriesContext(connection) as many_detail:
        page = client.get(cycle.get_absolute_url())
    assert "From 2026 to 2026" in page.content.decode()
    with CaptureQueriesContext(connection) as many_list:
        client.get(reverse("dialogues:cycle-list"))
    assert len(many_detail.captured_queries) == len(few_detail.captured_queries)
    assert len(many_list.captured_queries) == len(few_list.captured_queries)


# --- API --------------------------------------------------------------------------------------------------


def test_the_api_creates_edits_and_closes_cycles(world: World, meeting: Meeting) -> None:
    body = {"title_en": "Annual CSO–UN dialogue", "title_km": "កិច្ចសន្ទនា"}
    assert APIClient().post(CYCLES, body, format="json").status_code == 401
    assert token_client(world.users["member"]).post(CYCLES, body, format="json").status_code == 403
    client = token_client(world.users["secretariat"])
    created = client.post(CYCLES, body, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["slug"] == "annual-csoun-dialogue" and data["is_open"] and data["closed_at"] is None
    url = f"{CYCLES}annual-csoun-dialogue/"
    assert client.patch(url, {"description_en": "Every June."}, format="json").status_code == 200
    renamed = client.patch(url, {"slug": "other"}, format="json")
    assert renamed.status_code == 400 and "cannot change" in renamed.json()["error"]["fields"]["slug"][0]
    assert client.patch(MEETINGS + "dialogue-2025/", {"cycle": "annual-csoun-dialogue"},
                        format="json").json()["cycle"] == "annual-csoun-dialogue"  # fmt: skip
    assert token_client(world.users["member"]).post(url + "close/").status_code == 403
    assert APIClient().post(url + "close/").status_code == 401
    closing = client.post(url + "close/")
    assert closing.status_code == 200 and closing.json()["is_open"] is False
    assert client.post(url + "close/").status_code == 403  # already closed
    assert client.patch(url, {"title_en": "Late"}, format="json").status_code == 403
    detail = APIClient().get(url).json()
    assert detail["description_en"] == "Every June." and detail["meetings"] == ["dialogue-2025"]
    assert detail["closed_at"] is not None


def test_the_api_shows_the_carried_asks(
    meeting: Meeting, cycle: DialogueCycle, django_assert_max_num_queries: Any
) -> None:
    nxt, again = carry_one_ask(meeting, cycle)
    client = APIClient()
    with django_assert_max_num_queries(3):
        listing = client.get(CYCLES).json()
    assert listing["results"][0]["meetings"] == ["dialogue-2025", nxt.slug]
    [carried] = client.get(f"{CYCLES}{cycle.slug}/").json()["carried_asks"]
    assert carried["meeting"] == nxt.slug and carried["earlier_meeting"] == "dialogue-2025"
    assert carried["ask"]["id"] == again and carried["ask"]["status"] == "not_started"
    assert carried["earlier"]["text_en"] == "Monitor the trials of journalists."
    assert carried["ask"]["addressees"] == carried["earlier"]["addressees"] == ["agency"]


def test_openapi_documents_cycles_and_the_meetings_cycle(db: Any) -> None:
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/cycles/"])
    assert {"get", "patch"} <= set(paths["/api/v1/cycles/{slug}/"])
    assert "post" in paths["/api/v1/cycles/{slug}/close/"]
    components = schema["components"]["schemas"]
    assert "cycle" in components["MeetingRequest"]["properties"]  # writable, no longer read-only
    assert "carried_asks" in components["CycleDetail"]["properties"]
