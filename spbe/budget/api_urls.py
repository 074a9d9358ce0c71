"""REST API routes of planned ICT spending, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.budget import apis

PREFIX = "instansi/<int:instansi_pk>/budget/"

urlpatterns = [
    path(f"{PREFIX}items/", apis.BudgetItemListApi.as_view(), name="api-budget-items"),
    path(f"{PREFIX}items/<int:pk>/", apis.BudgetItemDetailApi.as_view(), name="api-budget-item"),
    path(f"{PREFIX}summary/", apis.BudgetSummaryApi.as_view(), name="api-budget-summary"),
]
