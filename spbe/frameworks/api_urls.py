"""REST API routes of this app, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.frameworks import apis

urlpatterns = [
    path("frameworks/", apis.FrameworkListApi.as_view(), name="api-framework-list"),
    path("frameworks/<slug:code>/", apis.FrameworkDetailApi.as_view(), name="api-framework-detail"),
]
