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

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from spbe.frameworks.official_reports import lhe_report

from . import levels
from .check import Scorer, check_lhe
from .pdf import Page, Source, load_pdf, norm, open_pages
from .result import LheReadError, LheResult, unknown_format


def read_lhe(
    source: Source, *, indicator_count: int = 47, scorer: Scorer | None = None
) -> LheResult:
    """Read an LHE/LHP SPBE PDF (path, bytes or binary file object).

    With `scorer` (see `check.py`), the levels are checked against the printed index, domain
    and aspect values before the result is returned, and a mismatch raises LheReadError.
    Every failure is an LheReadError with a message in Bahasa Indonesia.
    """
    data = load_pdf(source)
    pages = open_pages(data)
    report = _Report(pages)
    result = report.parse(indicator_count=indicator_count)
    if scorer is not None:
        check_lhe(result, scorer)
    return result


# --- parsing ---------------------------------------------------------------------------------

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


def _decimal(text: str) -> Decimal | None:
    text = norm(text)
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        return None


class _Report:
    def __init__(self, pages: list[Page]):
        self.pages = pages
        self.text = "\n".join(page.text for page in pages)
        self.flat = norm(self.text).upper()
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
            raise unknown_format("teks laporan tidak menyebut SPBE")

        kind, year = self._kind_and_year()
        instansi, predikat = self._instansi()
        scores, scores_year = self._scores()
        level_rows, column_years = levels.level_rows(self.pages)

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
            raise unknown_format("tabel 'Nilai Indeks SPBE, Domain, dan Aspek' tidak ditemukan")
        if not level_rows:
            raise unknown_format("tabel 'Perolehan Nilai Tingkat Kematangan Indikator' tidak ada")
        if year is None:
            year = max(column_years) if any(column_years) else scores_year
        if year is None:
            raise unknown_format("tahun laporan tidak ditemukan")
        if scores_year is not None and scores_year != year:
            self.warnings.append(
                f"Tabel nilai indeks berjudul tahun {scores_year}, laporan tahun {year}."
            )

        current_col, previous_col = levels.level_columns(column_years, year, self.warnings)
        report_levels = levels.levels_of(
            level_rows, current_col, indicator_count, year, self.warnings
        )
        previous_year = None
        previous_levels: dict[int, int] = {}
        if previous_col is not None:
            previous_year = column_years[previous_col]
            previous_levels = levels.levels_of(
                level_rows, previous_col, indicator_count, previous_year, self.warnings
            )
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
            levels=report_levels,
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
                instansi = norm(match.group(1))
                after = page.text[match.end() :].lstrip().splitlines()
                predikat = ""
                if after and re.fullmatch(r"\(([^()]{2,30})\)", after[0].strip()):
                    predikat = after[0].strip()[1:-1].strip()
                return instansi, predikat
        # Fall back on the cover: "PEMERINTAH KOTA ..." as printed, possibly over two lines.
        cover = norm(self.pages[0].text) if self.pages else ""
        match = re.search(r"\b(PEMERINTAH (?:PROVINSI|KABUPATEN|KAB\.|KOTA) [A-Z .]+)", cover)
        if match:
            self.warnings.append("Nama instansi diambil dari sampul laporan.")
            return match.group(1).strip(), ""
        raise unknown_format("nama instansi tidak ditemukan")

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
                rows = [[norm(c) for c in row] for row in table.rows_text]
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

    # -- assessors' text --

    def _notes(self) -> tuple[dict[str, str], str]:
        """The per-aspect strengths/weaknesses and the recommendation, as printed (LHE only)."""
        lines = [
            line.strip()
            for line in self.text.splitlines()
            if line.strip() and not _HEADER.search(norm(line).upper())
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
