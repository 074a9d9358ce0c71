"""Pages of evidence (server-rendered). The assessment panel under /bukti/penilaian/ belongs
to evaluations (`spbe.evaluations.evidence_urls`); config/urls.py mounts both lists under
/bukti/ in the one "evidence" namespace so every URL and name stays as it was."""

from django.urls import path

from spbe.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.index, name="index"),
    path("cari/", views.search, name="search"),
    path("instansi/<int:pk>/", views.library, name="library"),
    path("instansi/<int:pk>/unggah/", views.document_create, name="document_create"),
    path("dokumen/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokumen/<int:pk>/ubah/", views.document_edit, name="document_edit"),
    path("dokumen/<int:pk>/saran/", views.document_apply_suggestion, name="apply_suggestion"),
    path("dokumen/<int:pk>/arsip/", views.document_archive, name="document_archive"),
    path("dokumen/<int:pk>/revisi/", views.revision_upload, name="revision_upload"),
    path("dokumen/<int:pk>/unduh/", views.download, name="download"),
    path("revisi/<int:pk>/unduh/", views.revision_download, name="revision_download"),
]
