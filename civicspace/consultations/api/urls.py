"""The consultations API, included under /api/v1/ by config/api_urls.py: the consultations and their
submissions (views.py), the channels' endpoints (channels.py) and the results (results.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .channels import OfflineSyncView, SmsWebhookView
from .results import ConsultationResultsView
from .views import ConsultationViewSet, SubmissionCreateView

router = SimpleRouter()
router.register("consultations", ConsultationViewSet, basename="consultation")

urlpatterns = [
    # The channels' fixed routes (sms/) come before the routes that take a consultation's slug.
    path("consultations/sms/", SmsWebhookView.as_view(), name="consultation-sms"),
    path(
        "consultations/<slug:slug>/offline-submissions/",
        OfflineSyncView.as_view(),
        name="consultation-offline-sync",
    ),
    path(
        "consultations/<slug:slug>/submissions/",
        SubmissionCreateView.as_view(),
        name="consultation-submissions",
    ),
    *router.urls,
    path(
        "consultations/<slug:slug>/results/", ConsultationResultsView.as_view(), name="consultation-results"
    ),
]
