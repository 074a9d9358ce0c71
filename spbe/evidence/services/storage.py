"""Files in evidence storage that no revision points at (orphans), and their removal.

The upload services delete a file they wrote when their own transaction fails. A file can
still be left behind when the service ran inside a caller's larger transaction that rolled
back afterwards (Django has no rollback hook) or when the process died mid-request. Those are
found here by comparing the storage folder with the revisions table.
"""

from __future__ import annotations

import datetime

from django.core.files.storage import default_storage
from django.utils import timezone

from spbe.evidence.models import DocumentRevision

ROOT = "bukti"


def _walk(storage, folder: str):
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in dirs:
        yield from _walk(storage, f"{folder}/{name}")


def evidence_orphan_files(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)):
    """Names of stored evidence files no revision refers to, older than `older_than` (files
    being written by a running request are young and left alone)."""
    storage = default_storage
    known = set(DocumentRevision.objects.values_list("file", flat=True))
    cutoff = timezone.now() - older_than
    orphans = []
    for name in _walk(storage, ROOT):
        if name in known:
            continue
        try:
            modified = storage.get_modified_time(name)
        except (NotImplementedError, OSError):
            modified = None
        if modified is None or modified <= cutoff:
            orphans.append(name)
    return orphans


def evidence_orphan_files_delete(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)):
    """Delete the orphan files; returns their names. Not audited: no record pointed at them."""
    names = evidence_orphan_files(older_than=older_than)
    for name in names:
        default_storage.delete(name)
    return names
