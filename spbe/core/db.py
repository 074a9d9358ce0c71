"""What "the database cannot be reached" means, for the 503 answers of pages and API.

PostgreSQL restarting, a dropped connection, the SQLite file gone: the request failed through
no fault of its own and may be retried, so it answers 503 with Retry-After instead of a 500
(spbe.core.api.errors for the API, spbe.web.errors for pages). Kept free of app imports: the
logging set-up (spbe.web.request_log) imports it before the apps are loaded.
"""

from django.db import InterfaceError, OperationalError

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
