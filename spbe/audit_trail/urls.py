"""Pages of the audit trail."""

from django.urls import path

from spbe.audit_trail import views

app_name = "audit"

urlpatterns = [
    path("", views.event_home, name="event_home"),
    path("<int:pk>/", views.event_list, name="event_list"),
    path("<int:pk>/ekspor.csv", views.event_export, name="event_export"),
]
