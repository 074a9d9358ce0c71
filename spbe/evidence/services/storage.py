"""Files in evidence storage that no revision points at (orphans), and their removal.

The upload services delete a file they wrote when their own transaction fails. A file can
still be left behind when the service ran inside a caller's larger transaction that rolled
back afterwards (Django has no rollback hook) or when the process died mid-request. Those are
found here by comparing the storage folder with the revisions table.

A killed process also leaves its temporary files: an upload being received, a copy of a file
being read, OCR's work files. They live in the product's own temporary folders
(`spbe.evidence.tempdirs`) and are found here by age (`evidence_temp_orphans`).
"""

from __future__ import annotations

import datetime
import shutil
import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from spbe.evidence.models import DocumentRevision
from spbe.evidence.tempdirs import temp_folders

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


def _newest_change(entry: Path) -> float:
    """When `entry` (a file, or a folder and anything in it) last changed."""
    newest = entry.stat().st_mtime
    if entry.is_dir():
        for inner in entry.rglob("*"):
            try:
                newest = max(newest, inner.stat().st_mtime)
            except FileNotFoundError:  # removed by its process meanwhile
                continue
    return newest


def evidence_temp_orphans(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)):
    """Files and folders in the temporary folders unchanged for `older_than` (a running
    upload or reading keeps changing its own; the reading is killed after
    EVIDENCE_READ_WALL_SECONDS), as absolute paths."""
    cutoff = time.time() - older_than.total_seconds()
    found: list[Path] = []
    for folder in temp_folders().values():
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            try:
                if _newest_change(entry) <= cutoff:
                    found.append(entry)
            except FileNotFoundError:
                continue
    return found


def evidence_temp_orphans_delete(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)):
    """Delete the temporary leftovers (see `evidence_temp_orphans`); returns their paths."""
    found = evidence_temp_orphans(older_than=older_than)
    for entry in found:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    return found
