"""Read the result report PDF that KemenPANRB sends to an instansi.

Two layouts are known, both produced from the same LibreOffice template:
- Laporan Hasil Evaluasi (LHE, e.g. 2021): one "Nilai Tingkat Kematangan" column.
- Laporan Hasil Pemantauan (LHP, e.g. 2022): two level columns headed with their years, the
  previous year's result beside the report year's.

Both print a table "Nama Indeks | Nilai" (index, domains, aspects) and a table
"No | Indikator | Nilai Tingkat Kematangan". The tables are ruled, so pdfplumber's table finder
gives the cells. Indicator names wrap in fixed-height rows: the wrapped line overflows, hidden,
under the next row, so cell text is scrambled; levels and numbers are read from their own
cells and names are rebuilt from the characters' positions (best effort).

Pure Python: no Django import, so the import service, the CLI and tests can all use it.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from spbe.frameworks.official_reports import lhe_report

from .check import Scorer, check_lhe
from .result import LheReadError, LheResult

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 80  # an LHE has about ten pages; anything far longer is not one
MAX_LEVEL = 5

Source = str | os.PathLike[str] | IO[bytes] | bytes


def read_lhe(
    source: Source, *, indicator_count: int = 47, scorer: Scorer | None = None
) -> LheResult:
    """Read an LHE/LHP SPBE PDF (path, bytes or binary file object).

    With `scorer` (see `check.py`), the levels are checked against the printed index, domain
    and aspect values before the result is returned, and a mismatch raises LheReadError.
    Every failure is an LheReadError with a message in Bahasa Indonesia.
    """
    data = _load(source)
    pages = _open_pages(data)
    report = _Report(pages)
    result = report.parse(indicator_count=indicator_count)
    if scorer is not None:
        check_lhe(result, scorer)
    return result


# --- loading ---------------------------------------------------------------------------------


def _load(source: Source) -> bytes:
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise LheReadError("Berkas tidak ditemukan.", code="tidak_ada")
        if path.stat().st_size > MAX_BYTES:
            raise LheReadError(_too_big(), code="terlalu_besar")
        data = path.read_bytes()
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_BYTES + 1)
        if isinstance(data, str):
            raise LheReadError("Berkas harus dibuka dalam mode biner.", code="bukan_pdf")
        if len(data) > MAX_BYTES:
            raise LheReadError(_too_big(), code="terlalu_besar")
    if not data.strip():
        raise LheReadError("Berkas kosong.", code="bukan_pdf")
    if b"%PDF-" not in data[:1024]:
        raise LheReadError(
            "Berkas ini bukan PDF. Unggah Laporan Hasil Evaluasi/Pemantauan SPBE dalam format PDF "
            "seperti yang dikirim Kementerian PANRB.",
            code="bukan_pdf",
        )
    return data


def _too_big() -> str:
    return f"Berkas lebih besar dari {MAX_BYTES // (1024 * 1024)} MB; ini bukan laporan hasil SPBE."


@dataclass
class _Table:
    rows: list[Any]  # pdfplumber Row objects: .bbox and .cells (bboxes, None for merged cells)
    rows_text: list[list[str | None]]


@dataclass
class _Page:
    number: int
    text: str
    tables: list[_Table]
    chars: list[dict[str, Any]]


def _open_pages(data: bytes) -> list[_Page]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise LheReadError(
                    f"PDF berisi {len(pdf.pages)} halaman; laporan hasil SPBE hanya sekitar "
                    "sepuluh halaman. Periksa kembali berkasnya.",
                    code="format_tidak_dikenal",
                )
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                tables = [_Table(t.rows, t.extract()) for t in page.find_tables()]
                pages.append(
                    _Page(
                        number=number,
                        text=page.extract_text() or "",
                        tables=tables,
                        chars=list(page.chars),
                    )
                )
            return pages
    except LheReadError:
        raise
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFEncryptionError):
            raise LheReadError(
                "PDF ini terenkripsi atau dilindungi kata sandi sehingga tidak dapat dibaca. "
                "Simpan ulang tanpa kata sandi, lalu unggah kembali.",
                code="terenkripsi",
            ) from exc
        raise LheReadError(
            "PDF rusak atau tidak dapat dibaca; unduh ulang laporan dari sumber aslinya.",
            code="pdf_rusak",
        ) from exc
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LheReadError(
            "PDF rusak atau tidak dapat dibaca; unduh ulang laporan dari sumber aslinya.",
            code="pdf_rusak",
        ) from exc


# --- parsing ---------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_HEADER = re.compile(
    r"\b(PEMANTAUAN(?: DAN EVALUASI)?|EVALUASI) SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK "
    r"TAHUN (\d{4})\b"
)
_COVER_YEAR = re.compile(r"\bINDEKS SPBE\b.{0,120}?\bTAHUN (\d{4})\b")
_INSTANSI = re.compile(r"^INDEKS SPBE\s*[–—-]\s*(.+)$", re.MULTILINE)
_OLD_REGULATION = re.compile(r"\b(?:NO|NOMOR)\.?\s*5\s+TAHUN\s+2018\b")
_NEW_REGULATION = re.compile(r"\b(?:NO|NOMOR)\.?\s*59\s+TAHUN\s+2020\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")

# Printed labels of the score table → key. First match wins, so domains come first.
_SCORE_LABELS: list[tuple[str, Any]] = [
    ("index", lambda s: s == "spbe" or s == "indeks spbe"),
    ("D1", lambda s: s.startswith("domain") and "kebijakan" in s),
    ("D2", lambda s: s.startswith("domain") and "tata kelola" in s),
    ("D3", lambda s: s.startswith("domain") and "manajemen" in s),
    ("D4", lambda s: s.startswith("domain") and "layanan" in s),
    ("A1", lambda s: s.startswith("kebijakan internal") and "tata kelola" in s),
    ("A2", lambda s: "perencanaan strategis" in s),
    ("A3", lambda s: "teknologi informasi" in s),
    ("A4", lambda s: s.startswith("penyelenggara")),
    ("A5", lambda s: "penerapan manajemen" in s),
    ("A6", lambda s: "audit tik" in s),
    ("A7", lambda s: "administrasi pemerintahan" in s),
    ("A8", lambda s: "layanan publik" in s),
]


def _norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _decimal(text: str) -> Decimal | None:
    text = _norm(text)
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        return None


class _Report:
    def __init__(self, pages: list[_Page]):
        self.pages = pages
        self.text = "\n".join(page.text for page in pages)
        self.flat = _norm(self.text).upper()
        self.warnings: list[str] = []

    def parse(self, *, indicator_count: int) -> LheResult:
        if not any(page.chars for page in self.pages):
            raise LheReadError(
                "PDF ini tidak memiliki lapisan teks (hasil pindaian/gambar), jadi nilainya tidak "
                "dapat dibaca. Gunakan PDF asli dari Kementerian PANRB, atau masukkan level "
                "melalui templat XLSX.",
                code="tanpa_teks",
            )
        if "SPBE" not in self.flat and "PEMERINTAHAN BERBASIS ELEKTRONIK" not in self.flat:
            raise self._unknown("teks laporan tidak menyebut SPBE")

        kind, year = self._kind_and_year()
        instansi, predikat = self._instansi()
        scores, scores_year = self._scores()
        level_rows, column_years = self._level_rows()

        if self._is_old_framework(year):
            raise LheReadError(
                "Laporan ini memakai kerangka lama Evaluasi SPBE (PermenPANRB 5/2018, "
                f"tahun {year or '2020 atau sebelumnya'}, {len(level_rows) or 'bukan 47'} "
                "indikator). SPBE Monev hanya dapat mengimpor level dari laporan menurut "
                "PermenPANRB 59/2020 (47 indikator, tahun 2021 dan sesudahnya). Indeksnya "
                "dapat dicatat sebagai riwayat indeks saja.",
                code="framework_lama",
                details={
                    "year": year,
                    "instansi": instansi,
                    "index": scores.get("index"),
                    "indicator_rows": len(level_rows),
                },
            )

        if "index" not in scores:
            raise self._unknown("tabel 'Nilai Indeks SPBE, Domain, dan Aspek' tidak ditemukan")
        if not level_rows:
            raise self._unknown("tabel 'Perolehan Nilai Tingkat Kematangan Indikator' tidak ada")
        if year is None:
            year = max(column_years) if any(column_years) else scores_year
        if year is None:
            raise self._unknown("tahun laporan tidak ditemukan")
        if scores_year is not None and scores_year != year:
            self.warnings.append(
                f"Tabel nilai indeks berjudul tahun {scores_year}, laporan tahun {year}."
            )

        current_col, previous_col = self._columns(column_years, year)
        levels = self._levels(level_rows, current_col, indicator_count, year)
        previous_year = None
        previous_levels: dict[int, int] = {}
        if previous_col is not None:
            previous_year = column_years[previous_col]
            previous_levels = self._levels(level_rows, previous_col, indicator_count, previous_year)
            self.warnings.append(
                f"Level tahun {previous_year} ikut dibaca tetapi tidak dapat diperiksa: "
                f"laporan hanya mencetak indeks tahun {year}."
            )

        missing_domains = [code for code in ("D1", "D2", "D3", "D4") if code not in scores]
        if missing_domains:
            self.warnings.append(
                "Nilai domain " + ", ".join(missing_domains) + " tidak ditemukan di laporan."
            )

        notes, recommendation = self._notes()
        return LheResult(
            year=year,
            instansi=instansi,
            index=scores["index"],
            domains={k: v for k, v in scores.items() if k.startswith("D")},
            aspects={k: v for k, v in scores.items() if k.startswith("A")},
            levels=levels,
            kind=kind,
            predikat=predikat,
            indicator_names={row.number: row.name for row in level_rows if row.name},
            previous_year=previous_year,
            previous_levels=previous_levels,
            notes=notes,
            recommendation=recommendation,
            warnings=self.warnings,
        )

    # -- header facts --

    def _unknown(self, why: str) -> LheReadError:
        return LheReadError(
            "Format laporan tidak dikenali: "
            + why
            + ". Yang dapat dibaca adalah Laporan Hasil Evaluasi atau Laporan Hasil Pemantauan "
            "SPBE dari Kementerian PANRB (PermenPANRB 59/2020).",
            code="format_tidak_dikenal",
        )

    def _kind_and_year(self) -> tuple[str, int | None]:
        headers = _HEADER.findall(self.flat)
        years = Counter(int(y) for _, y in headers)
        year = years.most_common(1)[0][0] if years else None
        if year is None:
            match = _COVER_YEAR.search(self.flat)
            year = int(match.group(1)) if match else None
        if "LAPORAN HASIL PEMANTAUAN" in self.flat or any(
            k.startswith("PEMANTAUAN") for k, _ in headers
        ):
            kind = "pemantauan"
        elif "LAPORAN HASIL EVALUASI" in self.flat or headers:
            kind = "evaluasi"
        else:
            kind = ""
        return kind, year

    def _instansi(self) -> tuple[str, str]:
        for page in self.pages:
            match = _INSTANSI.search(page.text)
            if match:
                instansi = _norm(match.group(1))
                after = page.text[match.end() :].lstrip().splitlines()
                predikat = ""
                if after and re.fullmatch(r"\(([^()]{2,30})\)", after[0].strip()):
                    predikat = after[0].strip()[1:-1].strip()
                return instansi, predikat
        # Fall back on the cover: "PEMERINTAH KOTA ..." as printed, possibly over two lines.
        cover = _norm(self.pages[0].text) if self.pages else ""
        match = re.search(r"\b(PEMERINTAH (?:PROVINSI|KABUPATEN|KAB\.|KOTA) [A-Z .]+)", cover)
        if match:
            self.warnings.append("Nama instansi diambil dari sampul laporan.")
            return match.group(1).strip(), ""
        raise self._unknown("nama instansi tidak ditemukan")

    def _is_old_framework(self, year: int | None) -> bool:
        # Reports of years before the LHE framework's first year (its file's official_report)
        # were made under its predecessor.
        if year is not None and year < lhe_report().first_year:
            return True
        return bool(_OLD_REGULATION.search(self.flat)) and not _NEW_REGULATION.search(self.flat)

    # -- score table --

    def _scores(self) -> tuple[dict[str, Decimal], int | None]:
        for page in self.pages:
            for table in page.tables:
                rows = [[_norm(c) for c in row] for row in table.rows_text]
                header = next(
                    (i for i, r in enumerate(rows) if any(c.lower() == "nama indeks" for c in r)),
                    None,
                )
                if header is None:
                    continue
                years = [int(y) for c in rows[header] for y in _YEAR.findall(c)]
                scores: dict[str, Decimal] = {}
                for row in rows[header + 1 :]:
                    cells = [c for c in row if c]
                    if len(cells) < 2:
                        continue
                    value = _decimal(cells[-1])
                    if value is None:
                        continue
                    label = " ".join(cells[:-1]).lower()
                    key = next((k for k, test in _SCORE_LABELS if test(label)), None)
                    if key is None:
                        self.warnings.append(f"Baris nilai tidak dikenal dilewati: {label!r}.")
                    elif key in scores:
                        self.warnings.append(f"Baris nilai ganda dilewati: {label!r}.")
                    else:
                        scores[key] = value
                return scores, (years[-1] if years else None)
        return {}, None

    # -- level table --

    def _level_rows(self) -> tuple[list[_LevelRow], list[int | None]]:
        rows: list[_LevelRow] = []
        column_years: list[int | None] = []
        columns: int | None = None
        for page in self.pages:
            for table in page.tables:
                texts = [[_norm(c) for c in row] for row in table.rows_text]
                start = 0
                header = next(
                    (
                        i
                        for i, r in enumerate(texts[:3])
                        if r and r[0].lower() == "no" and any(c.lower() == "indikator" for c in r)
                    ),
                    None,
                )
                if header is not None:
                    column_years = [
                        (int(years[-1]) if (years := _YEAR.findall(c)) else None)
                        for c in texts[header][2:]
                    ]
                    columns = len(texts[header])
                    start = header + 1
                elif columns is None or not texts or len(texts[0]) != columns:
                    continue  # not the level table nor its continuation on a new page
                elif not (
                    rows
                    and re.fullmatch(r"\d{1,3}\.?", texts[0][0])
                    and int(texts[0][0].rstrip(".")) == rows[-1].number + 1
                ):
                    continue  # a continuation must carry on the numbering
                for index in range(start, len(texts)):
                    cells = texts[index]
                    number = cells[0].rstrip(".")
                    if not number.isdigit():
                        continue
                    rows.append(
                        _LevelRow(
                            number=int(number),
                            values=cells[2:],
                            page=page.number,
                            name=_row_name(page, table, index),
                        )
                    )
        return rows, column_years

    def _columns(self, column_years: list[int | None], year: int) -> tuple[int, int | None]:
        if not column_years:
            raise self._unknown("kolom Nilai Tingkat Kematangan tidak ditemukan")
        if len(column_years) == 1:
            if column_years[0] not in (None, year):
                raise LheReadError(
                    f"Kolom level berjudul tahun {column_years[0]}, "
                    f"sedangkan laporan tahun {year}.",
                    code="tahun_tidak_cocok",
                )
            return 0, None
        if year not in column_years:
            printed = ", ".join(str(y) for y in column_years)
            raise LheReadError(
                f"Laporan tahun {year}, tetapi kolom level berjudul tahun {printed}; "
                "kolom tahun laporan tidak ditemukan.",
                code="tahun_tidak_cocok",
            )
        current = column_years.index(year)
        others = [i for i, y in enumerate(column_years) if i != current and y is not None]
        if len(others) > 1:
            self.warnings.append("Lebih dari dua kolom tahun; hanya tahun sebelumnya yang diambil.")
        previous = max(others, key=lambda i: column_years[i] or 0) if others else None
        return current, previous

    def _levels(
        self, rows: list[_LevelRow], column: int, indicator_count: int, year: int
    ) -> dict[int, int]:
        numbers = [row.number for row in rows]
        duplicated = sorted(n for n, c in Counter(numbers).items() if c > 1)
        expected = set(range(1, indicator_count + 1))
        missing = sorted(expected - set(numbers))
        extra = sorted(set(numbers) - expected)
        if len(rows) != indicator_count or duplicated or missing or extra:
            parts = [
                f"tabel level berisi {len(rows)} baris indikator, seharusnya {indicator_count}"
            ]
            if missing:
                parts.append("nomor yang tidak ada: " + _ranges(missing))
            if duplicated:
                parts.append("nomor ganda: " + _ranges(duplicated))
            if extra:
                parts.append("nomor di luar 1–" + f"{indicator_count}: " + _ranges(extra))
            raise LheReadError(
                "Jumlah indikator tidak sesuai: " + "; ".join(parts) + ".",
                code="jumlah_indikator",
                details={"rows": len(rows), "missing": missing, "duplicated": duplicated},
            )
        levels: dict[int, int] = {}
        for row in rows:
            raw = row.values[column] if column < len(row.values) else ""
            if not re.fullmatch(r"\d", raw):
                shown = f"'{raw}'" if raw else "kosong"
                raise LheReadError(
                    f"Level indikator {row.number} tahun {year} tidak terbaca ({shown}, halaman "
                    f"{row.page}); level harus bilangan bulat 0–{MAX_LEVEL}.",
                    code="level_tidak_valid",
                )
            level = int(raw)
            if level > MAX_LEVEL:
                raise LheReadError(
                    f"Level indikator {row.number} tahun {year} adalah {level}; level harus "
                    f"0–{MAX_LEVEL}.",
                    code="level_tidak_valid",
                )
            levels[row.number] = level
        not_assessed = sorted(n for n, level in levels.items() if level == 0)
        if not_assessed:
            self.warnings.append(
                f"Indikator {_ranges(not_assessed)} tahun {year} bernilai 0 (tidak dinilai)."
            )
        return levels

    # -- assessors' text --

    def _notes(self) -> tuple[dict[str, str], str]:
        """The per-aspect strengths/weaknesses and the recommendation, as printed (LHE only)."""
        lines = [
            line.strip()
            for line in self.text.splitlines()
            if line.strip() and not _HEADER.search(_norm(line).upper())
        ]
        notes: dict[str, str] = {}
        recommendation: list[str] = []
        section: str | None = None
        mode = None
        for line in lines:
            if line == "Kekuatan dan Kelemahan":
                mode, section = "notes", None
                continue
            if line == "Rekomendasi":
                mode = "recommendation"
                continue
            if line.startswith("Perolehan Nilai Tingkat Kematangan"):
                break
            if mode == "notes":
                heading = re.fullmatch(r"([A-H])\.\s+(.+)", line)
                if heading:
                    section = f"{heading.group(1)}. {heading.group(2)}"
                    notes[section] = ""
                elif section:
                    line = re.sub(r"^[\uf000-\uf0ff•]\s*", "• ", line)
                    joiner = "\n" if line.startswith("• ") or not notes[section] else " "
                    notes[section] = (notes[section] + joiner + line).strip()
            elif mode == "recommendation":
                recommendation.append(line)
        return notes, " ".join(recommendation)


@dataclass
class _LevelRow:
    number: int
    values: list[str]
    page: int
    name: str


def _row_name(page: _Page, table: _Table, index: int) -> str:
    """Rebuild an indicator's name from the characters of its row, wrapped lines included.

    The wrapped line of a fixed-height row is drawn one line below the row's first line, i.e.
    just above the next row's text (hidden under it in the rendering). A character therefore
    belongs to the row whose first text line is the last one starting at or above it.
    """
    row = table.rows[index]
    if len(row.cells) < 2 or row.cells[0] is None or row.cells[1] is None:
        return ""
    name_x0, _, name_x1, _ = row.cells[1]

    def first_line_top(cells: Iterable[Any]) -> float | None:
        cell = list(cells)[0]
        if cell is None:
            return None
        x0, top, x1, bottom = cell
        tops = [c["top"] for c in page.chars if x0 <= c["x0"] < x1 and top <= c["top"] < bottom]
        return min(tops) if tops else None

    start = first_line_top(row.cells)
    if start is None:
        return ""
    end = None
    if index + 1 < len(table.rows):
        end = first_line_top(table.rows[index + 1].cells)
    if end is None:
        end = row.bbox[3] + 30  # last row on the page: a wrapped line may hang below the table
    chars = [
        c for c in page.chars if name_x0 <= c["x0"] < name_x1 and start - 1 <= c["top"] < end - 1
    ]
    return _norm(pdfplumber.utils.extract_text(chars)) if chars else ""


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
