"""Records that tell the truth (issue 12): event dates never lie in the future, histories are in the order
things happened (with the date each was entered beside it), a parent's status follows its parts, and a
merge shows on both asks."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from civicspace.dialogues.models import Meeting
from civicspace.recommendations import selectors, services
from civicspace.recommendations.models import Ask, ProgressUpdate, Response
from conftest import World
from tests.second_factor import give_second_factor_if_required
from tests.tokens import api_token_for

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def ask(world: World, meeting: Meeting) -> Ask:
    return services.ask_create(
        actor=None, session=meeting.sessions.get(), text_en="Publish the budget.", addressees=[world.un_agency],
        raised_by=[world.own],
    )  # fmt: skip


# --- event dates ------------------------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_an_event_date_may_be_tomorrow_but_not_later() -> None:
    from civicspace.core.validators import not_in_future

    not_in_future(dt.date(2026, 12, 8))  # a day's tolerance: tomorrow in Phnom Penh, today elsewhere
    with pytest.raises(ValidationError, match="in the future"):
        not_in_future(dt.date(2026, 12, 9))


@time_machine.travel(TODAY, tick=False)
def test_a_response_dated_2030_is_refused_on_the_page_and_in_the_api(
    client_for: Any, world: World, ask: Ask
) -> None:
    page = client_for("un_focal_point").post(
        f"/en/recommendations/{ask.pk}/respond/",
        {"addressee": world.un_agency.pk, "position": "accepted", "responded_on": "2030-01-01"},
    )
    assert page.status_code == 200 and "in the future" in page.content.decode()
    api = APIClient()
    give_second_factor_if_required(world.users["un_focal_point"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(world.users['un_focal_point'])}")
    answer = api.post(f"/api/v1/asks/{ask.pk}/responses/",
                      {"addressee": "agency", "position": "accepted", "responded_on": "2030-01-01"}, format="json")  # fmt: skip
    assert answer.status_code == 400 and "responded_on" in answer.json()["error"]["fields"]
    assert not Response.objects.exists()


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("service", "arguments"),
    [
        ("commitment_add", {"description_en": "Train the police.", "committed_on": dt.date(2027, 1, 1)}),
        ("progress_report", {"status": "in_progress", "reported_on": dt.date(2027, 1, 1)}),
        ("assessment_record", {"status": "in_progress", "assessed_on": dt.date(2027, 1, 1)}),
    ],
)
def test_every_event_date_is_checked_by_the_service(
    world: World, ask: Ask, service: str, arguments: dict
) -> None:
    organisation = world.own if service == "assessment_record" else world.un_agency
    with pytest.raises(ValidationError, match="in the future"):
        getattr(services, service)(ask=ask, actor=None, organisation=organisation, **arguments)


@time_machine.travel(TODAY, tick=False)
def test_an_ask_cannot_be_raised_in_the_future(world: World) -> None:
    with pytest.raises(ValidationError, match="in the future"):
        services.ask_create(actor=None, text_en="Later.", source_kind="upr", source_date=dt.date(2030, 1, 1))


# --- histories in the order things happened ------------------------------------------------------------------


def test_the_history_is_ordered_by_the_date_things_happened(client_for: Any, world: World, ask: Ask) -> None:
    """Entered today, the ask and a 2025 response come after (below) a later report entered first."""
    services.progress_report(ask=ask, status="in_progress", actor=None, organisation=world.un_agency,
                             reported_on=dt.date(2025, 9, 1))  # fmt: skip
    services.response_record(ask=ask, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2025, 7, 1), actor=None)  # fmt: skip
    kinds = [
        (e.kind, e.happened_on)
        for e in selectors.timeline(selectors.ask_get(viewer=world.users["admin"], pk=ask.pk))
    ]
    assert kinds == [("progress", dt.date(2025, 9, 1)), ("response", dt.date(2025, 7, 1)),
                     ("raised", dt.date(2025, 6, 1))]  # fmt: skip
    page = client_for("anonymous").get(ask.get_absolute_url()).content.decode()
    history = page[page.index('class="timeline"') :]
    assert history.index("Progress reported") < history.index("responded") < history.index("was raised")
    assert '<time datetime="2025-06-01">' in history  # the date it was raised, not the date it was typed
    assert history.count("(entered ") == 3  # and the date of each entry beside it


def test_a_late_entry_of_an_older_report_does_not_change_today_s_status(world: World, ask: Ask) -> None:
    services.progress_report(ask=ask, status="partial", progress=60, actor=None, organisation=world.un_agency,
                             reported_on=dt.date(2025, 11, 1))  # fmt: skip
    services.progress_report(ask=ask, status="in_progress", progress=20, actor=None, organisation=world.un_agency,
                             reported_on=dt.date(2025, 8, 1))  # fmt: skip
    ask.refresh_from_db()
    assert (ask.status, ask.progress) == ("partial", 60)
    assert ProgressUpdate.objects.count() == 2


@pytest.mark.usefixtures("world")
def test_the_demo_outcome_is_dated_the_day_of_the_meeting() -> None:
    from django.core.management import call_command

    from civicspace.dialogues.models import OutcomeVersion

    call_command("load_demo", verbosity=0)
    version = OutcomeVersion.objects.get(meeting__slug="cso-un-virtual-meeting-2021", status="adopted")
    assert version.adopted_at is not None and version.adopted_at.date() == dt.date(2021, 6, 2)
    assert {s.signed_at.date() for s in version.sign_offs.all()} == {dt.date(2021, 6, 2)}
    visitor = AnonymousUser()
    for ask in Ask.objects.filter(meeting=version.meeting, responses__isnull=False).distinct():
        history = selectors.timeline(selectors.ask_get(viewer=visitor, pk=ask.pk))
        assert history[-1].kind == "raised" and history[-1].happened_on == dt.date(2021, 6, 2)
        assert all(e.happened_on.year < 2026 for e in history)  # the demo replays 2021–2023, not today


# --- parents follow their parts ----------------------------------------------------------------------------


@pytest.fixture
def family(world: World) -> tuple[Ask, Ask, Ask]:
    parent = services.ask_create(actor=None, text_en="Open civic space.", source_kind="other",
                                 addressees=[world.un_agency])  # fmt: skip
    children = [
        services.ask_create(
            actor=None, text_en=f"Part {n}.", source_kind="other", parent=parent, addressees=[world.un_agency]
        )
        for n in (1, 2)
    ]
    return parent, children[0], children[1]


def test_a_parent_s_status_follows_its_parts(world: World, family: tuple[Ask, Ask, Ask]) -> None:
    parent, first, second = family
    services.progress_report(
        ask=first, status="partial", progress=80, actor=None, organisation=world.un_agency
    )
    parent.refresh_from_db()
    assert (parent.progress, parent.status) == (40, "partial")  # not "Not started" at 40 %
    services.progress_report(ask=second, status="in_progress", actor=None, organisation=world.un_agency)
    services.progress_report(ask=first, status="in_progress", actor=None, organisation=world.un_agency)
    parent.refresh_from_db()
    assert parent.status == "in_progress"
    for child in (first, second):
        services.progress_report(ask=child, status="implemented", actor=None, organisation=world.un_agency)
    parent.refresh_from_db()
    assert (parent.progress, parent.status) == (100, "implemented")


def test_a_progress_report_on_a_parent_is_refused_with_its_reason(
    client_for: Any, world: World, family: tuple[Ask, Ask, Ask]
) -> None:
    parent = family[0]
    with pytest.raises(ValidationError, match="made of smaller asks"):
        services.progress_report(ask=parent, status="implemented", actor=None, organisation=world.un_agency)
    with pytest.raises(ValidationError, match="made of smaller asks"):
        services.ask_update(ask=parent, actor=None, status="implemented", progress=100)
    page = client_for("un_focal_point").post(
        f"/en/recommendations/{parent.pk}/progress/new/",
        {"organisation": world.un_agency.pk, "status": "implemented", "reported_on": "2025-07-01"},
    )
    assert page.status_code == 200 and "made of smaller asks" in page.content.decode()
    parent.refresh_from_db()
    assert (parent.status, parent.progress) == ("not_started", 0) and not ProgressUpdate.objects.exists()


# --- merges -------------------------------------------------------------------------------------------------


def test_a_merge_shows_on_both_asks_and_in_both_histories(client_for: Any, world: World, ask: Ask) -> None:
    duplicate = services.ask_create(actor=None, text_en="Publish the budget, please.", source_kind="other",
                                    addressees=[world.un_agency])  # fmt: skip
    services.ask_merge(duplicate=duplicate, into=ask, actor=world.users["secretariat"])
    kept = client_for("anonymous").get(ask.get_absolute_url()).content.decode()
    assert f'href="/en/recommendations/{duplicate.pk}/"' in kept
    assert "a duplicate, was merged into this one" in kept[kept.index('class="timeline"') :]
    gone = client_for("anonymous").get(duplicate.get_absolute_url()).content.decode()
    assert f"This ask was merged into ask {ask.pk}." in gone[gone.index('class="timeline"') :]
    duplicate.refresh_from_db()
    assert duplicate.merged_at is not None


def test_merging_an_ask_into_itself_says_so(client_for: Any, ask: Ask) -> None:
    with pytest.raises(ValidationError, match="cannot be merged into itself"):
        services.ask_merge(duplicate=ask, into=ask, actor=None)
    page = client_for("secretariat").post(f"/en/recommendations/{ask.pk}/merge/", {"into": ask.pk})
    body = page.content.decode()
    assert page.status_code == 200 and "cannot be merged into itself" in body and "There is no" not in body
    missing = client_for("secretariat").post(f"/en/recommendations/{ask.pk}/merge/", {"into": 999999})
    assert "There is no ask with this number." in missing.content.decode()
