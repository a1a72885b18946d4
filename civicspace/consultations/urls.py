"""The consultation pages (views/), under /consultations/."""

from django.urls import path

from .views import consultations, imports, offline, results, submit

app_name = "consultations"

C = "<slug:slug>"

urlpatterns = [
    path("", consultations.consultation_list, name="consultation-list"),
    path("new/", consultations.consultation_create, name="consultation-create"),
    path(f"{C}/", consultations.consultation_detail, name="consultation-detail"),
    path(f"{C}/edit/", consultations.consultation_update, name="consultation-update"),
    path(f"{C}/state/", consultations.consultation_transition, name="consultation-transition"),
    path(f"{C}/give-input/", submit.submit, name="submit"),
    path(f"{C}/receipt/<str:receipt>/", submit.receipt, name="receipt"),
    path(f"{C}/items/new/", consultations.item_create, name="item-create"),
    path(f"{C}/items/<int:pk>/edit/", consultations.item_update, name="item-update"),
    path(f"{C}/items/<int:pk>/delete/", consultations.item_delete, name="item-delete"),
    path(f"{C}/items/<int:pk>/response/", consultations.item_response, name="item-response"),
    path(f"{C}/moderation/", consultations.moderation_queue, name="moderation"),
    path(f"{C}/moderation/<int:pk>/", consultations.comment_moderate, name="comment-moderate"),
    # results (views/results.py)
    path(f"{C}/results/", results.results_page, name="results"),
    path(f"{C}/results.<str:fmt>", results.results_data, name="results-data"),
    path(f"{C}/comments.<str:fmt>", results.results_comments, name="results-comments"),
    path(f"{C}/results/report.pdf", results.results_report, name="results-report"),
    # the channels beyond the web form: imports (views/imports.py) and offline capture (views/offline.py)
    path(f"{C}/import/", imports.import_upload, name="import-upload"),
    path(f"{C}/import/template.<str:fmt>", imports.import_template, name="import-template"),
    path(f"{C}/import/<uuid:job>/", imports.import_status, name="import-status"),
    path(f"{C}/offline/", offline.offline_capture, name="offline-capture"),
    path(f"{C}/offline/sw.js", offline.offline_service_worker, name="offline-sw"),
    path(f"{C}/offline/manifest.webmanifest", offline.offline_manifest, name="offline-manifest"),
]
