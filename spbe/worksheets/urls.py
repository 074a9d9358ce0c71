"""Pages of the lembar kerja, under /evaluasi/<cycle>/lembar-kerja/."""

from django.urls import path

from spbe.worksheets import views

app_name = "worksheets"

urlpatterns = [
    path("<int:pk>/lembar-kerja.xlsx", views.worksheet_download, name="download"),
    path("<int:pk>/lembar-kerja/impor/", views.worksheet_import, name="import"),
    path("<int:pk>/lembar-kerja/konfirmasi/", views.worksheet_confirm, name="confirm"),
]
