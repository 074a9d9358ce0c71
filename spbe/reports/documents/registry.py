"""Which builder makes which kind of generated file, and the file's name.

A builder takes the GeneratedFile (its parameters) and a `progress(percent)` callback and
returns the file's bytes; it raises DocumentError with a message for the user when the
document cannot be made from the data.
"""

from __future__ import annotations

from collections.abc import Callable

from spbe.evidence.files import safe_filename
from spbe.reports.documents.common import DocumentError
from spbe.reports.models import GeneratedFile

Kind = GeneratedFile.Kind
Progress = Callable[[int], None]

#: The formats each kind can be made in (the first is the default).
FORMATS: dict[str, tuple[str, ...]] = {
    Kind.LHE: ("pdf",),
    Kind.BERITA_ACARA: ("docx", "pdf"),
    Kind.SCORECARD: ("pdf",),
    Kind.PROVINCE: ("pdf",),
    Kind.PACKAGE: ("zip",),
}
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}
NAME_PREFIX = {
    Kind.LHE: "LHE-Internal",
    Kind.BERITA_ACARA: "Berita-Acara",
    Kind.SCORECARD: "Kartu-Skor",
    Kind.PROVINCE: "Laporan-Provinsi",
    Kind.PACKAGE: "Paket-Unggah",
}


def _lhe(generated: GeneratedFile, progress: Progress) -> bytes:
    from spbe.reports.documents.lhe import lhe_pdf

    progress(10)
    return lhe_pdf(generated.cycle, generated.stage)


def _berita_acara(generated: GeneratedFile, progress: Progress) -> bytes:
    from spbe.reports.documents.berita_acara import berita_acara_docx, berita_acara_pdf

    progress(10)
    if generated.file_format == "pdf":
        return berita_acara_pdf(generated.cycle, generated.stage)
    return berita_acara_docx(generated.cycle, generated.stage)


def _scorecard(generated: GeneratedFile, progress: Progress) -> bytes:
    from spbe.reports.documents.scorecard import scorecard_pdf

    progress(10)
    return scorecard_pdf(generated.cycle, generated.unit)


def _province(generated: GeneratedFile, progress: Progress) -> bytes:
    from spbe.reports.documents.province import province_pdf

    progress(10)
    return province_pdf(generated.instansi, year=generated.year, user=generated.requested_by)


def _package(generated: GeneratedFile, progress: Progress) -> bytes:
    from spbe.reports.documents.package import package_zip

    return package_zip(generated.cycle, progress=progress)


BUILDERS: dict[str, Callable[[GeneratedFile, Progress], bytes]] = {
    Kind.LHE: _lhe,
    Kind.BERITA_ACARA: _berita_acara,
    Kind.SCORECARD: _scorecard,
    Kind.PROVINCE: _province,
    Kind.PACKAGE: _package,
}


def build(generated: GeneratedFile, progress: Progress) -> bytes:
    """The bytes of `generated` (its kind's builder)."""
    builder = BUILDERS.get(generated.kind)
    if builder is None:
        raise DocumentError(f"Jenis dokumen tidak dikenal: {generated.kind}.")
    return builder(generated, progress)


def file_name(generated: GeneratedFile) -> str:
    """A readable, safe download name: "LHE-Internal-Pemprov-Kaltim-2024-final.pdf"."""
    parts = [NAME_PREFIX.get(generated.kind, "Dokumen")]
    instansi = generated.instansi
    parts.append(instansi.short_name or instansi.name)
    if generated.unit is not None:
        parts.append(generated.unit.short_name or generated.unit.name)
    if generated.cycle is not None:
        parts.append(str(generated.cycle.year))
    elif generated.year:
        parts.append(str(generated.year))
    if generated.stage:
        parts.append(generated.stage)
    return safe_filename(" ".join(parts) + f".{generated.file_format}")
