from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("new/", views.organisation_create, name="organisation-create"),
    path("popolo.json", views.organisation_popolo, name="organisation-popolo"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("<slug:slug>/edit/", views.organisation_update, name="organisation-update"),
    path("<slug:slug>/members/", views.organisation_members, name="organisation-members"),
    path("<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="membership-remove"),
    path("<slug:slug>/member-organisations/", views.coalition_members, name="coalition-members"),
    path(
        "<slug:slug>/member-organisations/<int:pk>/remove/",
        views.coalition_member_remove,
        name="coalition-member-remove",
    ),
    path("<slug:slug>/contacts/", views.organisation_contacts, name="organisation-contacts"),
    path("<slug:slug>/contacts/<int:pk>/delete/", views.contact_delete, name="contact-delete"),
]
