"""Reads of the tracker. Visibility (restricted evidence, unmoderated comments) is decided here; the
organisations a user may act for, in `acting`."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .filters import AskFilter
from .models import Ask, Assessment, Comment, Evidence, ProgressUpdate, Response


def ask_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Ask]:
    """Public list of asks (merged duplicates are left out), filtered by the shared FilterSet."""
    qs = (
        Ask.objects.filter(merged_into__isnull=True)
        .select_related("sector", "meeting")
        # Long texts a list never shows are left in the database.
        .defer("search_document", "meeting__summary_en", "meeting__summary_km")
        # The page's responses (two ids each) are fetched with the page; counting them in the database
        # would group every matching ask with all its responses before the page is cut (ADR 0012).
        .prefetch_related(
            "addressees",
            Prefetch("responses", queryset=Response.objects.only("id", "ask_id", "addressee_id").order_by()),
        )
        .order_by("-source_date", "meeting_id", "order", "id")
    )
    return AskFilter(filters or {}, queryset=qs).qs


def ask_get(*, viewer: Any, pk: int) -> Ask:
    """One ask with its whole history; restricted evidence only for viewers allowed to see it."""
    ask = Ask.objects.select_related("sector", "meeting", "session", "previous", "parent", "merged_into").get(
        pk=pk
    )
    evidence = Evidence.objects.all()
    if not viewer.has_perm("recommendations.view_restricted_evidence", ask):
        evidence = evidence.filter(is_public=True)
    published = Comment.objects.filter(state=Comment.State.PUBLISHED).select_related("author")
    return (
        Ask.objects.select_related("sector", "meeting", "session", "previous", "parent", "merged_into")
        .prefetch_related(
            "addressees",
            "raised_by",
            "themes",
            "children",
            "raised_again",
            Prefetch("merged", queryset=Ask.objects.order_by("merged_at", "pk")),
            Prefetch(
                "responses",
                queryset=Response.objects.select_related("addressee").order_by("-responded_on", "-id"),
            ),
            "commitments__organisation",
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("organisation", "commitment").prefetch_related(
                    Prefetch("evidence", queryset=evidence)
                ),
            ),
            Prefetch("assessments", queryset=Assessment.objects.select_related("organisation")),
            Prefetch("comments", queryset=published, to_attr="published_comments"),
        )
        .get(pk=ask.pk)
    )


def evidence_visible(*, viewer: Any, evidence: Evidence) -> bool:
    """The rule for one piece of evidence: public, or the viewer may see its ask's restricted evidence
    (the same permission ask_get filters the history with)."""
    return evidence.is_public or bool(
        viewer.has_perm("recommendations.view_restricted_evidence", evidence.progress.ask)
    )


def evidence_file_get(*, viewer: Any, pk: int) -> Evidence:
    """An evidence file the viewer may download, fetched and checked in one step. Raises
    Evidence.DoesNotExist for a link without a file, and for restricted evidence the viewer may not see
    (whose existence is not revealed, as the ask's history leaves it out)."""
    evidence = Evidence.objects.select_related("progress__ask").get(pk=pk, file__gt="")
    if not evidence_visible(viewer=viewer, evidence=evidence):
        raise Evidence.DoesNotExist
    return evidence


def latest_responses(ask: Ask) -> list[Response]:
    """The current response of each addressee (the latest one), from a prefetched ask."""
    seen: dict[int, Response] = {}
    for response in ask.responses.all():
        seen.setdefault(response.addressee_id, response)
    return list(seen.values())


@dataclass(frozen=True)
class HistoryEntry:
    """One event in an ask's history: when it happened, when it was entered, what and which record."""

    happened_on: dt.date
    recorded_at: dt.datetime
    kind: str  # raised, response, commitment, progress, assessment, merged_here, merged_into
    record: Any


def timeline(ask: Ask) -> list[HistoryEntry]:
    """Everything that happened to an ask, newest event first (by the date it happened; among events of
    one day, the later entry first), from an ask fetched by `ask_get`. A merge shows on both asks."""
    entries = [HistoryEntry(ask.source_date or ask.created_at.date(), ask.created_at, "raised", ask)]
    entries += [HistoryEntry(r.responded_on, r.created_at, "response", r) for r in ask.responses.all()]
    entries += [HistoryEntry(c.committed_on, c.created_at, "commitment", c) for c in ask.commitments.all()]
    entries += [HistoryEntry(p.reported_on, p.created_at, "progress", p) for p in ask.progress_updates.all()]
    entries += [HistoryEntry(a.assessed_on, a.created_at, "assessment", a) for a in ask.assessments.all()]
    for merged in ask.merged.all():
        when = merged.merged_at or merged.updated_at
        entries.append(HistoryEntry(timezone.localdate(when), when, "merged_here", merged))
    if ask.merged_into is not None:
        when = ask.merged_at or ask.updated_at
        entries.append(HistoryEntry(timezone.localdate(when), when, "merged_into", ask.merged_into))
    return sorted(entries, key=lambda e: (e.happened_on, e.recorded_at), reverse=True)


def comments_to_moderate() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(state=Comment.State.PENDING)
        .select_related("ask", "author")
        .order_by("created_at")
    )


def overdue_responses(*, today: Any) -> list[tuple[Ask, list[Any]]]:
    """(ask, addressees that have not answered) for every dialogue ask whose response period
    (the meeting's `response_days` after the date it was raised) ended before `today`."""

    candidates = (
        Ask.objects.filter(merged_into__isnull=True, meeting__isnull=False, source_date__isnull=False)
        .select_related("meeting")
        .prefetch_related("addressees", "responses")
    )
    overdue = []
    for ask in candidates.iterator(chunk_size=500):
        assert ask.meeting is not None and ask.source_date is not None
        if ask.source_date + dt.timedelta(days=ask.meeting.response_days) >= today:
            continue
        answered = {r.addressee_id for r in ask.responses.all()}
        missing = [o for o in ask.addressees.all() if o.pk not in answered]
        if missing:
            overdue.append((ask, missing))
    return overdue
