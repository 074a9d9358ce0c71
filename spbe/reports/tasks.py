"""Background work of the reports app, through Django's tasks interface (django_tasks).

The demo and the tests run tasks at once (ImmediateBackend); production sets
TASKS_BACKEND=database and runs a worker, so a document that takes a while never blocks a
request. The service enqueues with `transaction.on_commit`: the task never sees a request
that was rolled back.
"""

from __future__ import annotations

from django_tasks import task

from spbe.reports.services import generated_file_build


@task()
def generate_file(generated_id: int) -> str:
    """Build one queued GeneratedFile; returns its final status."""
    generated = generated_file_build(generated_id=generated_id)
    return generated.status if generated is not None else "missing"
