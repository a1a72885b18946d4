"""Search over the segmented, case-folded `search_document` that services keep on searchable records
(ADR 0006). One way for every app, on SQLite and PostgreSQL alike."""

from typing import TypeVar

from django.db.models import Model, QuerySet

from .i18n import search_terms

M = TypeVar("M", bound=Model)
MAX_TERMS = 12


def search_filter(qs: QuerySet[M], query: str, field: str = "search_document") -> QuerySet[M]:
    """Every term of the query (Khmer segmented into words) must occur in the record's search text."""
    for term in search_terms(query)[:MAX_TERMS]:
        qs = qs.filter(**{f"{field}__contains": term})
    return qs
