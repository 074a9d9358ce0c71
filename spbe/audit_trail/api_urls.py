"""REST API routes of the audit trail (read-only), mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.audit_trail import apis

urlpatterns = [
    path("audit-events/", apis.EventListApi.as_view(), name="api-audit-list"),
    path("audit-events/export/", apis.EventExportApi.as_view(), name="api-audit-export"),
]
