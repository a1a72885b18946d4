from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicspace.organisations import selectors, services
from civicspace.organisations.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory() -> dict[str, Any]:
    rights = services.organisation_create(
        actor=None, kind="coalition", slug="rights", name_en="Human Rights Action Network", acronym_en="HRAN",
        name_km="បណ្ដាញសកម្មភាពសិទ្ធិមនុស្ស", sectors=[Sector.objects.get(slug="human-rights")],
    )  # fmt: skip
    schools = services.organisation_create(
        actor=None, kind="cso", slug="schools", name_en="Rural Schools Partnership", acronym_en="RSP",
        name_km="ភាពជាដៃគូសាលារៀនជនបទ", description_km="គាំទ្រការអប់រំកុមារនៅតាមភូមិ",
        sectors=[Sector.objects.get(slug="education")],
    )  # fmt: skip
    agency = services.organisation_create(actor=None, kind="un_agency", slug="agency", name_en="UN Agency")
    services.coalition_member_add(coalition=rights, member=schools, actor=None)
    return {"rights": rights, "schools": schools, "agency": agency}


def slugs(filters: dict[str, str]) -> list[str]:
    return [o.slug for o in selectors.organisation_list(filters=filters)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rights", ["rights"]),
        ("RIGHTS network", ["rights"]),
        ("hran", ["rights"]),
        ("សិទ្ធិ", ["rights"]),  # one Khmer word inside an unspaced Khmer name
        ("សិទ្ធិមនុស្ស", ["rights"]),  # a compound: segmented into words that must all occur
        ("កុមារ", ["schools"]),  # from the Khmer description
        ("អប់រំ", ["schools"]),
        ("education", ["schools"]),  # sector names are searchable
        ("សាលារៀន rural", ["schools"]),  # mixed Khmer and English
        ("nothing-like-this", []),
    ],
)
def test_search_in_english_and_khmer(directory: dict[str, Any], query: str, expected: list[str]) -> None:
    assert slugs({"q": query}) == expected


def test_filters(directory: dict[str, Any]) -> None:
    assert slugs({"kind": "un_agency"}) == ["agency"]
    assert slugs({"sector": "education"}) == ["schools"]
    assert slugs({"coalition": "rights"}) == ["schools"]
    assert slugs({}) == ["rights", "schools", "agency"]  # ordered by English name


def test_member_counts_are_annotated(directory: dict[str, Any]) -> None:
    counts = {o.slug: getattr(o, "member_count") for o in selectors.organisation_list()}  # noqa: B009 (annotation)
    assert counts == {"rights": 1, "schools": 0, "agency": 0}


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_query_is_safe(directory: dict[str, Any], query: str) -> None:
    """Arbitrary text (control characters, Khmer marks, SQL-looking input) never errors."""
    result = slugs({"q": query})
    assert set(result) <= {"rights", "schools", "agency"}


def test_private_contacts_are_only_shown_to_members(
    directory: dict[str, Any], django_user_model: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    org = directory["schools"]
    services.contact_create(organisation=org, actor=None, name_en="Public Person", is_public=True)
    services.contact_create(organisation=org, actor=None, name_en="Private Person", is_public=False)
    member = django_user_model.objects.create_user(email="mem@example.org", password="x" * 12)
    services.membership_set(organisation=org, user=member, role="member", actor=None)
    outsider = django_user_model.objects.create_user(email="out@example.org", password="x" * 12)

    def names(viewer: Any) -> set[str]:
        return {c.name_en for c in selectors.contact_list(viewer=viewer, organisation=org)}

    assert names(AnonymousUser()) == {"Public Person"}
    assert names(outsider) == {"Public Person"}
    assert names(member) == {"Public Person", "Private Person"}
