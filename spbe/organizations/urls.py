"""Pages of organisations (server-rendered, HTMX fragments included)."""

from django.urls import path

from spbe.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.instansi_list, name="instansi_list"),
    path("<int:pk>/", views.instansi_detail, name="instansi_detail"),
    path("<int:pk>/unit/baru/", views.unit_create, name="unit_create"),
    path("unit/<int:unit_pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("unit/<int:unit_pk>/status/", views.unit_toggle, name="unit_toggle"),
    path("<int:pk>/pengguna/", views.member_list, name="member_list"),
    path("<int:pk>/pengguna.<str:fmt>", views.member_export, name="member_export"),
    path("<int:pk>/pengguna/baru/", views.member_create, name="member_create"),
    path("<int:pk>/pengguna/<int:user_pk>/", views.member_edit, name="member_edit"),
    path("<int:pk>/pengguna/<int:user_pk>/status/", views.member_toggle, name="member_toggle"),
    path(
        "<int:pk>/pengguna/<int:user_pk>/kata-sandi/",
        views.member_reset_password,
        name="member_reset_password",
    ),
    path("<int:pk>/pengguna/<int:user_pk>/buka-kunci/", views.member_unlock, name="member_unlock"),
    path("<int:pk>/pengguna/<int:user_pk>/peran/", views.grant_create, name="grant_create"),
    path("<int:pk>/peran/<int:grant_pk>/cabut/", views.grant_revoke, name="grant_revoke"),
    path("<int:pk>/impor/<str:kind>/", views.import_page, name="import"),
    path(
        "<int:pk>/impor/<str:kind>/templat.<str:fmt>",
        views.import_template,
        name="import_template",
    ),
]
