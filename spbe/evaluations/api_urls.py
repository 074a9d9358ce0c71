"""REST API routes of this app, mounted under /api/ by spbe.api.urls."""

from django.urls import include, path  # noqa: F401

urlpatterns: list = [
    path("", include("spbe.evaluations.official.api_urls")),
]
