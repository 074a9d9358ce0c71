"""Send a person whose password someone else chose to the page where they choose their own."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# What stays reachable before the password is changed: the change itself, leaving, the
# language switch and static files (the page must still look like the product).
ALLOWED_URL_NAMES = ("password_change", "logout")
ALLOWED_PREFIXES = ("/i18n/", "/static/")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "must_change_password", False):
            allowed = {reverse(name) for name in ALLOWED_URL_NAMES}
            path = request.path_info
            if path not in allowed and not path.startswith(ALLOWED_PREFIXES):
                if path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": _("Ganti dulu kata sandi awal Anda di halaman profil.")},
                        status=403,
                    )
                return redirect("password_change")
        return self.get_response(request)
