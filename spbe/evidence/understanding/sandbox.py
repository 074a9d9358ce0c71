"""Read a file in a child process with memory, CPU-time, wall-clock and page limits.

A 12.8 KB crafted PDF once made text extraction take 2 GB of memory and 36 s of CPU inside the
upload request. Reading now happens in the background worker, and there in a fresh Python
process (`child`) that limits itself with RLIMIT_AS and RLIMIT_CPU; the parent waits at most
``wall_seconds`` and then kills the child's whole process group (OCRmyPDF's Tesseract
processes included). Whatever happens, the caller gets a `SandboxOutcome`: a reading, or the
reason it was refused, in words a user understands.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess  # nosec B404 - fixed argument list, no shell
import sys
from dataclasses import dataclass

from .child import MEMORY_EXIT
from .limits import ReadingLimits
from .reading import DocumentReading

# Variables the child needs; nothing else of the parent's environment (no secrets) is passed.
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TESSDATA_PREFIX", "VIRTUAL_ENV")
CHILD_ENV = {
    # One malloc arena per thread would reserve 64 MB of address space each under RLIMIT_AS.
    "MALLOC_ARENA_MAX": "2",
    # Tesseract's OpenMP threads compete with the web workers on a small server.
    "OMP_THREAD_LIMIT": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
}


@dataclass(frozen=True)
class SandboxOutcome:
    """``reading`` when the child finished; else ``refused`` says why (Bahasa Indonesia) and
    ``limit`` which bound stopped it (memory, cpu, time, crash)."""

    reading: DocumentReading | None
    refused: str = ""
    limit: str = ""


def read_in_sandbox(
    path: str, kind: str, limits: ReadingLimits, *, tmpdir: str | None = None
) -> SandboxOutcome:
    """Read ``path`` in a limited child process; never raises for what the file does.
    ``tmpdir``: the child's temporary folder (OCR's files; what a killed child leaves there is
    found by `spbe evidence_orphans`)."""
    job = json.dumps({"path": str(path), "kind": kind, "limits": limits.as_dict()})
    env = {name: os.environ[name] for name in PASSED_ENV if name in os.environ}
    env.update(CHILD_ENV)
    if tmpdir:
        env["TMPDIR"] = tmpdir
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    process = subprocess.Popen(  # nosec B603 - our own module, fixed arguments
        [sys.executable, "-m", "spbe.evidence.understanding.child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so the kill reaches Tesseract too
    )
    try:
        stdout, stderr = process.communicate(job.encode(), timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        return SandboxOutcome(
            None,
            f"dihentikan: pembacaan tidak selesai dalam {limits.wall_seconds} detik",
            "time",
        )
    finally:
        _kill_group(process)
    return _outcome(process.returncode, stdout, stderr, limits)


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _outcome(
    returncode: int, stdout: bytes, stderr: bytes, limits: ReadingLimits
) -> SandboxOutcome:
    if returncode == 0:
        try:
            reading = DocumentReading(**json.loads(stdout)["reading"])
        except (ValueError, KeyError, TypeError):
            return SandboxOutcome(None, "pembaca berkas memberi hasil yang tidak sah", "crash")
        return SandboxOutcome(reading)
    if returncode == MEMORY_EXIT or b"MemoryError" in stderr[-2000:]:
        return SandboxOutcome(
            None,
            f"dihentikan: pembacaan memakai memori melebihi batas {limits.memory_mb} MB "
            "(berkas mungkin dibuat khusus untuk membebani server)",
            "memory",
        )
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return SandboxOutcome(
            None,
            f"dihentikan: waktu CPU melebihi batas {limits.cpu_seconds} detik",
            "cpu",
        )
    return SandboxOutcome(None, f"pembaca berkas berhenti tak terduga (kode {returncode})", "crash")
