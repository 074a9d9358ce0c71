"""Budget pages, under /belanja-tik/."""

from django.urls import path

from spbe.budget import views

app_name = "budget"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:instansi_pk>/", views.index, name="index"),
    path("<int:instansi_pk>/butir/baru/", views.item_edit, name="item_create"),
    path("<int:instansi_pk>/butir/<int:pk>/ubah/", views.item_edit, name="item_edit"),
    path("<int:instansi_pk>/butir/<int:pk>/konsultasi/", views.consult, name="consult"),
    path("<int:instansi_pk>/impor/", views.import_items, name="import"),
    path("<int:instansi_pk>/templat-impor.xlsx", views.import_template, name="import_template"),
    path("<int:instansi_pk>/surat-edaran/", views.letter_generate, name="letter_generate"),
    path("<int:instansi_pk>/surat-edaran/<int:pk>/", views.letter_download, name="letter"),
    path("<int:instansi_pk>/surat-edaran/templat/", views.letter_template, name="letter_template"),
]
