"""REST API routes of this app, mounted under /api/ by spbe.api.urls."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
