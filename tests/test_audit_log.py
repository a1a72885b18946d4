"""The audit log page names the records a change points to (issue 12: it showed `∅ → 12`): a foreign
key or a many-to-many list by each record's name, a record deleted since as "12 (deleted)", in a number
of queries that does not grow with the entries on the page."""

import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicspace.core.models import AuditEntry
from civicspace.organisations import services
from civicspace.organisations.models import Sector
from civicspace.recommendations import services as ask_services
from conftest import World


def _changes(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", li) for li in re.findall(r"<li>([^<]*→[^<]*)</li>", html)]


def test_references_are_shown_by_name(client_for: Any, world: World) -> None:
    health, education = Sector.objects.get(slug="health"), Sector.objects.get(slug="education")
    services.organisation_update(organisation=world.other, actor=None, sectors=[health, education])
    services.coalition_member_add(coalition=world.coalition, member=world.other, actor=None)
    ask_services.ask_create(actor=None, text_en="Open clinics at night.", sector=health,
                            addressees=[world.un_agency], raised_by=[world.coalition, world.own])  # fmt: skip
    changes = _changes(client_for("admin").get("/en/audit/").content.decode())
    assert "sector: ∅ → Health" in changes  # a foreign key (it showed "∅ → 12")
    assert "addressed to: ∅ → A UN Agency (UNA)" in changes  # many-to-many lists
    assert "raised by: ∅ → Own Organisation (OWN), A Coalition (COAL)" in changes or (
        "raised by: ∅ → A Coalition (COAL), Own Organisation (OWN)" in changes
    )
    assert "sectors: ∅ → Education, Health" in changes or "sectors: ∅ → Health, Education" in changes
    assert "member: ∅ → Other Organisation (OTH)" in changes
    references = ("sector:", "addressed to:", "raised by:", "themes:", "sectors:", "member:", "meeting:")
    assert not [c for c in changes if c.startswith(references) and re.search(r"\d$", c)]  # no bare id left


def test_a_deleted_record_is_shown_as_deleted(client_for: Any, world: World) -> None:
    fisheries = Sector.objects.create(slug="fisheries", name_en="Fisheries", name_km="ជលផល")
    services.organisation_update(organisation=world.other, actor=None, sectors=[fisheries])
    gone = fisheries.pk
    fisheries.delete()
    changes = _changes(client_for("admin").get("/en/audit/").content.decode())
    assert f"sectors: ∅ → {gone} (deleted)" in changes


def test_the_page_costs_the_same_queries_for_more_entries(client_for: Any, world: World) -> None:
    client = client_for("admin")
    health, education = Sector.objects.get(slug="health"), Sector.objects.get(slug="education")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/audit/").status_code == 200
        return len(captured)

    services.organisation_update(organisation=world.other, actor=None, sectors=[health])
    services.coalition_member_add(coalition=world.coalition, member=world.other, actor=None)
    few = queries()
    for i in range(10):
        org = services.organisation_create(actor=None, slug=f"org-{i}", kind="cso", name_en=f"Org {i}",
                                           sectors=[health, education])  # fmt: skip
        services.coalition_member_add(coalition=world.coalition, member=org, actor=None)
    assert AuditEntry.objects.count() >= 25
    assert queries() == few
