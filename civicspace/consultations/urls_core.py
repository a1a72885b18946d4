"""The core consultation pages (the results, import, offline and SMS pages are in their own modules)."""

from django.urls import path

from . import views

C = "<slug:slug>"

urlpatterns = [
    path("", views.consultation_list, name="consultation-list"),
    path("new/", views.consultation_create, name="consultation-create"),
    path(f"{C}/", views.consultation_detail, name="consultation-detail"),
    path(f"{C}/edit/", views.consultation_update, name="consultation-update"),
    path(f"{C}/state/", views.consultation_transition, name="consultation-transition"),
    path(f"{C}/give-input/", views.submit, name="submit"),
    path(f"{C}/receipt/<str:receipt>/", views.receipt, name="receipt"),
    path(f"{C}/items/new/", views.item_create, name="item-create"),
    path(f"{C}/items/<int:pk>/edit/", views.item_update, name="item-update"),
    path(f"{C}/items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path(f"{C}/items/<int:pk>/response/", views.item_response, name="item-response"),
    path(f"{C}/moderation/", views.moderation_queue, name="moderation"),
    path(f"{C}/moderation/<int:pk>/", views.comment_moderate, name="comment-moderate"),
]
