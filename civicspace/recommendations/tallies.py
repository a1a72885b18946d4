"""The dashboard's tallies: counts kept up to date by the services that change asks (ADR 0013).

A write that may change what an ask counts for runs inside `recounting(ask ids)`: the asks' share of
the tallies is worked out from the records before and after, and the difference is added to the
tally rows in the same transaction. Nested services (progress_report calls ask_update) join the
outermost recount, so nothing is counted twice; a rollback takes the tally change with it.

`rebuild()` (the `recount_tracker` command) recomputes every tally from the records, for after a bulk
load that bypassed the services; `tests/test_tallies.py` checks that the kept tallies always equal a
rebuild."""

import contextvars
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps as global_apps
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import ExtractYear


class Year(ExtractYear):
    """The year of a date. On SQLite, the first four characters of the stored ISO date: Django's
    ExtractYear calls a Python function there for every row, several times slower over 100,000 asks."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[str | int, ...]]:
        sql, params = compiler.compile(self.lhs)
        return f"CAST(SUBSTR({sql}, 1, 4) AS INTEGER)", tuple(params)


# A tally key: (model name, its key fields as a tuple). The model is StatusTally, AddresseeTally or
# PendingTally, and the fields are those of its unique constraint. An ask counts under theme 0 and under
# each of its themes.
Key = tuple[str, tuple[Any, ...]]
DIMENSIONS = ("sector_key", "meeting_key", "year", "level", "status")
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "StatusTally": ("theme_key", *DIMENSIONS),
    "AddresseeTally": ("theme_key", "addressee_key", *DIMENSIONS, "responded"),
    "PendingTally": ("theme_key", "addressee_key", *DIMENSIONS, "raised_on"),
}
EVERY_THEME = 0
ASK_VALUES = ("pk", "sector_id", "meeting_id", "source_date", "level", "status")


def _dimensions(
    sector: int | None, meeting: int | None, raised: Any, level: str, status: str
) -> tuple[Any, ...]:
    return (sector or 0, meeting or 0, raised.year if raised else 0, level, status)


def contributions(ask_ids: Iterable[int]) -> Counter[Key]:
    """What these asks add to the tallies as they are in the database now (merged or deleted: nothing)."""
    from .models import Ask, Response

    ids = list(ask_ids)
    counts: Counter[Key] = Counter()
    if not ids:
        return counts
    asks = {
        pk: (_dimensions(sector, meeting, raised, level, status), meeting, raised)
        for pk, sector, meeting, raised, level, status in Ask.objects.filter(
            pk__in=ids, merged_into__isnull=True
        )
        .order_by()
        .values_list(*ASK_VALUES)
    }
    if not asks:
        return counts
    answered = set(
        Response.objects.filter(ask_id__in=asks).order_by().values_list("ask_id", "addressee_id").distinct()
    )
    pairs = Ask.addressees.through.objects.filter(ask_id__in=asks).values_list("ask_id", "organisation_id")
    themes: dict[int, list[int]] = {pk: [EVERY_THEME] for pk in asks}
    for ask_id, theme_id in Ask.themes.through.objects.filter(ask_id__in=asks).values_list(
        "ask_id", "theme_id"
    ):
        themes[ask_id].append(theme_id)
    for ask_id, (dims, _meeting, _raised) in asks.items():
        for theme in themes[ask_id]:
            counts[("StatusTally", (theme, *dims))] += 1
    for ask_id, org_id in pairs:
        dims, meeting, raised = asks[ask_id]
        responded = (ask_id, org_id) in answered
        for theme in themes[ask_id]:
            counts[("AddresseeTally", (theme, org_id, *dims, responded))] += 1
            if not responded and meeting and raised:
                counts[("PendingTally", (theme, org_id, *dims, raised))] += 1
    return counts


class Recount:
    """The asks one (outermost) write touches, and their share of the tallies before it."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.before: Counter[Key] = Counter()

    def track(self, ask_ids: Iterable[int]) -> None:
        """Count these asks' share now, before they change (call it before changing them)."""
        new = set(ask_ids) - self.ids
        self.before.update(contributions(new))
        self.ids |= new

    def created(self, ask_id: int) -> None:
        """A new ask: it counted for nothing before."""
        self.ids.add(ask_id)

    def apply(self) -> None:
        change: Counter[Key] = Counter(contributions(self.ids))
        change.subtract(self.before)
        apply_change(change)


_current: contextvars.ContextVar[Recount | None] = contextvars.ContextVar("tracker_recount", default=None)


