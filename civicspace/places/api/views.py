from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from civicspace.core.api import Pagination

from .. import selectors
from ..filters import AdminUnitFilter
from ..models import AdminUnit
from .serializers import AdminUnitDetailSerializer, AdminUnitSerializer


class PlacePagination(Pagination):
    max_page_size = 2000  # one request can return all 1,652 communes


@extend_schema_view(
    list=extend_schema(
        summary="Administrative units (NCDD gazetteer): current units unless `is_active` or `include_retired`"
    ),
    retrieve=extend_schema(summary="One administrative unit, with its parent and children codes"),
)
class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Cambodia's capital/provinces, districts, communes and villages with their NCDD codes. Public."""

    filterset_class = AdminUnitFilter
    pagination_class = PlacePagination
    lookup_field = "code"
    lookup_value_regex = r"\d{2,8}"

    def get_queryset(self) -> QuerySet[AdminUnit]:
        if self.action == "retrieve":
            return selectors.unit_list(active_only=False).prefetch_related(
                Prefetch("children", queryset=AdminUnit.objects.order_by("code").only("code", "parent"))
            )
        return selectors.unit_list(active_only=False)  # AdminUnitFilter: current units unless asked

    def get_serializer_class(self) -> type[AdminUnitSerializer]:
        return AdminUnitDetailSerializer if self.action == "retrieve" else AdminUnitSerializer
