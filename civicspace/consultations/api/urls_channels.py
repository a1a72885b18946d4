"""API routes of the channels: the SMS/chat gateway webhook and the offline page's sync endpoint."""

from django.urls import path

from .channels import OfflineSyncView, SmsWebhookView

urlpatterns = [
    path("consultations/sms/", SmsWebhookView.as_view(), name="consultation-sms"),
    path(
        "consultations/<slug:slug>/offline-submissions/",
        OfflineSyncView.as_view(),
        name="consultation-offline-sync",
    ),
]
