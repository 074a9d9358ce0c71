"""The REST API: each app's routes under /api/, the OpenAPI schema and its local docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

API_APPS = [
    "accounts",
    "organizations",
    "audit",
    "frameworks",
    "evaluations",
    "evidence",
    "planning",
    "reports",
    "worksheets",
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    *[path("", include(f"spbe.{app}.api_urls")) for app in API_APPS],
]
