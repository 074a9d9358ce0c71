"""REST API routes of the lembar kerja, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.worksheets import apis

urlpatterns = [
    path("cycles/<int:pk>/worksheet/", apis.WorksheetApi.as_view(), name="api-worksheet"),
    path(
        "cycles/<int:pk>/worksheet/import/",
        apis.WorksheetImportApi.as_view(),
        name="api-worksheet-import",
    ),
]
