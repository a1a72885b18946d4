"""selectors.units_by_code reads through the process's "local" cache (ADR 0016): a second read asks the
database nothing, and a gazetteer release or a saved unit is seen at once in the process that wrote it."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicspace.places import selectors
from civicspace.places.models import AdminUnit
from civicspace.places.services import gazetteer_load

from .workbooks import V1, V2, per_province

pytestmark = pytest.mark.django_db


def test_a_second_read_asks_the_database_nothing(tmp_path: Path) -> None:
    gazetteer_load(paths=[per_province(tmp_path / "01-Gazetteer_BMC_01_Jan_2030.xlsx", V1)])
    first = selectors.units_by_code(["01", "0102", "010201", "99", ""])
    assert sorted(first) == ["01", "0102", "010201"]  # unknown and empty codes are left out
    with CaptureQueriesContext(connection) as queries:
        again = selectors.units_by_code(["010201", "0102"])
        grandparent = again["010201"].parent.parent  # type: ignore[union-attr]
    assert len(queries) == 0
    assert grandparent is not None and grandparent.code == "01"
    assert again["010201"].name_en == first["010201"].name_en == "Banteay Neang"


def test_a_release_and_a_saved_unit_are_seen_at_once(tmp_path: Path) -> None:
    gazetteer_load(paths=[per_province(tmp_path / "01-Gazetteer_BMC_01_Jan_2030.xlsx", V1)])
    assert selectors.units_by_code(["010201"])["010201"].name_en == "Banteay Neang"
    assert selectors.units_by_code(["0103"])["0103"].is_active
    gazetteer_load(paths=[per_province(tmp_path / "01-Gazetteer_BMC_01_Feb_2030.xlsx", V2)])  # bulk writes
    assert selectors.units_by_code(["010201"])["010201"].name_en == "Banteay Neang Thmei"
    assert not selectors.units_by_code(["0103"])["0103"].is_active  # retired
    unit = AdminUnit.objects.get(code="010201")
    unit.name_en = "Renamed by hand"
    unit.save()
    assert selectors.units_by_code(["010201"])["010201"].name_en == "Renamed by hand"
