from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from civicspace.dialogues.api.views import (
    MeetingViewSet,
    OutcomeVersionViewSet,
    ParticipantViewSet,
    SessionViewSet,
)
from civicspace.organisations.api.views import OrganisationViewSet, SectorViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("sectors", SectorViewSet, basename="sector")
router.register("meetings", MeetingViewSet, basename="meeting")
MEETING = "meetings/<slug:meeting_slug>"

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
    path("", include(router.urls)),
]
