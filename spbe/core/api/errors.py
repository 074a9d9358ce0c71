"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from spbe.core.db import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


class DatabaseUnavailable(exceptions.APIException):
    status_code = 503
    default_code = "database_unavailable"
    default_detail = gettext_lazy(
        "Basis data sedang tidak dapat dihubungi. Coba lagi dalam beberapa saat."
    )


def api_error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def database_unavailable_body() -> dict:
    """The API's error body for a 503 raised outside DRF (by a middleware, say)."""
    return api_error_body(DatabaseUnavailable.default_code, str(DatabaseUnavailable.default_detail))


def exception_handler(exc, context):
    if isinstance(exc, DATABASE_UNAVAILABLE):
        logger.warning("database unavailable", exc_info=exc)
        exc = DatabaseUnavailable()
    # Service-layer errors are Django ValidationErrors; present them as 400s.
    elif isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    if isinstance(exc, exceptions.ValidationError):
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        message = _("Data yang dikirim tidak valid.")
    else:
        fields = {}
        message = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
    response.data = api_error_body(getattr(exc, "default_code", "error"), message, fields)
    if isinstance(exc, DatabaseUnavailable):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
