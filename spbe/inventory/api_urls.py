"""REST API routes of the inventory, mounted under /api/ by spbe.api.urls."""

from django.urls import path

from spbe.inventory import apis

PREFIX = "instansi/<int:instansi_pk>/inventory/"

urlpatterns = [
    path(f"{PREFIX}summary/", apis.SummaryApi.as_view(), name="api-inventory-summary"),
    path(f"{PREFIX}duplicates/", apis.DuplicatesApi.as_view(), name="api-inventory-duplicates"),
]
for slug in apis.LIST_APIS:
    urlpatterns += [
        path(f"{PREFIX}{slug}/", apis.LIST_APIS[slug].as_view(), name=f"api-inventory-{slug}"),
        path(
            f"{PREFIX}{slug}/<int:pk>/",
            apis.DETAIL_APIS[slug].as_view(),
            name=f"api-inventory-{slug}-detail",
        ),
    ]
