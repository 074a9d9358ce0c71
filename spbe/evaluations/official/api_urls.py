"""REST API of official results, included from spbe/evaluations/api_urls.py (under /api/)."""

from django.urls import path

from spbe.evaluations.official import apis

urlpatterns = [
    path(
        "cycles/<int:pk>/official-import/preview",
        apis.OfficialPreviewApi.as_view(),
        name="api-official-import-preview",
    ),
    path(
        "cycles/<int:pk>/official-import/confirm",
        apis.OfficialConfirmApi.as_view(),
        name="api-official-import-confirm",
    ),
    path(
        "published-results/",
        apis.PublishedResultListApi.as_view(),
        name="api-published-result-list",
    ),
]