@contextmanager
def recounting(ask_ids: Iterable[int] = ()) -> Iterator[Recount]:
    """Keep the tallies right across a write to these asks (more may be added with track()/created())."""
    outer = _current.get()
    if outer is not None:  # a service called by a service: the outermost one applies the change
        outer.track(ask_ids)
        yield outer
        return
    recount = Recount()
    recount.track(ask_ids)
    token = _current.set(recount)
    try:
        with transaction.atomic():
            yield recount
            recount.apply()
    finally:
        _current.reset(token)


def apply_change(change: Counter[Key]) -> None:
    """Add each non-zero difference to its tally row (created when missing, deleted at zero). Rows are
    updated in key order, so two concurrent writes lock them in the same order."""
    for (model_name, key), delta in sorted(change.items(), key=lambda item: (item[0][0], repr(item[0][1]))):
        if not delta:
            continue
        model = global_apps.get_model("recommendations", model_name)
        where = dict(zip(KEY_FIELDS[model_name], key, strict=True))
        rows = model.objects.filter(**where)
        if not rows.update(n=F("n") + delta):
            try:
                with transaction.atomic():
                    model.objects.create(n=delta, **where)
            except IntegrityError:  # created meanwhile by a concurrent write
                rows.update(n=F("n") + delta)
        rows.filter(n=0).delete()


def _by_theme(rows: QuerySet[Any], theme: str, *fields: str) -> list[QuerySet[Any]]:
    """The rows' key values under theme 0 (every row once), then joined to their themes (a row once
    for each theme it has), the theme first."""
    return [
        rows.annotate(every=Value(EVERY_THEME)).values_list("every", *fields),
        rows.filter(**{f"{theme}__isnull": False}).values_list(theme, *fields),
    ]


def rebuild(apps: Any = global_apps) -> dict[str, int]:
    """Recompute every tally from the records (also used by migration 0008, which added the theme)."""
    ask_model = apps.get_model("recommendations", "Ask")
    response_model = apps.get_model("recommendations", "Response")
    models = {name: apps.get_model("recommendations", name) for name in KEY_FIELDS}
    answered = response_model.objects.filter(
        ask_id=OuterRef("ask_id"), addressee_id=OuterRef("organisation_id")
    )
    asks = ask_model.objects.filter(merged_into__isnull=True).order_by().annotate(year=Year("source_date"))
    pairs = (
        ask_model.addressees.through.objects.filter(ask__merged_into__isnull=True)
        .order_by()
        .annotate(year=Year("ask__source_date"), responded=Exists(answered))
    )
    pending = pairs.filter(responded=False, ask__meeting__isnull=False, ask__source_date__isnull=False)
    on_ask = ("ask__sector_id", "ask__meeting_id", "year", "ask__level", "ask__status")
    sources = {
        "StatusTally": _by_theme(asks, "themes", "sector_id", "meeting_id", "year", "level", "status"),
        "AddresseeTally": _by_theme(pairs, "ask__themes", "organisation_id", *on_ask, "responded"),
        "PendingTally": _by_theme(pending, "ask__themes", "organisation_id", *on_ask, "ask__source_date"),
    }
    with transaction.atomic():
        for name, model in models.items():
            model.objects.all().delete()
            fields = KEY_FIELDS[name]
            for source in sources[name]:
                model.objects.bulk_create(
                    (model(n=n, **{f: (0 if v is None and f.endswith(("_key", "year")) else v)
                                   for f, v in zip(fields, row, strict=True)})
                     for *row, n in source.annotate(n=Count("pk")).iterator()),
                    batch_size=2000,
                )  # fmt: skip
    return {name: model.objects.count() for name, model in models.items()}


def kept_tallies() -> Counter[Key]:
    """The tallies as stored, in the shape of contributions() (for checks and tests)."""
    out: Counter[Key] = Counter()
    for model_name, fields in KEY_FIELDS.items():
        model = global_apps.get_model("recommendations", model_name)
        for row in model.objects.values_list(*fields, "n"):
            out[(model_name, tuple(row[:-1]))] = row[-1]
    return out


def differences() -> dict[Key, tuple[int, int]]:
    """Tallies whose kept value differs from a recount: key -> (kept, counted). Recounts inside a
    transaction that is rolled back, so the kept tallies are left as they were."""
    kept = kept_tallies()
    counted: Counter[Key] = Counter()

    class _Undo(Exception):
        pass

    try:
        with transaction.atomic():
            rebuild()
            counted = kept_tallies()
            raise _Undo
    except _Undo:
        pass
    return {
        k: (kept.get(k, 0), counted.get(k, 0))
        for k in set(kept) | set(counted)
        if kept.get(k, 0) != counted.get(k, 0)
    }
