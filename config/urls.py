from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from civicspace.accounts import views as accounts_views
from civicspace.core import views as core_views
from civicspace.organisations import views as organisations_views

urlpatterns = [
    path("api/v1/", include(("config.api_urls", "api"), namespace="api")),
    path("healthz", core_views.healthz, name="healthz"),
    path("", core_views.root_redirect, name="root"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg"), name="favicon"),
]
urlpatterns += i18n_patterns(
    path("", organisations_views.home, name="home"),
    path("organisations/", include("civicspace.organisations.urls")),
    path("dialogues/", include("civicspace.dialogues.urls")),
    path("recommendations/", include("civicspace.recommendations.urls")),
    path("places/", include("civicspace.places.urls")),
    path("consultations/", include("civicspace.consultations.urls")),
    path("audit/", core_views.audit_log, name="audit-log"),
    path("accounts/api-token/", accounts_views.api_token, name="api-token"),
    path("accounts/", include("allauth.urls")),
    # The admin signs in through allauth, so two-factor authentication cannot be bypassed.
    path("admin/login/", core_views.admin_login_redirect, name="admin-login-redirect"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler403 = "civicspace.core.views.permission_denied"
handler404 = "civicspace.core.views.page_not_found"
