"""The national upload package of a cycle: one ZIP with a folder per indicator
(`01 Kebijakan Internal Arsitektur SPBE/`) holding its current evidence files under clear
names (`<jenis> <nomor> <tahun> - <judul>.pdf`), an index spreadsheet (indicator, level,
FAKTA/ANALISIS ready to paste, file list) and a manifest of SHA-256 hashes.

Names are safe on Windows (no reserved characters, no trailing dot or space, short enough
for its path limit). Each file's bytes are checked against the hash recorded at upload, so a
package never carries a file that changed in storage.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from spbe.evaluations.models import Assessment, Cycle, EvidenceLink, StageValue
from spbe.evaluations.selectors.evidence_status import evidence_status_for_cycle
from spbe.frameworks.stages import self_assessment_stage
from spbe.reports.documents.common import DocumentError

INDEX_NAME = "00 Indeks bukti dukung.xlsx"
MANIFEST_NAME = "MANIFEST-SHA256.txt"
FOLDER_MAX = 60
FILE_MAX = 90
# Short document types as officials write them in file names (Document.Kind codes).
TYPE_WORDS = {
    "perda": "Perda",
    "pergub": "Perkada",
    "keputusan": "SK",
    "surat_edaran": "SE",
    "sop": "SOP",
    "laporan": "Laporan",
    "notulen": "Notulen",
    "dokumen": "Dokumen",
    "tangkapan_layar": "Tangkapan layar",
    "foto": "Foto",
    "sertifikat": "Sertifikat",
    "tautan": "Tautan",
    "lainnya": "Lainnya",
}
_WINDOWS_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))} | {
    f"LPT{i}" for i in range(1, 10)
}


def windows_safe(name: str, *, max_length: int) -> str:
    """A name every file system accepts: reserved characters become "-", no trailing dots
    or spaces, not a reserved device name, at most `max_length` characters."""
    name = unicodedata.normalize("NFC", name)
    name = _WINDOWS_BAD.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip()
    name = name[:max_length].rstrip(". ")
    if not name or name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = f"_{name}" if name else "berkas"
    return name


@dataclass
class PackageIndicator:
    number: int
    code: str
    name: str
    folder: str
    level: object = None
    fakta: str = ""
    analisis: str = ""
    files: list[tuple[str, object]] = field(default_factory=list)  # (zip name, revision)


@dataclass(frozen=True)
class ReadinessItem:
    code: str
    name: str
    reason: str


def package_readiness(cycle: Cycle) -> list[ReadinessItem]:
    """Indicators whose evidence is missing or expired (the evidence status selectors),
    shown before the coordinator downloads the package."""
    statuses = evidence_status_for_cycle(cycle)
    items = []
    for a in (
        Assessment.objects.filter(cycle=cycle)
        .select_related("indicator")
        .order_by("indicator__order")
    ):
        status = statuses.get(a.pk)
        if status is None:
            continue
        if status.link_count == 0:
            reason = "belum ada bukti dukung"
        elif status.stale:
            reason = f"{len(status.stale)} dokumen kedaluwarsa"
        elif status.missing:
            reason = f"{len(status.missing)} bukti dukung yang diharapkan belum ada"
        else:
            continue
        items.append(ReadinessItem(a.indicator.code, a.indicator.short_name, reason))
    return items


def _indicators(cycle: Cycle) -> list[PackageIndicator]:
    assessments = list(
        Assessment.objects.filter(cycle=cycle)
        .select_related("indicator")
        .order_by("indicator__order")
    )
    claims = {
        sv.assessment_id: sv
        for sv in StageValue.objects.filter(
            assessment__cycle=cycle, stage=self_assessment_stage(cycle.framework).code
        )
    }
    links = defaultdict(list)
    for link in (
        EvidenceLink.objects.filter(assessment__cycle=cycle, document__is_archived=False)
        .exclude(document__current_revision=None)
        .select_related("document__current_revision")
        .order_by("level", "document__title", "pk")
    ):
        links[link.assessment_id].append(link)
    width = max(2, len(str(len(assessments))))
    result = []
    for a in assessments:
        ind = a.indicator
        claim = claims.get(a.pk)
        item = PackageIndicator(
            number=ind.number,
            code=ind.code,
            name=ind.name,
            folder=windows_safe(
                f"{ind.number:0{width}d} {ind.short_name or ind.name}", max_length=FOLDER_MAX
            ),
            level=claim.value if claim else None,
            fakta=claim.fakta if claim else "",
            analisis=claim.analisis if claim else "",
        )
        _add_files(item, links[a.pk])
        result.append(item)
    return result


def evidence_file_name(document, revision) -> str:
    """`<jenis> <nomor> <tahun> - <judul>.<ext>`, parts left out when unknown."""
    head = " ".join(
        part
        for part in (
            TYPE_WORDS.get(document.kind, ""),
            document.number.replace("/", "-") if document.number else "",
            str(document.document_date.year) if document.document_date else "",
        )
        if part
    )
    extension = revision.safe_name.rpartition(".")[2].lower() if "." in revision.safe_name else ""
    stem = f"{head} - {document.title}" if head else document.title
    room = FILE_MAX - (len(extension) + 1 if extension else 0)
    stem = windows_safe(stem, max_length=room)
    return f"{stem}.{extension}" if extension else stem


def _add_files(item: PackageIndicator, links) -> None:
    seen_documents, used = set(), set()
    for link in links:
        document = link.document
        if document.pk in seen_documents:
            continue  # one document linked at several levels: one file
        seen_documents.add(document.pk)
        revision = document.current_revision
        name = evidence_file_name(document, revision)
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        counter = 2
        while name.lower() in used:
            name = f"{stem} ({counter}){dot}{ext}"
            counter += 1
        used.add(name.lower())
        item.files.append((f"{item.folder}/{name}", revision))


def _index_workbook(cycle: Cycle, indicators: list[PackageIndicator]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Indeks"
    header = ["No", "Indikator", "Level (mandiri)", "FAKTA", "ANALISIS", "Berkas bukti dukung"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in indicators:
        sheet.append(
            [
                item.number,
                item.name,
                float(item.level) if item.level is not None else None,
                item.fakta,
                item.analisis,
                "\n".join(name.split("/", 1)[1] for name, _rev in item.files) or "-",
            ]
        )
    for column, width in zip("ABCDEF", (6, 50, 14, 60, 60, 60), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.cell(row=len(indicators) + 3, column=2, value=f"{cycle.name} · {cycle.instansi}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_checked(revision) -> bytes:
    try:
        with revision.file.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise DocumentError(
            f"Berkas bukti '{revision.document.title}' tidak ditemukan di penyimpanan; "
            "unggah ulang revisinya lalu buat paket lagi."
        ) from exc
    if hashlib.sha256(data).hexdigest() != revision.sha256:
        raise DocumentError(
            f"Isi berkas bukti '{revision.document.title}' tidak sama dengan saat diunggah "
            "(hash SHA-256 berbeda); periksa penyimpanan sebelum mengunggah."
        )
    return data


def package_zip(cycle: Cycle, *, progress=lambda percent: None) -> bytes:
    """The upload package of `cycle` as ZIP bytes."""
    indicators = _indicators(cycle)
    manifest: list[tuple[str, str]] = []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        total = max(1, len(indicators))
        for done, item in enumerate(indicators, start=1):
            archive.writestr(zipfile.ZipInfo(f"{item.folder}/"), b"")
            for name, revision in item.files:
                data = _read_checked(revision)
                archive.writestr(name, data)
                manifest.append((hashlib.sha256(data).hexdigest(), name))
            progress(5 + 85 * done // total)
        index = _index_workbook(cycle, indicators)
        archive.writestr(INDEX_NAME, index)
        manifest.append((hashlib.sha256(index).hexdigest(), INDEX_NAME))
        # sha256sum's own format: `sha256sum -c MANIFEST-SHA256.txt` checks the unpacked folder.
        archive.writestr(MANIFEST_NAME, "".join(f"{h}  {n}\n" for h, n in manifest))
    return out.getvalue()
