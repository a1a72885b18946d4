"""The channels beyond the web form: imports and offline capture (channels_views.py)."""

from django.urls import path

from . import channels_views

urlpatterns = [
    path("<slug:slug>/import/", channels_views.import_upload, name="import-upload"),
    path("<slug:slug>/import/template.<str:fmt>", channels_views.import_template, name="import-template"),
    path("<slug:slug>/import/<uuid:job>/", channels_views.import_status, name="import-status"),
    path("<slug:slug>/offline/", channels_views.offline_capture, name="offline-capture"),
    path("<slug:slug>/offline/sw.js", channels_views.offline_service_worker, name="offline-sw"),
    path(
        "<slug:slug>/offline/manifest.webmanifest", channels_views.offline_manifest, name="offline-manifest"
    ),
]
