from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("spbe.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("spbe.accounts.urls")),
    path("organisasi/", include("spbe.organizations.urls")),
    path("kerangka/", include("spbe.frameworks.urls")),
    path("evaluasi/", include("spbe.evaluations.urls")),
    path("evaluasi/", include("spbe.worksheets.urls")),
    path("bukti/", include("spbe.evidence.urls")),
    path("rencana/", include("spbe.planning.urls")),
    path("laporan/", include("spbe.reports.urls")),
    path("audit/", include("spbe.audit.urls")),
    path("", include("spbe.web.urls")),
]

if settings.DEBUG:
    admin.site.site_header = "SPBE Monev (demo)"
