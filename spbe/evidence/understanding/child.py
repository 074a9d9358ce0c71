"""The sandboxed reader: ``python -m spbe.evidence.understanding.child``, started by `sandbox`.

Reads one job as JSON on stdin (``path``, ``kind``, ``limits``), limits itself (address space
and CPU time, inherited by the Tesseract processes OCRmyPDF starts), reads the file and writes
the DocumentReading as JSON on stdout. It needs no database and no project settings: Django is
configured bare (messages stay in their Indonesian source form) so that this process starts
fast and can touch nothing but the file it was given.
"""

from __future__ import annotations

import json
import os
import resource
import sys

MEMORY_EXIT = 3
MEMORY_REPLY = b'{"ok": false, "reason": "memory"}'


def apply_limits(memory_mb: int, cpu_seconds: int) -> None:
    """RLIMIT_AS bounds every allocation (a PDF that explodes to gigabytes gets MemoryError);
    RLIMIT_CPU sends SIGXCPU at the soft limit and SIGKILL a little later."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def main() -> int:
    job = json.loads(sys.stdin.read())
    limits = job["limits"]
    apply_limits(limits["memory_mb"], limits["cpu_seconds"])
    out_of_memory = False
    try:
        from django.conf import settings

        if not settings.configured:
            settings.configure(USE_I18N=False)
        from spbe.evidence.understanding.limits import ReadingLimits
        from spbe.evidence.understanding.reading import read_document

        reading = read_document(job["path"], job["kind"], ReadingLimits(**limits))
    except MemoryError:
        out_of_memory = True
    if out_of_memory:
        # Outside the except block the traceback (and the huge buffers it holds) is gone;
        # still write with a preallocated reply and leave at once.
        os.write(1, MEMORY_REPLY)
        os._exit(MEMORY_EXIT)
    sys.stdout.write(json.dumps({"ok": True, "reading": reading.as_dict()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
