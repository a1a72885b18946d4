"""The project's URLs plus the benchmark's reference view (benchmarks/bench_settings.py)."""

from django.urls import path

from civicspace.consultations.views import bench as bench_views
from config.urls import handler403, handler404, urlpatterns

__all__ = ["handler403", "handler404", "urlpatterns"]

urlpatterns = [
    path("bench/reference/<slug:slug>/submit/", bench_views.reference_submit, name="bench-reference-submit"),
    *urlpatterns,
]
