"""Inventory pages, under /inventaris/."""

from django.urls import path

from spbe.inventory import views, views_evidence, views_import

app_name = "inventory"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:instansi_pk>/", views.index, name="index"),
    path("<int:instansi_pk>/duplikasi/", views.duplicates, name="duplicates"),
    path(
        "<int:instansi_pk>/duplikasi/<int:a>/<int:b>/",
        views.duplicate_decide,
        name="duplicate_decide",
    ),
    path("<int:instansi_pk>/ekspor.<str:fmt>", views.export, name="export"),
    path("<int:instansi_pk>/templat.<str:fmt>", views.template, name="template"),
    path("<int:instansi_pk>/impor/", views_import.upload, name="import"),
    path("<int:instansi_pk>/impor/pratinjau/", views_import.preview, name="import_preview"),
    path("<int:instansi_pk>/bukti/", views_evidence.snapshot, name="evidence"),
    path("<int:instansi_pk>/<slug:slug>/", views.item_list, name="item_list"),
    path("<int:instansi_pk>/<slug:slug>/baru/", views.item_edit, name="item_create"),
    path("<int:instansi_pk>/<slug:slug>/<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:instansi_pk>/<slug:slug>/<int:pk>/ubah/", views.item_edit, name="item_edit"),
]
