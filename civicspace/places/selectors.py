"""Reads of the gazetteer. The gazetteer is public: nothing here depends on who is asking."""

from collections.abc import Iterable

from django.core.cache import caches
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import AdminUnit

UNIT_CACHE_SECONDS = 300
LEVEL_ORDER = [
    AdminUnit.Level.PROVINCE,
    AdminUnit.Level.DISTRICT,
    AdminUnit.Level.COMMUNE,
    AdminUnit.Level.VILLAGE,
]


def unit_list(
    *, level: str | None = None, parent_code: str | None = None, active_only: bool = True
) -> QuerySet[AdminUnit]:
    """Units in code order, optionally of one level and/or directly under one parent (by code)."""
    qs = AdminUnit.objects.select_related("parent").order_by("code")
    if level:
        qs = qs.filter(level=level)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs


def unit_get(code: str) -> AdminUnit:
    """The unit with this NCDD code (retired units included); Http404 if there is none."""
    return get_object_or_404(AdminUnit.objects.select_related("parent"), code=code)


def lineage(unit: AdminUnit) -> dict[str, AdminUnit]:
    """The unit and the units above it, by level: {"province": …, "district": …, "commune": …}
    (and "village" for a village), in one query."""
    codes = [unit.code[:n] for n in range(2, len(unit.code) + 1, 2)]
    found = {u.code: u for u in AdminUnit.objects.filter(code__in=codes)}
    return {u.level: u for code in codes if (u := found.get(code)) is not None}


def units_by_code(codes: Iterable[str]) -> dict[str, AdminUnit]:
    """The units with these NCDD codes (retired ones too), each with its parent and grandparent; codes
    that name no unit are left out. Read through the process's copy (the "local" cache, ADR 0016), kept
    UNIT_CACHE_SECONDS: a submission names a place, and the gazetteer changes once a release."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    local = caches["local"]
    found: dict[str, AdminUnit] = {
        key.removeprefix("unit:"): unit
        for key, unit in local.get_many([f"unit:{code}" for code in wanted]).items()
    }
    if missing := wanted - found.keys():
        fetched = {
            u.code: u for u in AdminUnit.objects.filter(code__in=missing).select_related("parent__parent")
        }
        local.set_many({f"unit:{code}": unit for code, unit in fetched.items()}, timeout=UNIT_CACHE_SECONDS)
        found.update(fetched)
    return found
