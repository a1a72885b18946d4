"""The tracker API: `/api/v1/asks/` and, under each ask, its `responses/` and `progress/`.

Reads are open (restricted evidence is filtered by the selectors); writes need the same permission
names as the web pages and go through the services."""

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response as HttpResponse
from rest_framework.views import APIView

from civicspace.accounts.api import SECOND_FACTOR

from .. import selectors, services
from ..acting import Capacity, organisations_acting_as
from ..filters import AskFilter
from ..models import Ask, Evidence, ProgressUpdate, Response
from ..views import evidence_file_response
from .serializers import AskDetailSerializer, AskSerializer, ProgressSerializer, ResponseSerializer


class AskViewSet(viewsets.ModelViewSet):
    """Asks of the tracker, filtered like the public list (`q`, `sector`, `addressee`, `status`,
    `meeting`, `year`, `theme`, `level`). Anyone may read; the secretariat and admins add and change
    asks, admins delete them. One ask comes with its responses, commitments and progress."""

    filterset_class = AskFilter
    rules_permissions = {
        "create": "recommendations.add_ask",
        "update": "recommendations.change_ask",
        "partial_update": "recommendations.change_ask",
        "destroy": "recommendations.delete_ask",
    }

    def get_queryset(self) -> QuerySet[Ask]:
        if self.action == "list":
            return selectors.ask_list().prefetch_related("raised_by", "themes")
        return Ask.objects.select_related("sector", "meeting").prefetch_related(
            "raised_by", "addressees", "themes", "responses"
        )

    def get_serializer_class(self) -> Any:
        return AskDetailSerializer if self.action == "retrieve" else AskSerializer

    def get_object(self) -> Ask:
        if self.action != "retrieve":
            ask: Ask = super().get_object()
            return ask
        try:
            ask = selectors.ask_get(viewer=self.request.user, pk=int(self.kwargs["pk"]))
        except (Ask.DoesNotExist, ValueError) as exc:
            raise exceptions.NotFound() from exc
        self.check_object_permissions(self.request, ask)
        return ask

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.ask_create(
            actor=self.request.user,
            raised_by=data.pop("raised_by", []),
            addressees=data.pop("addressees", []),
            themes=data.pop("themes", []),
            **data,
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        relations = {name: data.pop(name, None) for name in ("raised_by", "addressees", "themes")}
        serializer.instance = services.ask_update(
            ask=serializer.instance, actor=self.request.user, **relations, **data
        )

    def perform_destroy(self, instance: Ask) -> None:
        services.ask_delete(ask=instance, actor=self.request.user)


class AskChildPermission(permissions.BasePermission):
    """Anyone reads an ask's responses and progress; adding one needs the view's `write_permission`
    (`recommendations.respond_ask`, `recommendations.report_progress`) on that ask."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user.has_perm(view.write_permission, view.ask()))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return request.method in permissions.SAFE_METHODS


class _AskChildMixin:
    kwargs: dict[str, Any]
    _ask: Ask | None = None

    def ask(self) -> Ask:
        if self._ask is None:
            self._ask = get_object_or_404(Ask, pk=self.kwargs["ask_pk"])
        return self._ask


class ResponseViewSet(
    _AskChildMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Every response to an ask, newest first. A focal point of an addressee (or an admin) records one."""

    serializer_class = ResponseSerializer
    permission_classes = [*SECOND_FACTOR, AskChildPermission]
    pagination_class = None
    filter_backends: list[Any] = []
    write_permission = "recommendations.respond_ask"

    def get_queryset(self) -> QuerySet[Response]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no ask in the URL
            return Response.objects.none()
        return (
            Response.objects.filter(ask=self.ask())
            .select_related("addressee")
            .order_by("-responded_on", "-id")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        ask = self.ask()
        serializer.instance = services.response_record(ask=ask, actor=self.request.user, **data)


class ProgressViewSet(
    _AskChildMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Progress reports on an ask, newest first, with their evidence links (restricted evidence only for
    those allowed to see it). A focal point of an addressee (or an admin) reports progress."""

    serializer_class = ProgressSerializer
    permission_classes = [*SECOND_FACTOR, AskChildPermission]
    pagination_class = None
    filter_backends: list[Any] = []
    write_permission = "recommendations.report_progress"

    def get_queryset(self) -> QuerySet[ProgressUpdate]:
        if getattr(self, "swagger_fake_view", False):
            return ProgressUpdate.objects.none()
        self.ask()  # 404 for an unknown ask
        return ProgressUpdate.objects.none()  # list() reads through selectors.ask_get instead

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            ask = selectors.ask_get(viewer=request.user, pk=self.ask().pk)
        except Ask.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        return HttpResponse(self.get_serializer(ask.progress_updates.all(), many=True).data)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        ask, user = self.ask(), self.request.user
        organisation = data.pop("organisation", None)
        if organisation is None:  # the first addressee the user answers for (services.acting decides)
            answering = organisations_acting_as(user=user, ask=ask, capacity=Capacity.ADDRESSEE)
            organisation = answering.order_by("pk").first()
        evidence = [dict(item) for item in data.pop("evidence", [])]
        serializer.instance = services.progress_report(
            ask=ask, actor=user, organisation=organisation, evidence=evidence, **data
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        created = serializer.instance
        assert isinstance(created, ProgressUpdate)
        fresh = ProgressUpdate.objects.select_related("organisation").prefetch_related("evidence")
        data = self.get_serializer(fresh.get(pk=created.pk)).data
        return HttpResponse(data, status=status.HTTP_201_CREATED)


class EvidenceFileView(APIView):
    """An evidence file (the `file` address of a progress report's evidence), as an attachment. Restricted
    evidence only for those who may see it; for anyone else it does not exist (404)."""

    permission_classes = [*SECOND_FACTOR]

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The file is sent as it is, whatever the Accept header says (no 406); errors stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> FileResponse:
        try:
            evidence = selectors.evidence_file_get(viewer=request.user, pk=pk)
        except Evidence.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        return evidence_file_response(evidence)
