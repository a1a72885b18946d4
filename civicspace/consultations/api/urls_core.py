from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ConsultationViewSet, SubmissionCreateView

router = SimpleRouter()
router.register("consultations", ConsultationViewSet, basename="consultation")

urlpatterns = [
    path(
        "consultations/<slug:slug>/submissions/",
        SubmissionCreateView.as_view(),
        name="consultation-submissions",
    ),
    *router.urls,
]
