"""Planning pages, under /rencana/: planner, what-if, action plans."""

from django.urls import path

from spbe.planning import views, views_final

app_name = "planning"

urlpatterns = [
    path("siklus/<int:pk>/", views.plan, name="plan"),
    path("siklus/<int:pk>/aksi.<str:fmt>", views.plan_export, name="plan_export"),
    path("siklus/<int:pk>/perencana/", views.planner, name="planner"),
    path("siklus/<int:pk>/nilai-akhir/", views_final.final_plan, name="final_plan"),
    path("siklus/<int:pk>/simulasi/", views.what_if, name="what_if"),
    path("siklus/<int:pk>/simulasi/hasil/", views.what_if_result, name="what_if_result"),
    path("siklus/<int:pk>/aksi/baru/", views.action_item_create, name="action_item_create"),
    path("siklus/<int:pk>/aksi/<int:item_pk>/", views.action_item_edit, name="action_item_edit"),
    path(
        "siklus/<int:pk>/aksi/<int:item_pk>/hapus/",
        views.action_item_delete,
        name="action_item_delete",
    ),
]
