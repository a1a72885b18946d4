"""The public tracker dashboard: status by sector, by addressee and over time, and addressee scorecards.

Everything is computed with a fixed handful of GROUP BY queries over the filtered asks (never one query
per row), and the charts are SVG drawn here on the server: no JavaScript, no chart library. Each chart
is followed in the page by a table of the same numbers."""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from civicspace.core.i18n import local_digits
from civicspace.core.models import bilingual
from civicspace.dialogues.models import Meeting
from civicspace.organisations.models import Organisation, Sector

from .filters import AskFilter
from .models import AddresseeTally, Ask, PendingTally, Response, StatusTally
from .tallies import EVERY_THEME, Year

ADDRESSEE_KINDS = (Organisation.Kind.UN_AGENCY, Organisation.Kind.GOVERNMENT)
STATUSES: list[str] = [s.value for s in Ask.Status]

# One fill and one pattern per status, so that a status is never told by its colour alone.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    Ask.Status.NOT_STARTED: ("#9aa5b1", "dots"),
    Ask.Status.IN_PROGRESS: ("#2f6fb3", "diagonal"),
    Ask.Status.PARTIAL: ("#c98a00", "horizontal"),
    Ask.Status.IMPLEMENTED: ("#2e7d32", "solid"),
    Ask.Status.NOT_IMPLEMENTED: ("#b3261e", "cross"),
    Ask.Status.WITHDRAWN: ("#5f4b8b", "vertical"),
}


def ask_filter(filters: Mapping[str, Any] | None) -> AskFilter:
    """The list's filters over the asks it shows (merged duplicates left out)."""
    base = Ask.objects.filter(merged_into__isnull=True).order_by()  # no Meta.ordering joins in GROUP BYs
    return AskFilter(filters or {}, queryset=base)


def filtered_asks(filterset: AskFilter) -> QuerySet[Ask]:
    """The asks the list shows for these filters (see ask_filter), as a plain queryset: the filters run
    in a subquery, so joins on addressees or themes never duplicate an ask."""
    if not any(v for k, v in filterset.data.items() if k in AskFilter.base_filters):
        return filterset.queryset
    return Ask.objects.filter(pk__in=filterset.qs.order_by().values("pk")).order_by()


# --- data ----------------------------------------------------------------------------------------------


@dataclass
class Breakdown:
    """Counts of asks by (category, status), with the categories in display order."""

    categories: list[tuple[str, str]]  # (key, label)
    counts: dict[tuple[str, str], int]

    def total(self, key: str) -> int:
        return sum(self.counts.get((key, s), 0) for s in STATUSES)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": label,
                "cells": [self.counts.get((key, s), 0) for s in STATUSES],
                "total": self.total(key),
            }
            for key, label in self.categories
        ]


@dataclass
class Scorecard:
    organisation: Organisation
    received: int = 0
    responded: int = 0
    implemented: int = 0
    overdue: int = 0

    @property
    def responded_pct(self) -> int:
        return round(self.responded * 100 / self.received) if self.received else 0

    @property
    def implemented_pct(self) -> int:
        return round(self.implemented * 100 / self.received) if self.received else 0


@dataclass
class Dashboard:
    total: int
    by_status: dict[str, int]
    by_sector: Breakdown
    by_addressee: Breakdown
    by_year: Breakdown
    scorecards: list[Scorecard]
    today: dt.date
    status_labels: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Counts:
    """The raw numbers behind a dashboard, in the shape of the tallies, however they were obtained."""

    asks: list[tuple[int | None, int | None, str, int]]  # (sector id, year raised, status, asks)
    pairs: list[tuple[int, str, bool, int]]  # (addressee id, ask status, answered, asks received)
    overdue: dict[int, int]  # addressee id -> asks past their response period without its answer


# The filters whose values are tally dimensions: with only these, the dashboard reads the tallies.
TALLY_FILTERS = {"sector": "sector_key", "meeting": "meeting_key", "year": "year", "level": "level",
                 "status": "status", "addressee": "addressee_key", "theme": "theme_key"}  # fmt: skip


def dashboard_data(*, filters: Mapping[str, Any] | None = None, today: dt.date | None = None) -> Dashboard:
    """All the dashboard's numbers in a constant number of queries, whatever the data: read from the
    tallies (tallies.py) unless a search term narrows the asks down, then counted from them."""
    today = today or timezone.localdate()
    return _assemble(dashboard_counts(filters, today), today)


