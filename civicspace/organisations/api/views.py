from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request

from .. import selectors, services
from ..filters import OrganisationFilter
from ..models import CoalitionMembership, Organisation, Sector
from ..popolo import directory_to_popolo
from .serializers import OrganisationSerializer, SectorSerializer


class OrganisationViewSet(viewsets.ModelViewSet):
    """Organisations of the directory. Anyone may read; writes follow the directory's permission rules."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"
    rules_permissions = {
        "create": "organisations.add_organisation",
        "update": "organisations.change_organisation",
        "partial_update": "organisations.change_organisation",
        "destroy": "organisations.delete_organisation",
    }

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list()

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        sectors = data.pop("sectors", [])
        serializer.instance = services.organisation_create(actor=self.request.user, sectors=sectors, **data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        sectors = data.pop("sectors", None)
        serializer.instance = services.organisation_update(
            organisation=serializer.instance, actor=self.request.user, sectors=sectors, **data
        )

    def perform_destroy(self, instance: Organisation) -> None:
        services.organisation_delete(organisation=instance, actor=self.request.user)

    @extend_schema(
        summary="The directory as Popolo JSON",
        responses={(200, "application/json"): {"type": "object"}},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def popolo(self, request: Request, **kwargs: Any) -> JsonResponse:
        qs = self.filter_queryset(self.get_queryset()).prefetch_related(
            Prefetch(
                "member_links", queryset=CoalitionMembership.objects.select_related("coalition", "member")
            )
        )
        return JsonResponse(
            directory_to_popolo(qs, base_url=request.build_absolute_uri("/").rstrip("/")),
            json_dumps_params={"ensure_ascii": False},
        )


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    """The managed sector taxonomy."""

    serializer_class = SectorSerializer
    queryset = Sector.objects.order_by("order", "slug")
    lookup_field = "slug"
    pagination_class = None
