"""The results pages, open data and the PDF report (results_views.py)."""

from django.urls import path

from . import results_views

C = "<slug:slug>"

urlpatterns = [
    path(f"{C}/results/", results_views.results_page, name="results"),
    path(f"{C}/results.<str:fmt>", results_views.results_data, name="results-data"),
    path(f"{C}/comments.<str:fmt>", results_views.results_comments, name="results-comments"),
    path(f"{C}/results/report.pdf", results_views.results_report, name="results-report"),
]
