"""Pages of this app (server-rendered, HTMX fragments included)."""

from django.urls import path

from spbe.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("baru/", views.cycle_create, name="cycle_create"),
    path("tugas/", views.my_tasks, name="my_tasks"),
    path("notifikasi/", views.notification_list, name="notifications"),
    path("<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("<int:pk>/tahap/", views.cycle_transition, name="cycle_transition"),
    path("<int:pk>/final/", views.cycle_finalise, name="cycle_finalise"),
    path("<int:pk>/buka-kembali/", views.cycle_reopen, name="cycle_reopen"),
    path("<int:pk>/batas-waktu/", views.cycle_deadlines, name="cycle_deadlines"),
    path("<int:pk>/indeks-eksternal/", views.cycle_external_values, name="cycle_external_values"),
    path("<int:pk>/matriks/", views.cycle_matrix, name="cycle_matrix"),
    path("<int:pk>/indikator.<str:fmt>", views.cycle_export, name="cycle_export"),
    path("<int:pk>/penugasan/", views.cycle_assign, name="cycle_assign"),
    path("<int:pk>/indikator/<int:number>/", views.assessment_detail, name="assessment_detail"),
]
