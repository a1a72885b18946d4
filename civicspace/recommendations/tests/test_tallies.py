"""The dashboard tallies: whatever the services do, the kept tallies equal a recount from the records,
and the dashboard read from them equals the one counted from the asks."""

import contextlib
import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicspace.dialogues import services as dialogues
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation, Sector
from civicspace.recommendations import dashboard, services, tallies
from civicspace.recommendations.models import Ask, StatusTally, Theme
from conftest import World

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 1)
STATUSES = [s.value for s in Ask.Status]


# Every filter that the tallies serve, alone and combined, and values that match nothing or are invalid.
FILTERS: list[dict[str, str]] = [
    {}, {"sector": "health"}, {"status": "implemented"}, {"addressee": "agency"}, {"addressee": "ministry"},
    {"meeting": "dialogue-2025"}, {"year": "2025"}, {"year": "2024"}, {"level": "national"},
    {"sector": "health", "status": "not_started", "year": "2024"}, {"addressee": "agency", "meeting": "dialogue-2025"},
    {"addressee": "other"}, {"sector": "no-such-sector"}, {"year": "0"}, {"year": "2025.5"},
    {"theme": "sdg-16-10"}, {"theme": "upr"}, {"theme": "sdg-4-1"}, {"theme": "no-such-theme"},
    {"theme": "sdg-16-10", "sector": "health"}, {"theme": "upr", "addressee": "agency", "status": "not_started"},
    {"theme": "sdg-16-10", "meeting": "dialogue-2025"}, {"addressee": "agency", "year": "2025.5"},
]  # fmt: skip


def _same_counts(today: dt.date = TODAY, filters_checked: list[dict[str, str]] = FILTERS) -> None:
    """The tallies equal a recount, and the dashboard numbers from them equal those counted from the
    asks, for every filter the tallies serve."""
    assert tallies.differences() == {}
    for filters in filters_checked:
        kept = dashboard.dashboard_counts(filters, today)
        live = dashboard.dashboard_counts(filters, today, live=True)
        assert sorted(kept.asks, key=repr) == sorted(live.asks, key=repr), filters
        assert sorted(kept.pairs, key=repr) == sorted(live.pairs, key=repr), filters
        assert kept.overdue == live.overdue, filters


@pytest.fixture
def cast(world: World, meeting: Any) -> dict[str, Any]:
    ministry = org_services.organisation_create(
        actor=None, slug="ministry", kind="government", name_en="Ministry of Planning"
    )
    return {
        "themes": list(Theme.objects.filter(slug__in=["sdg-16-10", "upr", "sdg-4-1"]).order_by("slug")),
        "addressees": [world.un_agency, ministry, world.other],  # `other` is a CSO: counted, not shown
        "sectors": [None, *Sector.objects.filter(slug__in=["health", "education"]).order_by("slug")],
        "meeting": meeting,
        "session": meeting.sessions.get(),
    }


class Undo(Exception):
    """Raised to roll a transaction back."""


def _pick(items: list[Any], mask: int) -> list[Any]:
    return [item for i, item in enumerate(items) if mask >> i & 1]


OPERATIONS = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.sampled_from([None, dt.date(2024, 5, 1), dt.date(2025, 6, 1)]),
              st.booleans(), st.integers(0, 7), st.integers(0, 7)),
    st.tuples(st.just("themes"), st.integers(0, 20), st.integers(0, 7)),
    st.tuples(st.just("status"), st.integers(0, 20), st.sampled_from(STATUSES)),
    st.tuples(st.just("addressees"), st.integers(0, 20), st.integers(0, 7)),
    st.tuples(st.just("respond"), st.integers(0, 20), st.integers(0, 2)),
    st.tuples(st.just("merge"), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("again"), st.integers(0, 20)),
    st.tuples(st.just("progress"), st.integers(0, 20), st.sampled_from(STATUSES)),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(0, 2), st.sampled_from([None, dt.date(2022, 1, 9)])),
    st.tuples(st.just("batch"), st.integers(1, 3)),
    st.tuples(st.just("rollback"), st.integers(0, 20), st.sampled_from(STATUSES)),
)  # fmt: skip


def _run(op: tuple[Any, ...], cast: dict[str, Any]) -> None:
    asks = list(Ask.objects.filter(merged_into__isnull=True).order_by("pk"))
    kind, *args = op
    if kind == "create":
        sector, raised, from_meeting, mask, theme_mask = args
        fields: dict[str, Any] = {"session": cast["session"]} if from_meeting else {"source_date": raised}
        if not from_meeting:
            fields["sector"] = cast["sectors"][sector]
        services.ask_create(actor=None, text_en="An ask", addressees=_pick(cast["addressees"], mask),
                            themes=_pick(cast["themes"], theme_mask), **fields)  # fmt: skip
        return
    if kind == "batch":  # several asks under one recount, as the importer saves a file
        with tallies.recounting():
            for i in range(args[0]):
                services.ask_create(actor=None, text_en=f"Imported {i}", source_date=dt.date(2023, 2, 2),
                                    addressees=cast["addressees"][: i + 1])  # fmt: skip
        return
    if not asks:
        return
    ask = asks[args[0] % len(asks)]
    if kind == "status":
        services.ask_update(ask=ask, actor=None, status=args[1])
    elif kind == "addressees":
        services.ask_update(ask=ask, actor=None, addressees=_pick(cast["addressees"], args[1]))
    elif kind == "themes":
        services.ask_update(ask=ask, actor=None, themes=_pick(cast["themes"], args[1]))
    elif kind == "respond":
        addressee = cast["addressees"][args[1]]
        with contextlib.suppress(ValidationError):  # not one of its addressees: refused, nothing counted
            services.response_record(
                ask=ask, addressee=addressee, position="noted", responded_on=TODAY, actor=None
            )
    elif kind == "merge":
        into = asks[args[1] % len(asks)]
        with contextlib.suppress(ValidationError):  # into itself, or into a merged ask
            services.ask_merge(duplicate=ask, into=into, actor=None)
    elif kind == "delete":
        services.ask_delete(ask=ask, actor=None)
    elif kind == "again":
        services.ask_raise_again(previous=ask, actor=None, source_date=dt.date(2026, 1, 1))
    elif kind == "progress":
        services.progress_report(ask=ask, status=args[1], actor=None)
    elif kind == "move":
        services.ask_update(ask=ask, actor=None, sector=cast["sectors"][args[1]], source_date=args[2])
    elif kind == "rollback":  # a write that fails after changing the ask leaves the tallies as they were
        with contextlib.suppress(Undo), transaction.atomic():
            services.ask_update(ask=ask, actor=None, status=args[1], addressees=[])
            raise Undo


