"""The consultation pages, one module per part so each can grow on its own."""

from . import urls_channels, urls_core, urls_results

app_name = "consultations"
urlpatterns = [*urls_core.urlpatterns, *urls_results.urlpatterns, *urls_channels.urlpatterns]
