from django.urls import path

from .results import ConsultationResultsView

urlpatterns = [
    path(
        "consultations/<slug:slug>/results/", ConsultationResultsView.as_view(), name="consultation-results"
    ),
]
