from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("options/", views.place_options, name="options"),
]
