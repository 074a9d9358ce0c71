"""Probes for the load balancer and the orchestrator: no login, no detail in the answer.

/healthz says the process answers. /readyz says it can serve: the database answers, the
evidence storage can be written, and (with the database task backend) the task queue table
is reachable. The reason for a failure goes to the log, never to the anonymous caller.
"""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    failed = [name for name, check in CHECKS if not _passes(name, check)]
    if failed:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def _passes(name, check) -> bool:
    try:
        check()
    except Exception:  # any failure means "not ready"; the reason is logged for operators
        logger.exception("readyz: %s check failed", name)
        return False
    return True


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _storage() -> None:
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def _task_queue() -> None:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.exists()


CHECKS = [("database", _database), ("storage", _storage), ("task queue", _task_queue)]
