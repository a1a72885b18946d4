from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from civicspace.organisations.api.views import OrganisationViewSet, SectorViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("sectors", SectorViewSet, basename="sector")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
