from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from civicspace.accounts.api import SECOND_FACTOR

from .. import selectors, services
from ..asks import meeting_asks
from ..models import DialogueCycle, Meeting, OutcomeVersion, Participant, SectorSession
from .serializers import (
    CycleDetailSerializer,
    CycleSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    OutcomeVersionSerializer,
    ParticipantSerializer,
    SessionSerializer,
)


class MeetingViewSet(viewsets.ModelViewSet):
    """Dialogue meetings. Anyone may read; the secretariat and admins write."""

    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    rules_permissions = {
        "create": "dialogues.add_meeting",
        "update": "dialogues.change_meeting",
        "partial_update": "dialogues.change_meeting",
    }

    def get_queryset(self) -> QuerySet[Meeting]:
        if self.action == "retrieve":
            return Meeting.objects.select_related("cycle").prefetch_related(
                "conveners", "co_chairs__user", "co_chairs__organisation", "participants__organisation",
                "sessions__sector",
            )  # fmt: skip
        return selectors.meeting_list().prefetch_related("conveners")

    def get_serializer_class(self) -> Any:
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.action == "retrieve" and self.kwargs.get("slug"):
            sessions = SectorSession.objects.filter(meeting__slug=self.kwargs["slug"]).values_list(
                "pk", flat=True
            )
            context["asks_by_session"] = meeting_asks().by_session(sessions)
        return context

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        conveners = data.pop("conveners", [])
        serializer.instance = services.meeting_create(actor=self.request.user, conveners=conveners, **data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        conveners = data.pop("conveners", None)
        serializer.instance = services.meeting_update(
            meeting=serializer.instance, actor=self.request.user, conveners=conveners, **data
        )


class MeetingChildPermission(permissions.BasePermission):
    """Anyone reads a meeting's sessions, participants and outcome versions; adding to them needs
    `dialogues.change_meeting` on that meeting (the secretariat or an admin, while it is open)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        meeting = get_object_or_404(Meeting, slug=view.kwargs["meeting_slug"])
        return bool(request.user.has_perm("dialogues.change_meeting", meeting))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return request.method in permissions.SAFE_METHODS


class _MeetingChildMixin:
    kwargs: dict[str, Any]

    def meeting(self) -> Meeting:
        return get_object_or_404(Meeting, slug=self.kwargs["meeting_slug"])


class SessionViewSet(
    _MeetingChildMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = SessionSerializer
    permission_classes = [*SECOND_FACTOR, MeetingChildPermission]
    pagination_class = None

    def get_queryset(self) -> QuerySet[SectorSession]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no meeting in the URL
            return SectorSession.objects.none()
        return SectorSession.objects.filter(meeting__slug=self.kwargs["meeting_slug"]).select_related(
            "sector"
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.request.method == "GET" and not getattr(self, "swagger_fake_view", False):
            context["asks_by_session"] = meeting_asks().by_session(
                self.get_queryset().values_list("pk", flat=True)
            )
        return context

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.session_create(
            meeting=self.meeting(), actor=self.request.user, **serializer.validated_data
        )


class ParticipantViewSet(
    _MeetingChildMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ParticipantSerializer
    permission_classes = [*SECOND_FACTOR, MeetingChildPermission]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Participant]:
        if getattr(self, "swagger_fake_view", False):
            return Participant.objects.none()
        return Participant.objects.filter(meeting__slug=self.kwargs["meeting_slug"]).select_related(
            "organisation", "meeting"
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.participant_add(
            meeting=self.meeting(), actor=self.request.user, **serializer.validated_data
        )


class OutcomeVersionViewSet(_MeetingChildMixin, viewsets.ReadOnlyModelViewSet):
    """Outcome document versions: the frozen content, its SHA-256 digest and download links."""

    serializer_class = OutcomeVersionSerializer
    permission_classes = [*SECOND_FACTOR, MeetingChildPermission]
    lookup_field = "number"
    pagination_class = None

    def get_queryset(self) -> QuerySet[OutcomeVersion]:
        if getattr(self, "swagger_fake_view", False):
            return OutcomeVersion.objects.none()
        return OutcomeVersion.objects.filter(meeting__slug=self.kwargs["meeting_slug"]).select_related(
            "meeting"
        )


class CloseCyclePermission(permissions.BasePermission):
    """`dialogues.close_cycle` on the cycle. (RulesPermission checks the object only for the standard
    actions; for this one it would ask the rule without the cycle.)"""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return bool(request.user.has_perm("dialogues.close_cycle", obj))


class CycleViewSet(viewsets.ModelViewSet):
    """Dialogue cycles: recurring dialogues and their meetings. Anyone may read; the secretariat and admins
    create them, edit them while open, and close them (a closed cycle accepts no new meetings)."""

    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    rules_permissions = {
        "create": "dialogues.add_cycle",
        "update": "dialogues.change_cycle",
        "partial_update": "dialogues.change_cycle",
    }

    def get_queryset(self) -> QuerySet[DialogueCycle]:
        meetings = Prefetch(
            "meetings", queryset=Meeting.objects.order_by("starts_at").only("slug", "cycle_id")
        )
        return selectors.cycle_list().prefetch_related(meetings)

    def get_serializer_class(self) -> Any:
        return CycleDetailSerializer if self.action == "retrieve" else CycleSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        cycle = self.get_object()
        context = {**self.get_serializer_context(), "carried": selectors.cycle_carried_asks(cycle=cycle)}
        return Response(CycleDetailSerializer(cycle, context=context).data)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.cycle_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("slug", None)  # unchanged (validate_slug)
        serializer.instance = services.cycle_update(
            cycle=serializer.instance, actor=self.request.user, **data
        )

    @extend_schema(request=None, responses=CycleSerializer)
    @action(detail=True, methods=["post"], permission_classes=[*SECOND_FACTOR, CloseCyclePermission])
    def close(self, request: Request, slug: str) -> Response:
        """Close the cycle: it then accepts no new meetings and can no longer be edited."""
        cycle = services.cycle_close(cycle=self.get_object(), actor=request.user)
        return Response(CycleSerializer(cycle, context=self.get_serializer_context()).data)
