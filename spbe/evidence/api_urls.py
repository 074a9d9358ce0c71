"""REST API routes of evidence, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.evidence import apis

urlpatterns = [
    path("documents/", apis.DocumentListApi.as_view(), name="api-document-list"),
    path("documents/search/", apis.SearchApi.as_view(), name="api-document-search"),
    path("documents/<int:pk>/", apis.DocumentDetailApi.as_view(), name="api-document-detail"),
    path(
        "documents/<int:pk>/revisions/",
        apis.RevisionListApi.as_view(),
        name="api-document-revisions",
    ),
    path(
        "documents/<int:pk>/download/",
        apis.DocumentDownloadApi.as_view(),
        name="api-document-download",
    ),
    path(
        "revisions/<int:pk>/download/",
        apis.RevisionDownloadApi.as_view(),
        name="api-revision-download",
    ),
]
