"""Error handlers: the API answers its JSON error shape, and a database that cannot be
reached is a 503, not a 500.

An OperationalError raised before any view runs (the session or the user is loaded by a
middleware) never reaches the API's exception handler, so it arrives here. Pages get the
standalone 503 page, the API its JSON error; both say when to retry (Retry-After). Everything
else is Django's own 500 page.
"""

import sys

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from spbe.core.api.errors import api_error_body, database_unavailable_body
from spbe.core.db import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    """An address under /api/ that no endpoint has: the API's 404, not the HTML page."""
    if _is_api(request):
        return JsonResponse(api_error_body("not_found", _("Alamat API ini tidak ada.")), status=404)
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if not isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return defaults.server_error(request, template_name)
    if _is_api(request):
        response = JsonResponse(database_unavailable_body(), status=503)
    else:
        # Rendered without the request, like the 500 page: nothing may touch the database.
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
