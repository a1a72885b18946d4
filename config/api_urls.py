from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from civicspace.dialogues.api.views import (
    CycleViewSet,
    MeetingViewSet,
    OutcomeVersionViewSet,
    ParticipantViewSet,
    SessionViewSet,
)
from civicspace.organisations.api.views import OrganisationViewSet, SectorViewSet
from civicspace.recommendations.api.views import (
    AskViewSet,
    EvidenceFileView,
    ProgressViewSet,
    ResponseViewSet,
)

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("sectors", SectorViewSet, basename="sector")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("cycles", CycleViewSet, basename="cycle")
router.register("asks", AskViewSet, basename="ask")
MEETING = "meetings/<slug:meeting_slug>"
ASK = "asks/<int:ask_pk>"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        f"{MEETING}/sessions/",
        SessionViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-sessions",
    ),
    path(
        f"{MEETING}/participants/",
        ParticipantViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-participants",
    ),
    path(
        f"{MEETING}/outcome-documents/",
        OutcomeVersionViewSet.as_view({"get": "list"}),
        name="meeting-outcomes",
    ),
    path(
        f"{MEETING}/outcome-documents/<int:number>/",
        OutcomeVersionViewSet.as_view({"get": "retrieve"}),
        name="meeting-outcome-detail",
    ),
    path(
        f"{ASK}/responses/", ResponseViewSet.as_view({"get": "list", "post": "create"}), name="ask-responses"
    ),
    path(f"{ASK}/progress/", ProgressViewSet.as_view({"get": "list", "post": "create"}), name="ask-progress"),
    path("evidence/<int:pk>/file/", EvidenceFileView.as_view(), name="evidence-file"),
    path("", include("civicspace.places.api.urls")),
    path("", include("civicspace.consultations.api.urls")),
    path("", include(router.urls)),
]
