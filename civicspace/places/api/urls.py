"""The places API, included under /api/v1/ (namespace `api`) by config/api_urls.py."""

from django.urls import path

from .views import PlaceViewSet

urlpatterns = [
    path("places/", PlaceViewSet.as_view({"get": "list"}), name="place-list"),
    path("places/<str:code>/", PlaceViewSet.as_view({"get": "retrieve"}), name="place-detail"),
]
