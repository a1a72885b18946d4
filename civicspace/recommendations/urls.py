from django.urls import path

from . import dashboard_views, views

app_name = "recommendations"

urlpatterns = [
    path("", views.ask_list, name="ask-list"),
    path("new/", views.ask_create, name="ask-create"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.comment_moderate, name="comment-moderate"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("export.<str:fmt>", dashboard_views.export, name="export"),
    path("import/", dashboard_views.import_upload, name="import-upload"),
    path("import/<uuid:job>/", dashboard_views.import_status, name="import-status"),
    path("jobs/<uuid:job>/", dashboard_views.job_status, name="job-status"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("<int:pk>/", views.ask_detail, name="ask-detail"),
    path("<int:pk>/edit/", views.ask_update, name="ask-update"),
    path("<int:pk>/respond/", views.response_create, name="response-create"),
    path("<int:pk>/commitments/new/", views.commitment_create, name="commitment-create"),
    path("<int:pk>/progress/new/", views.progress_create, name="progress-create"),
    path("<int:pk>/assess/", views.assessment_create, name="assessment-create"),
    path("<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("<int:pk>/merge/", views.ask_merge, name="ask-merge"),
]
