"""Routes of the assessment evidence panel (HTMX), mounted by config/urls.py under /bukti/ in
the "evidence" namespace beside evidence's own pages (see `spbe.evidence.urls`)."""

from django.urls import path

from spbe.evaluations import views_evidence

urlpatterns = [
    path("penilaian/<int:pk>/", views_evidence.assessment_panel, name="assessment_panel"),
    path("penilaian/<int:pk>/pilih/", views_evidence.assessment_picker, name="assessment_picker"),
    path("penilaian/<int:pk>/tautkan/", views_evidence.assessment_link, name="assessment_link"),
    path("penilaian/<int:pk>/unggah/", views_evidence.assessment_upload, name="assessment_upload"),
    path("tautan/<int:pk>/hapus/", views_evidence.unlink, name="unlink"),
]
