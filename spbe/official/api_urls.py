"""REST API of official results, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.official import apis

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