# Each example is up to 12 writes through the services, each checked against a rebuild of the tallies,
# then 15 dashboards (about a second an example): at most 40 in CI, the profile's count locally.
@settings(max_examples=min(40, settings().max_examples), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=12))
def test_tallies_follow_every_service(cast: dict[str, Any], operations: list[tuple[Any, ...]]) -> None:
    with contextlib.suppress(Undo), transaction.atomic():  # each example starts from the fixtures
        for op in operations:
            _run(op, cast)
            _same_counts(filters_checked=FILTERS[:1])
        _same_counts()
        raise Undo


def test_deleting_a_merge_target_counts_its_duplicates_again(world: World, cast: dict[str, Any]) -> None:
    first = services.ask_create(actor=None, text_en="First", addressees=[world.un_agency], status="partial")
    second = services.ask_create(actor=None, text_en="Second", addressees=[world.un_agency])
    services.ask_merge(duplicate=first, into=second, actor=None)
    _same_counts()
    services.ask_delete(ask=second, actor=None)
    first.refresh_from_db()
    assert first.merged_into is None
    _same_counts()
    services.ask_update(ask=first, actor=None, status="implemented")
    _same_counts()


def test_a_changed_response_period_needs_no_recount(world: World, cast: dict[str, Any]) -> None:
    """The meeting fixture's ask (raised 2025-06-01, 60 days) is overdue for the agency on 2025-08-15;
    with 90 days it is not, and the tallies are not touched."""
    meeting = cast["meeting"]
    late = dt.date(2025, 8, 15)
    assert dashboard.dashboard_counts({}, late).overdue == {world.un_agency.pk: 1}
    before = tallies.kept_tallies()
    dialogues.meeting_update(meeting=meeting, actor=None, response_days=90)
    assert tallies.kept_tallies() == before
    assert dashboard.dashboard_counts({}, late).overdue == {}
    _same_counts(late)


def test_check_and_recount_command(world: World, cast: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command("recount_tracker", "--check", stdout=out)
    assert "match" in out.getvalue()
    # A bulk insert that bypasses the services leaves the tallies behind: --check says so and fails.
    Ask.objects.bulk_create([Ask(text_en="Bulk", status="implemented", source_date=dt.date(2026, 1, 1))])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("recount_tracker", "--check", stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert out.getvalue() == (
        "StatusTally theme_key=0 sector_key=0 meeting_key=0 year=2026 level=national status=implemented: kept 0, counted 1\n"
    )
    assert not StatusTally.objects.filter(year=2026).exists()  # --check changed nothing
    call_command("recount_tracker", stdout=io.StringIO())
    assert StatusTally.objects.get(theme_key=0, year=2026, status="implemented").n == 1
    _same_counts()


def test_whole_dashboard_reads_tallies_in_few_queries(world: World, cast: dict[str, Any]) -> None:
    for i in range(20):
        services.ask_create(actor=None, text_en=f"Ask {i}", source_date=dt.date(2020 + i % 5, 1, 1),
                            sector=cast["sectors"][i % 3], addressees=cast["addressees"][: 1 + i % 3])  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        data = dashboard.dashboard_data(today=TODAY)
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) == 6, sql  # three tallies, meetings, sector names, addressee names
    assert not any('"recommendations_ask"' in q or '"recommendations_response"' in q for q in sql), sql
    # Filters on tally dimensions read the tallies too (plus the filter form's lookups of slugs) ...
    for filters in (
        {"sector": "health", "addressee": "agency", "year": "2021"},
        {"theme": "upr", "year": "2021"},
    ):
        with CaptureQueriesContext(connection) as queries:
            dashboard.dashboard_data(filters=filters, today=TODAY)
        assert not any('"recommendations_ask' in q["sql"] for q in queries.captured_queries), filters
    # ... while a search term counts from the asks.
    with CaptureQueriesContext(connection) as queries:
        dashboard.dashboard_data(filters={"sector": "health", "q": "ask"}, today=TODAY)
    assert any('FROM "recommendations_ask"' in q["sql"] for q in queries.captured_queries)
    assert data.total == Ask.objects.count()
    assert "Other Organisation" not in {c.organisation.name_en for c in data.scorecards}
    assert set(Organisation.objects.filter(kind="cso").values_list("pk", flat=True)).isdisjoint(
        {c.organisation.pk for c in data.scorecards}
    )
