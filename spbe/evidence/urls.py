"""Pages of this app (server-rendered, HTMX fragments included)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
