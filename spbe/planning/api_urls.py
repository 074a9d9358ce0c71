"""REST API routes of planning, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.planning import apis, apis_final

urlpatterns = [
    path("cycles/<int:pk>/planner/", apis.PlannerApi.as_view(), name="api-cycle-planner"),
    path(
        "cycles/<int:pk>/final-plan/",
        apis_final.FinalPlanApi.as_view(),
        name="api-cycle-final-plan",
    ),
    path("cycles/<int:pk>/what-if/", apis.WhatIfApi.as_view(), name="api-cycle-what-if"),
    path("cycles/<int:pk>/target/", apis.TargetApi.as_view(), name="api-cycle-target"),
    path(
        "cycles/<int:pk>/action-items/",
        apis.ActionItemListApi.as_view(),
        name="api-cycle-action-items",
    ),
    path(
        "cycles/<int:pk>/action-items/from-plan/",
        apis.ActionItemsFromPlanApi.as_view(),
        name="api-cycle-action-items-from-plan",
    ),
    path(
        "cycles/<int:pk>/action-items/export/",
        apis.ActionItemExportApi.as_view(),
        name="api-cycle-action-items-export",
    ),
    path("action-items/<int:pk>/", apis.ActionItemDetailApi.as_view(), name="api-action-item"),
]
