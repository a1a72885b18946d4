"""Fixtures for the consultation core tests (import them into a test module with
`from .fixtures import *`). Arranged through the real services.

Places: a handful of real gazetteer units made by hand (Siem Reap province, its municipality and the
commune of Sla Kram; Phnom Penh), so each test does not load the whole gazetteer; the demo test loads
it with `ensure_gazetteer()`."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from civicspace.consultations import services
from civicspace.consultations.models import Consultation
from civicspace.organisations import services as org_services
from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit
from conftest import World

PP = ZoneInfo("Asia/Phnom_Penh")

ITEMS = [
    {"code": "01", "title_en": "Rural roads", "title_km": "ផ្លូវជនបទ", "amount_khr": 1_500_000_000,
     "explanation_en": "Repairing roads between villages.", "explanation_km": "ជួសជុលផ្លូវរវាងភូមិ។"},
    {"code": "02", "title_en": "Health centres", "title_km": "មណ្ឌលសុខភាព", "amount_khr": 900_000_000},
    {"code": "03", "title_en": "Schools", "title_km": "សាលារៀន", "amount_khr": 600_000_000},
]  # fmt: skip

__all__ = ["ITEMS", "PP", "_clear_cache", "make_consultation", "ministry", "open_consultation", "units"]


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def units(db: Any) -> dict[str, AdminUnit]:
    province = AdminUnit.objects.create(code="17", level="province", unit_type="province",
                                        name_en="Siem Reap", name_km="សៀមរាប")  # fmt: skip
    district = AdminUnit.objects.create(code="1710", level="district", unit_type="krong", parent=province,
                                        name_en="Siem Reap", name_km="សៀមរាប")  # fmt: skip
    commune = AdminUnit.objects.create(code="171001", level="commune", unit_type="sangkat", parent=district,
                                       name_en="Sla Kram", name_km="ស្លក្រាម")  # fmt: skip
    capital = AdminUnit.objects.create(code="12", level="province", unit_type="capital",
                                       name_en="Phnom Penh", name_km="ភ្នំពេញ")  # fmt: skip
    return {"province": province, "district": district, "commune": commune, "capital": capital}


@pytest.fixture
def ministry(world: World) -> Organisation:
    return org_services.organisation_create(
        actor=None, slug="mef-test", kind="government", name_en="Ministry of Economy and Finance",
        name_km="ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ", acronym_en="MEF",
    )  # fmt: skip


def make_consultation(
    *,
    slug: str,
    authority: Organisation,
    organisers: list[Organisation],
    publish: bool = True,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    items: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Consultation:
    now = timezone.now()
    values: dict[str, Any] = {
        "title_en": f"Budget {slug}", "title_km": "ថវិកា", "fiscal_year": 2030, "level": "national",
        "asks_comments": True, "asks_ranking": True, "asks_points": True, "points_total": 100,
        "consent_en": "I agree that my answers are used for this consultation.",
        "consent_km": "ខ្ញុំយល់ព្រមឱ្យប្រើចម្លើយរបស់ខ្ញុំសម្រាប់ការពិគ្រោះយោបល់នេះ។",
        **fields,
    }  # fmt: skip
    consultation = services.consultation_create(
        actor=None, slug=slug, authority=authority, organisers=organisers,
        opens_at=opens_at or now - dt.timedelta(days=1), closes_at=closes_at or now + dt.timedelta(days=10),
        items=ITEMS if items is None else items, **values,
    )  # fmt: skip
    if publish:
        consultation = services.consultation_transition(consultation=consultation, to="published", actor=None)
    return consultation


@pytest.fixture
def open_consultation(world: World, units: dict[str, AdminUnit]) -> Consultation:
    """Open now; organised by `own` (the member's and focal point's organisation); its budget authority is
    the UN agency, so that the UN focal point of the test world is the authority's focal point."""
    return make_consultation(slug="open", authority=world.un_agency, organisers=[world.own])
