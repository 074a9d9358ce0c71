from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from spbe.web import health, views


class FaviconRedirect(RedirectView):
    """/favicon.ico, asked for by browsers and tools that do not read <link rel="icon">."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("web/favicon.svg")


urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
