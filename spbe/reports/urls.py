"""Dashboard and report pages, under /laporan/."""

from django.urls import path

from spbe.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("siklus/<int:pk>/", views.dashboard, name="dashboard"),
    path("siklus/<int:pk>/poin-hilang/", views.points_lost, name="points_lost"),
    path("siklus/<int:pk>/tahapan/", views.stages, name="stages"),
    path("siklus/<int:pk>/unit/", views.unit_cards, name="units"),
    path("siklus/<int:pk>/unit/<int:unit_pk>/", views.unit_cards, name="unit"),
    path("provinsi/<int:pk>/", views.province, name="province"),
    path("instansi/<int:pk>/", views.instansi, name="instansi"),
]
