"""REST API routes of the dashboards, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.reports import apis

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
