from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import mixins, permissions, viewsets
from rest_framework.request import Request

from civicspace.accounts.api import SECOND_FACTOR

from .. import selectors, services
from ..asks import meeting_asks
from ..models import Meeting, OutcomeVersion, Participant, SectorSession
from .serializers import (
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
