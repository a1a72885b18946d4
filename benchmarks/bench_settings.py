"""Settings for the submission benchmarks only: the production settings, plus the reference view of
civicspace/consultations/bench_views.py routed by benchmarks/bench_urls.py."""

from config.settings.production import *  # noqa: F403

BENCH_REFERENCE_VIEWS = True
ROOT_URLCONF = "benchmarks.bench_urls"
