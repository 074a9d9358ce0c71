"""Pages of this app (server-rendered, HTMX fragments included)."""

from django.urls import include, path  # noqa: F401

urlpatterns: list = [
    path("", include("spbe.evaluations.official.urls")),
]