def dashboard_counts(filters: Mapping[str, Any] | None, today: dt.date, *, live: bool = False) -> Counts:
    active = {k: v for k, v in (filters or {}).items() if k in AskFilter.base_filters and v}
    filterset = ask_filter(active)
    filterset.form.is_valid()  # once, for the tallies' lookups and the count from the asks alike
    # Values the filter form rejects are ignored, as the list ignores them.
    valid = {k: v for k, v in filterset.form.cleaned_data.items() if k in active and v not in (None, "")}
    where = None if live else _tally_where(valid)
    return _live_counts(filterset, valid, today) if where is None else _tallied_counts(where, today)


def _tally_where(valid: Mapping[str, Any]) -> dict[str, Any] | None:
    """The tally lookups for these valid filter values, or None when one of them is not a tally
    dimension."""
    if not set(valid) <= set(TALLY_FILTERS):
        return None
    return {
        "theme_key": EVERY_THEME,  # unless a theme is chosen: every ask, counted once
        **{
            TALLY_FILTERS[name]: int(value) if name == "year" else getattr(value, "pk", value)
            for name, value in valid.items()
        },
    }


def _tallied_counts(where: Mapping[str, Any], today: dt.date) -> Counts:
    """Three GROUP BYs over the tallies (a few thousand rows at 100,000 asks) and the meetings."""
    addressees = Organisation.objects.filter(kind__in=ADDRESSEE_KINDS).values("pk")  # a subquery
    pairs = AddresseeTally.objects.filter(addressee_key__in=addressees, **where)
    # with an addressee filter, its pairs are the asks (one pair per ask)
    asks = pairs if "addressee_key" in where else StatusTally.objects.filter(**where)
    pending = PendingTally.objects.filter(addressee_key__in=addressees, **where)
    periods = dict(Meeting.objects.values_list("pk", "response_days"))
    overdue: dict[int, int] = defaultdict(int)
    late = pending.values_list("addressee_key", "meeting_key", "raised_on").annotate(total=Sum("n"))
    for org_id, meeting_id, raised_on, n in late:
        days = periods.get(meeting_id)
        if days is not None and raised_on < today - dt.timedelta(days=days):
            overdue[org_id] += n
    by_ask = asks.values_list("sector_key", "year", "status").annotate(total=Sum("n"))
    return Counts(
        asks=[(sector or None, year or None, status, n) for sector, year, status, n in by_ask],
        pairs=list(pairs.values_list("addressee_key", "status", "responded").annotate(total=Sum("n"))),
        overdue=dict(overdue),
    )


def _live_counts(filterset: AskFilter, valid: Mapping[str, Any], today: dt.date) -> Counts:
    """Three GROUP BY queries over the filtered asks and their addressees, whatever the data."""
    asks = filtered_asks(filterset)
    through = Ask.addressees.through.objects.filter(
        ask_id__in=asks.values("pk"), organisation__kind__in=ADDRESSEE_KINDS
    )
    if "addressee" in valid:  # that addressee's pairs only, as in the tallies
        through = through.filter(organisation=valid["addressee"])
    # an answer counts for a pair (ask, addressee) that is still a pair, as in the tallies
    answered = Exists(
        Response.objects.filter(ask_id=OuterRef("ask_id"), addressee_id=OuterRef("organisation_id"))
    )
    by_ask = asks.annotate(year=Year("source_date")).values_list("sector_id", "year", "status")
    by_pair = through.values_list("organisation_id", "ask__status", answered)
    periods = sorted(set(Meeting.objects.values_list("response_days", flat=True).distinct()))
    overdue: dict[int, int] = {}
    if periods:
        late = Q()
        for days in periods:
            late |= Q(ask__meeting__response_days=days, ask__source_date__lt=today - dt.timedelta(days=days))
        late_pairs = (
            through.filter(late, ask__meeting__isnull=False, ask__source_date__isnull=False)
            .filter(~answered)
            .values("organisation_id")
            .annotate(n=Count("id"))
        )
        overdue = {row["organisation_id"]: row["n"] for row in late_pairs}
    return Counts(
        asks=list(by_ask.annotate(n=Count("id"))),
        pairs=list(by_pair.annotate(n=Count("id"))),
        overdue=overdue,
    )


