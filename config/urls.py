from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from spbe.evaluations import evidence_urls as assessment_evidence_urls
from spbe.evidence import urls as evidence_urls

# /bukti/ is one namespace with two owners: evidence's document pages and evaluations' panel
# that links documents to an assessment (evaluations own the links; evidence imports none).
EVIDENCE_PATTERNS = evidence_urls.urlpatterns + assessment_evidence_urls.urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("spbe.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("spbe.accounts.urls")),
    path("organisasi/", include("spbe.organizations.urls")),
    path("kerangka/", include("spbe.frameworks.urls")),
    path("evaluasi/", include("spbe.evaluations.urls")),
    path("evaluasi/", include("spbe.worksheets.urls")),
    # Official results share the /evaluasi/ prefix (their pages hang off a cycle).
    path("evaluasi/", include("spbe.official.urls")),
    path("bukti/", include((EVIDENCE_PATTERNS, evidence_urls.app_name))),
    path("rencana/", include("spbe.planning.urls")),
    path("laporan/", include("spbe.reports.urls")),
    path("inventaris/", include("spbe.inventory.urls")),
    path("belanja-tik/", include("spbe.budget.urls")),
    path("audit/", include("spbe.audit_trail.urls")),
    path("", include("spbe.web.urls")),
]

if settings.DEBUG:
    admin.site.site_header = "SPBE Monev (demo)"

# A database that cannot be reached answers 503 with Retry-After (spbe/web/errors.py).
handler500 = "spbe.web.errors.server_error"
handler404 = "spbe.web.errors.page_not_found"
