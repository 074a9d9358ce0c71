"""Dashboard and report pages, under /laporan/."""

from django.urls import path

from spbe.reports import views, views_documents

app_name = "reports"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("siklus/<int:pk>/", views.dashboard, name="dashboard"),
    path("siklus/<int:pk>/poin-hilang/", views.points_lost, name="points_lost"),
    path(
        "siklus/<int:pk>/poin-hilang.<str:fmt>",
        views.points_lost_export,
        name="points_lost_export",
    ),
    path("siklus/<int:pk>/unit.<str:fmt>", views.unit_ranking_export, name="units_export"),
    path("siklus/<int:pk>/tahapan/", views.stages, name="stages"),
    path("siklus/<int:pk>/unit/", views.unit_cards, name="units"),
    path("siklus/<int:pk>/unit/<int:unit_pk>/", views.unit_cards, name="unit"),
    path("provinsi/<int:pk>/", views.province, name="province"),
    path("siklus/<int:pk>/dokumen/", views_documents.documents, name="documents"),
    path("provinsi/<int:pk>/laporan/", views_documents.province_generate, name="province_generate"),
    path(
        "siklus/<int:pk>/dokumen/buat/",
        views_documents.document_generate,
        name="document_generate",
    ),
    path("berkas/<int:pk>/", views_documents.generated_status, name="generated_status"),
    path("berkas/<int:pk>/unduh/", views_documents.generated_download, name="generated_download"),
    path(
        "instansi/<int:pk>/pengaturan-dokumen/",
        views_documents.document_settings,
        name="document_settings",
    ),
    path(
        "instansi/<int:pk>/templat-berita-acara/",
        views_documents.berita_acara_template_download,
        name="berita_acara_template",
    ),
    path("instansi/<int:pk>/", views.instansi, name="instansi"),
]
