"""Pages of this app (server-rendered, HTMX fragments included)."""

from django.urls import path

from spbe.evaluations.views import assessment, cycles, tasks

app_name = "evaluations"

urlpatterns = [
    path("", cycles.cycle_list, name="cycle_list"),
    path("baru/", cycles.cycle_create, name="cycle_create"),
    path("tugas/", tasks.my_tasks, name="my_tasks"),
    path("notifikasi/", tasks.notification_list, name="notifications"),
    path("<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("<int:pk>/tahap/", cycles.cycle_transition, name="cycle_transition"),
    path("<int:pk>/final/", cycles.cycle_finalise, name="cycle_finalise"),
    path("<int:pk>/buka-kembali/", cycles.cycle_reopen, name="cycle_reopen"),
    path("<int:pk>/batas-waktu/", cycles.cycle_deadlines, name="cycle_deadlines"),
    path("<int:pk>/indeks-eksternal/", cycles.cycle_external_values, name="cycle_external_values"),
    path("<int:pk>/matriks/", cycles.cycle_matrix, name="cycle_matrix"),
    path("<int:pk>/indikator.<str:fmt>", cycles.cycle_export, name="cycle_export"),
    path("<int:pk>/penugasan/", cycles.cycle_assign, name="cycle_assign"),
    path(
        "<int:pk>/indikator/<int:number>/", assessment.assessment_detail, name="assessment_detail"
    ),
]