def _assemble(counts: Counts, today: dt.date) -> Dashboard:
    """Totals, names (two queries), order and labels for the counts."""
    sector_counts: dict[tuple[str, str], int] = defaultdict(int)
    year_counts: dict[tuple[str, str], int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    for sector_id, year, status, n in counts.asks:
        if n:
            sector_counts[(str(sector_id or ""), status)] += n
            year_counts[(str(year or ""), status)] += n
            by_status[status] += n
    sector_ids = {int(k) for k, _s in sector_counts if k}
    sectors = Sector.objects.in_bulk(sector_ids) if sector_ids else {}
    sector_order = sorted(sectors.values(), key=lambda s: (s.order, s.slug))
    sector_categories = [(str(s.pk), s.name) for s in sector_order]
    if any(k == "" for k, _s in sector_counts):
        sector_categories.append(("", _("No sector")))

    years = sorted({k for k, _s in year_counts if k})
    year_categories = [(y, local_digits(y)) for y in years]
    if any(k == "" for k, _s in year_counts):
        year_categories.append(("", _("Date not recorded")))

    org_ids = {o for o, _s, _r, n in counts.pairs if n}
    orgs = Organisation.objects.in_bulk(org_ids) if org_ids else {}
    cards: dict[int, Scorecard] = {}
    addressee_counts: dict[tuple[str, str], int] = defaultdict(int)
    for org_id, status, answered, n in counts.pairs:
        if not n:
            continue
        addressee_counts[(str(org_id), status)] += n
        card = cards.setdefault(org_id, Scorecard(organisation=orgs[org_id]))
        card.received += n
        card.responded += n if answered else 0
        card.implemented += n if status == Ask.Status.IMPLEMENTED else 0
    for org_id, card in cards.items():
        card.overdue = counts.overdue.get(org_id, 0)
    scorecards = sorted(cards.values(), key=lambda c: (-c.overdue, -c.received, _org_label(c.organisation)))
    addressee_categories = [(str(c.organisation.pk), _org_label(c.organisation)) for c in scorecards]

    return Dashboard(
        total=sum(by_status.values()),
        by_status=dict(by_status),
        by_sector=Breakdown(sector_categories, dict(sector_counts)),
        by_addressee=Breakdown(addressee_categories, dict(addressee_counts)),
        by_year=Breakdown(year_categories, dict(year_counts)),
        scorecards=scorecards,
        today=today,
        status_labels=[(s.value, str(s.label)) for s in Ask.Status],
    )


def _org_label(org: Organisation) -> str:
    return bilingual(org, "acronym") or bilingual(org, "name")


# --- SVG charts -----------------------------------------------------------------------------------------


def _patterns(prefix: str) -> str:
    """One <pattern> per status: its colour plus a texture, so print and colour-blind readers can tell
    the segments apart (the legend shows the same textures)."""
    out = []
    for status, (colour, texture) in STATUS_STYLE.items():
        marks = {
            "solid": "",
            "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
            "diagonal": '<path d="M0 6L6 0" stroke="#fff" stroke-width="1.5"/>',
            "horizontal": '<path d="M0 3H6" stroke="#fff" stroke-width="1.5"/>',
            "vertical": '<path d="M3 0V6" stroke="#fff" stroke-width="1.5"/>',
            "cross": '<path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1.2"/>',
        }[texture]
        out.append(
            f'<pattern id="{prefix}-{status}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{marks}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _legend(prefix: str, labels: Sequence[tuple[str, str]], y: float, width: int) -> tuple[str, float]:
    """A legend in rows of swatches and labels; returns the SVG and the height it takes."""
    parts, x, row_y, step = [], 0.0, y, 20
    for status, label in labels:
        item_w = 24 + 7 * min(len(label), 28)
        if x and x + item_w > width:
            x, row_y = 0.0, row_y + step
        parts.append(
            f'<rect x="{x:.0f}" y="{row_y:.0f}" width="14" height="14" fill="url(#{prefix}-{status})" '
            f'stroke="#333" stroke-width=".5"/>'
            f'<text x="{x + 19:.0f}" y="{row_y + 11:.0f}" font-size="12">{escape(_truncate(label, 28))}</text>'
        )
        x += item_w
    return "".join(parts), row_y - y + step


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    breakdown: Breakdown,
    labels: Sequence[tuple[str, str]],
    horizontal: bool = True,
    width: int = 640,
) -> SafeString:
    """An accessible stacked bar chart: role="img" with a <title> and <desc>, category labels and
    totals as text, segment counts written inside segments wide enough for them, textured fills."""
    categories = breakdown.categories
    totals = [breakdown.total(k) for k, _l in categories]
    peak = max(totals, default=0) or 1
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    body: list[str] = []
    x: float
    y: float
    if horizontal:
        label_w, bar_h, gap, top = 150, 22, 8, 4
        plot_w = width - label_w - 50
        for i, (key, label) in enumerate(categories):
            y = top + i * (bar_h + gap)
            body.append(
                f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end">'
                f"{escape(_truncate(label, 22))}</text>"
            )
            x = float(label_w)
            for status, status_label in labels:
                n = breakdown.counts.get((key, status), 0)
                if not n:
                    continue
                w = n / peak * plot_w
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="url(#{chart_id}-{status})">'
                    f"<title>{escape(label)}: {escape(status_label)} {local_digits(n)}</title></rect>"
                )
                if w >= 22:
                    body.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + 15}" font-size="11" text-anchor="middle" '
                        f'class="chart-seg">{local_digits(n)}</text>'
                    )
                x += w
            body.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="12">{local_digits(totals[i])}</text>')
        height = top + len(categories) * (bar_h + gap) + 8
    else:
        bar_w_max, left, top, plot_h = 56, 30, 8, 180
        count = max(len(categories), 1)
        slot = min((width - left) / count, bar_w_max + 16)
        bar_w = slot - 12
        base_y = top + plot_h
        body.append(f'<line x1="{left}" y1="{base_y}" x2="{width}" y2="{base_y}" stroke="#333"/>')
        for i, (key, label) in enumerate(categories):
            x = left + i * slot + 6
            y = float(base_y)
            for status, status_label in labels:
                n = breakdown.counts.get((key, status), 0)
                if not n:
                    continue
                h = n / peak * (plot_h - 16)
                y -= h
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="url(#{chart_id}-{status})"><title>{escape(label)}: {escape(status_label)} {local_digits(n)}'
                    f"</title></rect>"
                )
                if h >= 14:
                    body.append(
                        f'<text x="{x + bar_w / 2:.1f}" y="{y + h / 2 + 4:.1f}" font-size="11" '
                        f'text-anchor="middle" class="chart-seg">{local_digits(n)}</text>'
                    )
            body.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" font-size="12" text-anchor="middle">'
                f"{local_digits(totals[i])}</text>"
                f'<text x="{x + bar_w / 2:.1f}" y="{base_y + 14}" font-size="12" text-anchor="middle">'
                f"{escape(_truncate(label, 10))}</text>"
            )
        height = base_y + 24
    legend, legend_h = _legend(chart_id, labels, height + 6, width)
    total_h = height + 6 + legend_h
    svg = (
        f'<svg class="chart" role="img" aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {width} {total_h:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(desc)}</desc>'
        f"{_patterns(chart_id)}{''.join(body)}{legend}</svg>"
    )
    return mark_safe(svg)  # noqa: S308  # every text in it went through escape()


def charts(data: Dashboard) -> dict[str, SafeString]:
    labels = data.status_labels
    return {
        "sector": stacked_bar_chart(
            chart_id="chart-sector",
            title=_("Status of asks by sector"),
            desc=_("Stacked bars: for each sector, how many asks are in each status. The table below gives the same numbers."),
            breakdown=data.by_sector,
            labels=labels,
        ),
        "addressee": stacked_bar_chart(
            chart_id="chart-addressee",
            title=_("Status of asks by addressee"),
            desc=_("Stacked bars: for each UN agency or government body, how many of the asks it received are in each status. The table below gives the same numbers."),
            breakdown=data.by_addressee,
            labels=labels,
        ),
        "year": stacked_bar_chart(
            chart_id="chart-year",
            title=_("Asks raised per year, by current status"),
            desc=_("Stacked columns: for each year, how many asks were raised and the status they are in now. The table below gives the same numbers."),
            breakdown=data.by_year,
            labels=labels,
            horizontal=False,
        ),
    }  # fmt: skip
