"""REST API routes of the dashboards, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.reports import apis, apis_documents

urlpatterns = [
    path(
        "cycles/<int:pk>/dashboard/", apis.CycleDashboardApi.as_view(), name="api-cycle-dashboard"
    ),
    path(
        "provinces/<int:pk>/comparison/",
        apis.ProvinceComparisonApi.as_view(),
        name="api-province-comparison",
    ),
    path(
        "cycles/<int:pk>/generated-files/",
        apis_documents.CycleDocumentsApi.as_view(),
        name="api-cycle-generated-files",
    ),
    path(
        "provinces/<int:pk>/generated-files/",
        apis_documents.ProvinceDocumentsApi.as_view(),
        name="api-province-generated-files",
    ),
    path(
        "generated-files/<int:pk>/",
        apis_documents.DocumentStatusApi.as_view(),
        name="api-generated-file",
    ),
    path(
        "generated-files/<int:pk>/download/",
        apis_documents.DocumentDownloadApi.as_view(),
        name="api-generated-file-download",
    ),
    path(
        "cycles/<int:pk>/points-lost/export/",
        apis.PointsLostExportApi.as_view(),
        name="api-cycle-points-lost-export",
    ),
    path(
        "cycles/<int:pk>/unit-ranking/export/",
        apis.UnitRankingExportApi.as_view(),
        name="api-cycle-unit-ranking-export",
    ),
]
