"""REST API routes of accounts, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.accounts import apis

urlpatterns = [
    path("tokens/", apis.TokenListApi.as_view(), name="api-token-list"),
    path("tokens/<int:pk>/", apis.TokenDetailApi.as_view(), name="api-token-detail"),
]
