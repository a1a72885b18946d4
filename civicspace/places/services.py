"""Writes to the gazetteer: applying an export as a difference, in one transaction.

The rule (ADR 0015): a unit is its NCDD code. A code that is new is added; a code whose names, type,
parent or legal reference changed is updated in place (same row, so everything pointing at it keeps
working); a code missing from a newer export is kept and marked retired (`is_active=False`), never
deleted; a retired code that comes back is restored. Only what the export covers is compared: its
provinces and its levels (villages only when they were read), so loading one province's workbook, or
loading without villages, retires nothing elsewhere. Loading the same export twice changes nothing
and records nothing."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from civicspace.core.audit import audit_record
from civicspace.core.localcache import forget as forget_local_copies

from .gazetteer import LEVELS, Export, ParsedUnit, read_export, release_name
from .models import AdminUnit, GazetteerRelease

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_WORKBOOK = DATA_DIR / "ncdd-gazetteer-2024-10-14.xlsx"
SHIPPED_RELEASE = "2024-10-14"
CHANGE_KINDS = ("added", "renamed", "retyped", "moved", "referenced", "retired", "restored")
BATCH = 1000


@dataclass
class LoadResult:
    release: GazetteerRelease | None  # None when nothing changed (nothing is recorded)
    name: str
    counts: dict[str, int]  # units per level in the export
    changes: dict[str, Any]

    @property
    def changed(self) -> bool:
        return self.release is not None

    def summary(self) -> dict[str, int]:
        return {kind: len(self.changes.get(kind, {})) for kind in CHANGE_KINDS}


@lru_cache(maxsize=4)
def _read_cached(path: str, mtime: float, villages: bool) -> Export:
    return read_export([path], villages=villages)


def _as_tuple(unit: AdminUnit) -> tuple[str, str, str, str]:
    return unit.unit_type, unit.name_km, unit.name_en, unit.reference_km


@transaction.atomic
def gazetteer_apply(*, export: Export, release: str, source: str = "", actor: Any = None) -> LoadResult:
    """Apply `export` to the stored units as a difference (see the module docstring)."""
    changes: dict[str, Any] = {kind: {} for kind in CHANGE_KINDS}
    in_scope = AdminUnit.objects.filter(level__in=export.levels).select_for_update()
    stored: dict[str, AdminUnit] = {u.code: u for u in in_scope}
    ids: dict[str, int] = dict(AdminUnit.objects.values_list("code", "id"))
    to_update: dict[str, AdminUnit] = {}
    fields = ["unit_type", "name_km", "name_en", "reference_km", "parent", "is_active", "release"]

    for level in LEVELS:
        if level not in export.levels:
            continue
        new: list[AdminUnit] = []
        for code, parsed in sorted(export.units.items()):
            if parsed.level != level:
                continue
            parent_id = ids[parsed.parent_code] if parsed.parent_code else None
            unit = stored.get(code)
            if unit is None:
                new.append(_new_unit(parsed, parent_id, release))
                changes["added"][code] = parsed.name_en or parsed.name_km
                continue
            if _diff(unit, parsed, parent_id, changes, ids):
                unit.release = release
                to_update[code] = unit
        AdminUnit.objects.bulk_create(new, batch_size=BATCH)
        if new:
            ids.update(AdminUnit.objects.filter(level=level).values_list("code", "id"))

    for code, unit in stored.items():
        if code not in export.units and code[:2] in export.provinces and unit.is_active:
            unit.is_active = False
            unit.release = release
            to_update[code] = unit
            changes["retired"][code] = unit.name_en or unit.name_km
    if to_update:
        AdminUnit.objects.bulk_update(list(to_update.values()), fields, batch_size=BATCH)
    forget_local_copies()  # the bulk writes sent no signal (selectors.units_by_code)

    changes = {kind: entries for kind, entries in changes.items() if entries}
    counts = export.counts()
    record = None
    if changes:
        record = GazetteerRelease.objects.create(
            name=release, source=source[:300], counts=counts, changes=changes
        )
        audit_record(
            actor=actor,
            action="gazetteer_loaded",
            target=record,
            changes={kind: len(entries) for kind, entries in changes.items()},
        )
    return LoadResult(release=record, name=release, counts=counts, changes=changes)


def _new_unit(parsed: ParsedUnit, parent_id: int | None, release: str) -> AdminUnit:
    return AdminUnit(
        code=parsed.code,
        level=parsed.level,
        unit_type=parsed.unit_type,
        name_km=parsed.name_km,
        name_en=parsed.name_en,
        reference_km=parsed.reference_km,
        parent_id=parent_id,
        is_active=True,
        release=release,
    )


def _diff(
    unit: AdminUnit, parsed: ParsedUnit, parent_id: int | None, changes: dict[str, Any], ids: dict[str, int]
) -> bool:
    """Bring `unit` in line with `parsed`, recording each kind of change as old -> new."""
    code, changed = unit.code, False
    if (unit.name_km, unit.name_en) != (parsed.name_km, parsed.name_en):
        changes["renamed"][code] = {
            "old": {"km": unit.name_km, "en": unit.name_en},
            "new": {"km": parsed.name_km, "en": parsed.name_en},
        }
        unit.name_km, unit.name_en, changed = parsed.name_km, parsed.name_en, True
    if unit.unit_type != parsed.unit_type:
        changes["retyped"][code] = {"old": unit.unit_type, "new": parsed.unit_type}
        unit.unit_type, changed = parsed.unit_type, True
    if unit.parent_id != parent_id:
        old_parent = next((c for c, pk in ids.items() if pk == unit.parent_id), None)
        changes["moved"][code] = {"old": old_parent, "new": parsed.parent_code}
        unit.parent_id, changed = parent_id, True
    if unit.reference_km != parsed.reference_km and not parsed.from_sheet_name:
        changes["referenced"][code] = {"old": unit.reference_km, "new": parsed.reference_km}
        unit.reference_km, changed = parsed.reference_km, True
    if not unit.is_active:
        changes["restored"][code] = parsed.name_en or parsed.name_km
        unit.is_active, changed = True, True
    return changed


def gazetteer_load(
    *,
    paths: list[str | Path] | None = None,
    release: str | None = None,
    villages: bool = False,
    actor: Any = None,
) -> LoadResult:
    """Read the workbooks (the shipped 2024 release when none is given) and apply them.
    Raises GazetteerError (nothing saved) when the export cannot be read."""
    if not paths:
        export = _read_cached(str(SHIPPED_WORKBOOK), SHIPPED_WORKBOOK.stat().st_mtime, villages)
        name = release or SHIPPED_RELEASE
        source = f"NCDD gazetteer {SHIPPED_RELEASE} (shipped, {SHIPPED_WORKBOOK.name})"
    else:
        export = read_export(paths, villages=villages)
        name = release or release_name(paths)
        shown = ", ".join(export.sources[:3]) + (
            f" and {len(export.sources) - 3} more" if len(export.sources) > 3 else ""
        )
        source = f"NCDD gazetteer export ({', '.join(sorted(export.formats))}): {shown}"
    return gazetteer_apply(export=export, release=name[:40], source=source, actor=actor)


def ensure_gazetteer() -> bool:
    """Load the shipped release if the gazetteer is empty. True when it loaded something."""
    if AdminUnit.objects.exists():
        return False
    gazetteer_load()
    return True
