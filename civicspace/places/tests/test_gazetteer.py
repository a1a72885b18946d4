"""Loading the gazetteer: the shipped release, the 2025 export, and the difference rule."""

import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from civicspace.core.models import AuditEntry
from civicspace.places import selectors
from civicspace.places.gazetteer import GazetteerError, read_export, release_name
from civicspace.places.models import AdminUnit, GazetteerRelease
from civicspace.places.services import ensure_gazetteer, gazetteer_load

from .workbooks import V1, V2, multi_sheet, per_province

EXPORT_2025 = Path("/work/shared/data/ncdd-gazetteer-2025-09-14/xlsx")
needs_2025 = pytest.mark.skipif(
    not EXPORT_2025.is_dir(), reason=f"the NCDD 2025 export is not on this machine ({EXPORT_2025})"
)
pytestmark = pytest.mark.django_db


def by_type(level: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in AdminUnit.objects.filter(level=level).values_list("unit_type", flat=True):
        out[t] = out.get(t, 0) + 1
    return out


def test_shipped_release_has_the_official_counts() -> None:
    started = time.perf_counter()
    assert ensure_gazetteer() is True
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"loading the shipped gazetteer took {elapsed:.1f} s"
    assert AdminUnit.objects.filter(level="province").count() == 25
    assert AdminUnit.objects.filter(level="district").count() == 210
    assert AdminUnit.objects.filter(level="commune").count() == 1652
    assert not AdminUnit.objects.filter(level="village").exists()
    assert by_type("province") == {"capital": 1, "province": 24}
    assert by_type("district") == {"srok": 163, "krong": 33, "khan": 14}
    assert by_type("commune") == {"khum": 1383, "sangkat": 269}
    release = GazetteerRelease.objects.get()
    assert release.name == "2024-10-14"
    assert release.counts == {"province": 25, "district": 210, "commune": 1652}
    assert len(release.changes["added"]) == 1887
    pp = selectors.unit_get("12")
    assert (pp.unit_type, pp.name_en, pp.name_km) == ("capital", "Phnom Penh Capital", "រាជធានីភ្នំពេញ")
    mongkol = selectors.unit_get("0102")
    assert (mongkol.name_en, mongkol.parent.code if mongkol.parent else None, mongkol.unit_type) == (
        "Mongkol Borei",
        "01",
        "srok",
    )
    assert AuditEntry.objects.filter(action="gazetteer_loaded").count() == 1


def test_ensure_gazetteer_and_a_second_load_change_nothing() -> None:
    ensure_gazetteer()
    before = list(AdminUnit.objects.values_list("id", "code", "name_en", "unit_type", "is_active", "release"))
    assert ensure_gazetteer() is False
    result = gazetteer_load()
    assert not result.changed and result.changes == {}
    assert GazetteerRelease.objects.count() == 1
    assert (
        list(AdminUnit.objects.values_list("id", "code", "name_en", "unit_type", "is_active", "release"))
        == before
    )


def test_shipped_release_with_villages() -> None:
    result = gazetteer_load(villages=True)
    assert result.counts["village"] == 14570
    assert AdminUnit.objects.filter(level="village", unit_type="phum").count() == 14570
    assert selectors.unit_get("01020101").parent == selectors.unit_get("010201")


def test_lineage_and_unit_list() -> None:
    ensure_gazetteer()
    commune = selectors.unit_get("010201")
    assert {k: u.code for k, u in selectors.lineage(commune).items()} == {
        "province": "01",
        "district": "0102",
        "commune": "010201",
    }
    assert [u.code for u in selectors.unit_list(level="district", parent_code="23")] == ["2301", "2302"]
    assert selectors.unit_list(level="commune").count() == 1652


@needs_2025
def test_the_2025_export_applies_as_a_difference() -> None:
    gazetteer_load(villages=True)
    ids = dict(AdminUnit.objects.values_list("code", "id"))
    result = gazetteer_load(paths=sorted(EXPORT_2025.glob("*.xlsx")), villages=True)
    assert result.name == "2025-09-14"
    assert result.counts == {"province": 25, "district": 210, "commune": 1652, "village": 14576}
    changes = result.changes
    assert sorted(changes["retyped"]) == ["050901", "050902", "050903", "050904", "050905"]
    assert all(c == {"old": "khum", "new": "sangkat"} for c in changes["retyped"].values())
    assert sorted(changes["added"]) == [
        "01070116",
        "01070117",
        "01090513",
        "01090514",
        "01090515",
        "01090516",
    ]
    # The README of the data counts 14 changed names; comparing the two files code by code finds two
    # (one Khmer spelling, one Latin), after zero-width spaces are stripped.
    assert changes["renamed"]["031310"]["new"]["km"] == "សូរសែន្យ"
    assert changes["renamed"]["10050607"]["new"]["en"] == "Muoy Roy Buon"
    assert len(changes["renamed"]) == 2
    assert "retired" not in changes  # nothing was removed between the two releases
    assert "moved" not in changes
    # same code, same row: anything pointing at a unit still does
    assert {c: i for c, i in AdminUnit.objects.values_list("code", "id") if c in ids} == ids
    assert by_type("commune") == {"khum": 1378, "sangkat": 274}
    assert AdminUnit.objects.get(code="050901").release == "2025-09-14"
    assert AdminUnit.objects.get(code="010201").release == "2024-10-14"
    # idempotent
    again = gazetteer_load(paths=sorted(EXPORT_2025.glob("*.xlsx")), villages=True)
    assert not again.changed
    assert GazetteerRelease.objects.count() == 2


@needs_2025
def test_the_2025_export_alone_without_villages() -> None:
    result = gazetteer_load(paths=sorted(EXPORT_2025.glob("*.xlsx")))
    assert result.counts == {"province": 25, "district": 210, "commune": 1652}
    assert AdminUnit.objects.filter(level="province", reference_km="").count() == 0


def test_rename_retype_retire_add_restore(tmp_path: Path) -> None:
    v1 = per_province(tmp_path / "01-Gazetteer_BMC_01_Jan_2030.xlsx", V1)
    v2 = per_province(tmp_path / "01-Gazetteer_BMC_01_Feb_2030.xlsx", V2)
    first = gazetteer_load(paths=[v1])
    assert first.name == "2030-01-01"
    assert AdminUnit.objects.count() == 6  # villages only with villages=True
    ids = dict(AdminUnit.objects.values_list("code", "id"))

    result = gazetteer_load(paths=[v2])
    assert result.name == "2030-02-01"
    assert result.changes["renamed"] == {
        "010201": {
            "old": {"km": "បន្ទាយនាង", "en": "Banteay Neang"},
            "new": {"km": "បន្ទាយនាងថ្មី", "en": "Banteay Neang Thmei"},
        }
    }
    assert result.changes["retyped"] == {"010202": {"old": "khum", "new": "sangkat"}}
    assert result.changes["retired"] == {"0103": "Phnum Srok", "010301": "Nam Tau"}
    assert list(result.changes["added"]) == ["010203"]
    renamed = AdminUnit.objects.get(code="010201")
    assert (renamed.id, renamed.name_km, renamed.release) == (ids["010201"], "បន្ទាយនាងថ្មី", "2030-02-01")
    assert AdminUnit.objects.get(code="010202").unit_type == "sangkat"
    retired = AdminUnit.objects.get(code="0103")
    assert (retired.id, retired.is_active, retired.release) == (ids["0103"], False, "2030-02-01")
    assert [u.code for u in selectors.unit_list(level="district")] == ["0102"]
    assert [u.code for u in selectors.unit_list(level="district", active_only=False)] == ["0102", "0103"]
    assert AdminUnit.objects.get(code="010203").parent_id == ids["0102"]
    release = GazetteerRelease.objects.latest("pk")
    assert release.changes == result.changes and release.counts == {
        "province": 1,
        "district": 1,
        "commune": 3,
    }

    back = gazetteer_load(paths=[v1], release="again")
    assert set(back.changes["restored"]) == {"0103", "010301"}
    assert back.changes["retired"] == {"010203": "Kouk Ballangk"}
    assert AdminUnit.objects.get(code="0103").is_active


def test_a_moved_unit_gets_its_parent_back_in_place(tmp_path: Path) -> None:
    v1 = per_province(tmp_path / "v1.xlsx", V1)
    gazetteer_load(paths=[v1], release="r1")
    commune = AdminUnit.objects.get(code="010301")
    AdminUnit.objects.filter(pk=commune.pk).update(
        parent=AdminUnit.objects.get(code="0102")
    )  # stored elsewhere
    result = gazetteer_load(paths=[v1], release="r2")
    assert result.changes == {"moved": {"010301": {"old": "0102", "new": "0103"}}}
    commune.refresh_from_db()
    assert commune.parent == AdminUnit.objects.get(code="0103") and commune.release == "r2"


def test_an_export_of_some_provinces_retires_nothing_elsewhere(tmp_path: Path) -> None:
    ensure_gazetteer()
    result = gazetteer_load(paths=[per_province(tmp_path / "bmc.xlsx", V1)], release="partial")
    retired = AdminUnit.objects.filter(code__startswith="01", is_active=False).values_list("code", flat=True)
    assert set(result.changes["retired"]) == set(retired)
    assert not AdminUnit.objects.filter(is_active=False).exclude(code__startswith="01").exists()
    assert (
        AdminUnit.objects.filter(level="district", is_active=True).exclude(code__startswith="01").count()
        == 201
    )


def test_villages_are_only_compared_when_loaded(tmp_path: Path) -> None:
    path = per_province(tmp_path / "v1.xlsx", V1)
    gazetteer_load(paths=[path], villages=True, release="with")
    assert AdminUnit.objects.get(code="01020101").level == "village"
    result = gazetteer_load(paths=[path], release="without")
    assert not result.changed  # the villages are not retired by a load without villages


def test_multi_sheet_layout(tmp_path: Path) -> None:
    path = multi_sheet(
        tmp_path / "2031.01.02.xlsx",
        {
            "1. Banteay Meanchey": [r for r in V1 if r[0] != "ខេត្ត"],
            "23. Kep": [
                ("ក្រុង", "2301", "កែប", "Kaeb", "", "", ""),
                ("សង្កាត់", "230101", "ព្រៃធំ", "Prey Thum", "", "", ""),
            ],
        },
    )
    export = read_export([path])
    assert export.formats == {"multi-sheet workbook"}
    assert export.provinces == {"01", "23"}
    assert export.units["23"].name_en == "Kep Province"
    assert release_name([path]) == "2031-01-02"
    gazetteer_load(paths=[path])
    assert selectors.unit_get("230101").parent == selectors.unit_get("2301")


def test_the_two_layouts_read_the_same_units(tmp_path: Path) -> None:
    a = read_export([per_province(tmp_path / "a.xlsx", V1)], villages=True)
    b = read_export([multi_sheet(tmp_path / "b.xlsx", {"1. Banteay Meanchey": V1[1:]})], villages=True)
    assert {c: (u.level, u.unit_type, u.name_km, u.name_en) for c, u in a.units.items()} == {
        c: (u.level, u.unit_type, u.name_km, u.name_en) for c, u in b.units.items()
    }


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        (V1, ["Type", "Code", "Name (Latin)"], "missing column(s) Name (Khmer)"),
        ([*V1, ("ឃុំ", "1O203", "x", "x", "", "", "")], None, "is not made of digits"),
        ([*V1, ("ឃុំ", "1020304", "x", "x", "", "", "")], None, "a commune code has 6"),
        ([*V1, ("county", "10204", "x", "x", "", "", "")], None, "unknown unit type"),
        ([*V1, ("ឃុំ", "10201", "other", "Other", "", "", "")], None, "appears twice"),
        ([*V1, ("ឃុំ", "10401", "x", "x", "", "", "")], None, "its parent 0104 is not in the export"),
        ([*V1, ("ឃុំ", "10204", None, "  ", "", "", "")], None, "has no name"),
        ([*V1, ("ឃុំ", 10204.5, "x", "x", "", "", "")], None, "not a whole number"),
    ],
)
def test_a_broken_export_saves_nothing(tmp_path: Path, rows: Any, header: Any, message: str) -> None:
    path = per_province(tmp_path / "bad.xlsx", rows, **({"header": header} if header else {}))
    with pytest.raises(GazetteerError) as info:
        gazetteer_load(paths=[path])
    assert any(message in e for e in info.value.errors), info.value.errors
    assert not AdminUnit.objects.exists() and not GazetteerRelease.objects.exists()


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(GazetteerError, match=r"not a readable \.xlsx workbook"):
        read_export([path])


def test_command_prints_a_summary(tmp_path: Path, capsys: Any) -> None:
    v1 = per_province(tmp_path / "v1.xlsx", V1)
    v2 = per_province(tmp_path / "v2.xlsx", V2)
    call_command("load_gazetteer", str(v1), "--release", "one")
    call_command("load_gazetteer", str(v2), "--release", "two")
    out = capsys.readouterr().out
    assert "1 added, 1 renamed, 1 retyped, 0 moved, 0 referenced, 2 retired, 0 restored" in out
    assert "retyped 010202: khum -> sangkat" in out
    call_command("load_gazetteer", str(v2), "--release", "two")
    assert "No changes" in capsys.readouterr().out
    bad = per_province(tmp_path / "bad.xlsx", [("ឃុំ", "abc", "x", "x")])
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_gazetteer", str(bad))
