"""The project's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def deny(request):
    raise PermissionDenied("peran hanya-baca")


def boom(request):
    raise RuntimeError("kesalahan uji")


urlpatterns = [
    path("uji/ditolak/", deny),
    path("uji/rusak/", boom),
    *project_urlpatterns,
]
