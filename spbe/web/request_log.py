"""One structured log line per request: request id, user id, status and duration.

The request id comes from the reverse proxy's X-Request-ID when it sends one (so the proxy's
and the application's lines can be joined) or is made here, and is returned in the response.
Only the method, the path without its query string, the status and the timing are logged:
never a body, so no evidence content and no password can reach the log.
"""

import contextvars
import logging
import re
import time
import uuid

from django.conf import settings

from spbe.core.db import DATABASE_UNAVAILABLE

logger = logging.getLogger("spbe.request")
_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar("spbe_request", default=None)
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextFilter(logging.Filter):
    """Adds request_id and user_id to every record logged while a request is served."""

    def filter(self, record):
        context = _context.get() or {}
        record.request_id = context.get("request_id", "-")
        record.user_id = context.get("user_id")
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = _context.set({"request_id": request_id})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            _context.set({"request_id": request_id, "user_id": _user_id(request)})
            response.headers["X-Request-ID"] = request_id
            if settings.SPBE_LOG_REQUESTS:
                logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            _context.reset(token)


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DATABASE_UNAVAILABLE:
        # The session's user could not be loaded (the answer is already the 503): the request
        # is still logged, without a user, and keeps its X-Request-ID.
        return None
