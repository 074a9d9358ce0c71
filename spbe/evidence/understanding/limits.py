"""The bounds of reading one file, from settings (EVIDENCE_READ_*, EVIDENCE_OCR_*)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ReadingLimits:
    """``memory_mb``: address space of the child process (RLIMIT_AS); ``cpu_seconds``: its
    CPU time (RLIMIT_CPU, and the wall-clock budget of text extraction); ``wall_seconds``:
    when the parent gives up and kills it (a process asleep uses no CPU); ``max_pages``: pages
    of a text PDF read; ``ocr_max_pages``: pages recognised by OCR; ``ocr``: OCR allowed."""

    memory_mb: int = 1024
    cpu_seconds: int = 180
    wall_seconds: int = 600
    max_pages: int = 300
    ocr_max_pages: int = 30
    ocr: bool = True

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_settings(cls) -> ReadingLimits:
        from django.conf import settings

        return cls(
            memory_mb=settings.EVIDENCE_READ_MEMORY_MB,
            cpu_seconds=settings.EVIDENCE_READ_CPU_SECONDS,
            wall_seconds=settings.EVIDENCE_READ_WALL_SECONDS,
            max_pages=settings.EVIDENCE_READ_MAX_PAGES,
            ocr_max_pages=settings.EVIDENCE_OCR_MAX_PAGES,
            ocr=settings.EVIDENCE_OCR_ENABLED,
        )
