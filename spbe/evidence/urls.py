"""Pages of evidence (server-rendered; the assessment panel's HTMX endpoints included)."""

from django.urls import path

from spbe.evidence import views, views_panel, views_reading

app_name = "evidence"

urlpatterns = [
    path("", views.index, name="index"),
    path("cari/", views.search, name="search"),
    path("instansi/<int:pk>/", views.library, name="library"),
    path("instansi/<int:pk>/unggah/", views.document_create, name="document_create"),
    path("dokumen/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokumen/<int:pk>/ubah/", views.document_edit, name="document_edit"),
    path("dokumen/<int:pk>/saran/", views.document_apply_suggestion, name="apply_suggestion"),
    path("dokumen/<int:pk>/bacaan/", views_reading.document_reading, name="document_reading"),
    path("dokumen/<int:pk>/konfirmasi/", views_reading.document_confirm, name="document_confirm"),
    path("dokumen/<int:pk>/arsip/", views.document_archive, name="document_archive"),
    path("dokumen/<int:pk>/revisi/", views.revision_upload, name="revision_upload"),
    path("dokumen/<int:pk>/unduh/", views.download, name="download"),
    path("revisi/<int:pk>/unduh/", views.revision_download, name="revision_download"),
    path("penilaian/<int:pk>/", views_panel.assessment_panel, name="assessment_panel"),
    path("penilaian/<int:pk>/pilih/", views_panel.assessment_picker, name="assessment_picker"),
    path("penilaian/<int:pk>/tautkan/", views_panel.assessment_link, name="assessment_link"),
    path("penilaian/<int:pk>/unggah/", views_panel.assessment_upload, name="assessment_upload"),
    path("tautan/<int:pk>/hapus/", views_panel.unlink, name="unlink"),
]
