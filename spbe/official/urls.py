"""Pages of official results, mounted under /evaluasi/ by config/urls.py (namespace "official")."""

from django.urls import path

from spbe.official import views

app_name = "official"

urlpatterns = [
    path("siklus/<int:pk>/hasil-resmi/", views.official_import, name="import"),
    path("siklus/<int:pk>/hasil-resmi/konfirmasi/", views.official_confirm, name="confirm"),
    path(
        "siklus/<int:pk>/hasil-resmi/templat.<str:fmt>",
        views.official_template,
        name="template",
    ),
    path("instansi/<int:pk>/riwayat-indeks/", views.published_history, name="history"),
]
