"""Reads of consultations. Who may see a draft, whose comments a moderator sees, and which comments are
public (the results page, the report and open data), is decided here."""

from collections.abc import Iterator
from typing import Any

from django.core.cache import caches
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from civicspace.core.predicates import is_platform_admin
from civicspace.organisations.predicates import is_secretariat
from civicspace.organisations.selectors import organisation_ids_user_speaks_for

from .models import BudgetItem, Consultation, ItemInput, ItemResponse


def _sees_everything(viewer: Any) -> bool:
    return bool(is_platform_admin(viewer) or is_secretariat(viewer))


def consultation_visible(*, viewer: Any) -> QuerySet[Consultation]:
    """Published consultations for everyone; drafts only for those who manage them."""
    qs = Consultation.objects.all()
    if _sees_everything(viewer):
        return qs
    mine = organisation_ids_user_speaks_for(user=viewer)
    if not mine:
        return qs.exclude(state=Consultation.State.DRAFT)
    return qs.filter(~Q(state=Consultation.State.DRAFT) | Q(organisers__in=mine)).distinct()


def consultation_list(*, viewer: Any) -> QuerySet[Consultation]:
    """The consultations the viewer may see, with their unit, authority and number of items."""
    return (
        consultation_visible(viewer=viewer)
        .select_related("unit", "authority")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-opens_at", "slug")
    )


def consultation_get(
    *, viewer: Any, slug: str, with_responses: bool = False, with_related: bool = True
) -> Consultation:
    """One consultation the viewer may see, with its items (and, if asked, the authority's responses).
    `with_related=False` leaves the unit and authority to be fetched if used (a submission that is
    stored does not show them). Raises Consultation.DoesNotExist for a draft the viewer does not manage."""
    items = BudgetItem.objects.order_by("order", "code")
    if with_responses:
        items = items.select_related("response")
    qs = consultation_visible(viewer=viewer)
    if with_related:
        qs = qs.select_related("unit", "authority")
    consultation = qs.get(slug=slug)
    prefetch_related_objects([consultation], Prefetch("items", queryset=items))
    return consultation


CONSULTATION_CACHE_SECONDS = 5


def consultation_for_submission(*, viewer: Any, slug: str) -> Consultation:
    """`consultation_get` (without unit and authority) for storing a submission. For a visitor who is
    not signed in (the public, who see every consultation that is not a draft) it is read through the
    process's copy (the "local" cache, ADR 0016), kept CONSULTATION_CACHE_SECONDS: a change made in
    another process (closing it early, say) reaches this one within that time."""
    if getattr(viewer, "is_authenticated", False):
        return consultation_get(viewer=viewer, slug=slug, with_related=False)
    local = caches["local"]
    key = f"consultation:{slug}"
    consultation: Consultation | None = local.get(key)
    if consultation is None:
        consultation = consultation_get(viewer=viewer, slug=slug, with_related=False)
        local.set(key, consultation, timeout=CONSULTATION_CACHE_SECONDS)
    return consultation


def comments_to_moderate(*, viewer: Any, consultation: Consultation | None = None) -> QuerySet[ItemInput]:
    """Comments waiting for a decision, oldest first, on the consultations the viewer manages."""
    qs = ItemInput.objects.filter(comment_state=ItemInput.State.PENDING)
    if consultation is not None:
        qs = qs.filter(submission__consultation=consultation)
    if not _sees_everything(viewer):
        qs = qs.filter(
            submission__consultation__organisers__in=organisation_ids_user_speaks_for(user=viewer) or [-1]
        )
    return qs.select_related("item", "submission__consultation").order_by("submission__created_at", "pk")


def responses_of(consultation: Consultation) -> dict[int, ItemResponse]:
    """The authority's response by item id."""
    return {r.item_id: r for r in ItemResponse.objects.filter(item__consultation=consultation)}


def published_comments(
    consultation: Consultation, *, before: int | None = None, limit: int = 20
) -> tuple[list[ItemInput], int | None]:
    """Published comments, newest first, `limit` at a time: (comments, the `before` of the next page or
    None). Keyset paging (no count over every comment)."""
    qs = ItemInput.objects.filter(
        item__consultation=consultation, comment_state=ItemInput.State.PUBLISHED
    ).select_related("item", "submission")
    if before is not None:
        qs = qs.filter(pk__lt=before)
    page = list(qs.order_by("-pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return page, (page[-1].pk if more and page else None)


def all_published_comments(consultation: Consultation) -> Iterator[tuple[str, str, str]]:
    """(date received, item code, text) of every published comment, newest first, for open data: no
    demographics or place, so a comment cannot be tied to a person."""
    rows = (
        ItemInput.objects.filter(item__consultation=consultation, comment_state=ItemInput.State.PUBLISHED)
        .order_by("-pk")
        .values_list("submission__created_at", "item__code", "comment")
    )
    for created, code, text in rows.iterator(chunk_size=2000):
        yield created.date().isoformat(), code, text
