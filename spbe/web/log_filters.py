"""Logging filters used by settings.LOGGING."""

import logging


class ExpectedClientErrors(logging.Filter):
    """403 and 404 are ordinary answers here (the permission rule refuses read-only roles and
    hides other instansi's data): keep their one-line WARNING from django.request, drop the
    traceback Django attaches to PermissionDenied. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True
