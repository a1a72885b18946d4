"""The consultations API, included under /api/v1/ by config/api_urls.py."""

from . import urls_channels, urls_core, urls_results

# The channels' fixed routes (sms/) come before the routes that take a consultation's slug.
urlpatterns = [*urls_channels.urlpatterns, *urls_core.urlpatterns, *urls_results.urlpatterns]
