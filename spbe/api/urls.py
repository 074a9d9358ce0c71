"""The REST API: each app's routes under /api/, the OpenAPI schema and its local docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

API_APPS = [
    "accounts",
    "organizations",
    "audit_trail",
    "frameworks",
    "evaluations",
    "official",
    "evidence",
    "planning",
    "reports",
    "inventory",
    "budget",
    "worksheets",
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script for CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *[path("", include(f"spbe.{app}.api_urls")) for app in API_APPS],
]
