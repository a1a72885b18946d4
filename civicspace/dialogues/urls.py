from django.urls import path

from . import import_views, views

app_name = "dialogues"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("import/", import_views.import_upload, name="import-upload"),
    path("import/<str:key>/", import_views.import_review, name="import-review"),
    # before the meetings' "<slug>/": "cycles", "new" and "import" are reserved (models.RESERVED_SLUGS)
    path("cycles/", views.cycle_list, name="cycle-list"),
    path("cycles/new/", views.cycle_create, name="cycle-create"),
    path("cycles/<slug:cycle>/", views.cycle_detail, name="cycle-detail"),
    path("cycles/<slug:cycle>/edit/", views.cycle_update, name="cycle-update"),
    path("cycles/<slug:cycle>/close/", views.cycle_close, name="cycle-close"),
    path("<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("<slug:slug>/edit/", views.meeting_update, name="meeting-update"),
    path("<slug:slug>/status/", views.meeting_status, name="meeting-status"),
    path("<slug:slug>/sessions/new/", views.session_edit, name="session-create"),
    path("<slug:slug>/sessions/<int:order>/edit/", views.session_edit, name="session-update"),
    path("<slug:slug>/sessions/<int:order>/asks/new/", views.ask_capture, name="ask-capture"),
    path("<slug:slug>/asks/<int:pk>/raise-again/", views.ask_raise_again, name="ask-raise-again"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/<int:pk>/remove/", views.participant_remove, name="participant-remove"),
    path("<slug:slug>/co-chairs/", views.co_chairs, name="co-chairs"),
    path("<slug:slug>/outcome/sections/", views.outcome_sections, name="outcome-sections"),
    path("<slug:slug>/outcome/sections/<int:pk>/", views.outcome_sections, name="outcome-section-edit"),
    path("<slug:slug>/outcome/draft/", views.outcome_draft, name="outcome-draft"),
    path("<slug:slug>/outcome/v<int:number>/", views.outcome_version, name="outcome-version"),
    path("<slug:slug>/outcome/v<int:number>/compare/", views.outcome_compare, name="outcome-compare"),
    path("<slug:slug>/outcome/v<int:number>/sign/", views.outcome_sign, name="outcome-sign"),
    path("<slug:slug>/outcome/v<int:number>.<str:fmt>", views.outcome_download, name="outcome-download"),
]
