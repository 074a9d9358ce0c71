from django.urls import path

from spbe.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
