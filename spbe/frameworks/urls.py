"""Pages of this app, mounted under /kerangka/ by config.urls."""

from django.urls import path

from spbe.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("<slug:code>/v<int:version>/", views.framework_detail, name="detail"),
    path(
        "<slug:code>/v<int:version>/indikator/<str:indicator>/",
        views.indicator_detail,
        name="indicator",
    ),
]
