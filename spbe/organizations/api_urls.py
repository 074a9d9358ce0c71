"""REST API routes of organisations, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.organizations import apis

urlpatterns = [
    path("instansi/", apis.InstansiListApi.as_view(), name="api-instansi-list"),
    path("instansi/<int:pk>/", apis.InstansiDetailApi.as_view(), name="api-instansi-detail"),
    path("units/", apis.UnitListApi.as_view(), name="api-unit-list"),
    path("units/<int:pk>/", apis.UnitDetailApi.as_view(), name="api-unit-detail"),
    path("users/", apis.UserListApi.as_view(), name="api-user-list"),
    path("users/export/", apis.UserExportApi.as_view(), name="api-user-export"),
    path("users/<int:pk>/", apis.UserDetailApi.as_view(), name="api-user-detail"),
    path("role-grants/", apis.GrantListApi.as_view(), name="api-grant-list"),
    path("role-grants/<int:pk>/", apis.GrantDetailApi.as_view(), name="api-grant-detail"),
]
