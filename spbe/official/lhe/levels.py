"""The LHE's level table: its rows across pages, year columns, levels and indicator names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pdfplumber

from .pdf import Page, Table, norm
from .result import LheReadError, unknown_format

MAX_LEVEL = 5
_YEAR = re.compile(r"\b(20\d\d)\b")


def level_rows(pages: list[Page]) -> tuple[list[LevelRow], list[int | None]]:
    """The level table's rows (continued across pages) and the years heading its columns."""
    rows: list[LevelRow] = []
    column_years: list[int | None] = []
    columns: int | None = None
    for page in pages:
        for table in page.tables:
            texts = [[norm(c) for c in row] for row in table.rows_text]
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
                    LevelRow(
                        number=int(number),
                        values=cells[2:],
                        page=page.number,
                        name=_row_name(page, table, index),
                    )
                )
    return rows, column_years


def level_columns(
    column_years: list[int | None], year: int, warnings: list[str]
) -> tuple[int, int | None]:
    """The report year's column and the previous year's (None in a one-year report)."""
    if not column_years:
        raise unknown_format("kolom Nilai Tingkat Kematangan tidak ditemukan")
    if len(column_years) == 1:
        if column_years[0] not in (None, year):
            raise LheReadError(
                f"Kolom level berjudul tahun {column_years[0]}, sedangkan laporan tahun {year}.",
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
        warnings.append("Lebih dari dua kolom tahun; hanya tahun sebelumnya yang diambil.")
    previous = max(others, key=lambda i: column_years[i] or 0) if others else None
    return current, previous


def levels_of(
    rows: list[LevelRow], column: int, indicator_count: int, year: int, warnings: list[str]
) -> dict[int, int]:
    """Indicator number → level of one column, every indicator present exactly once."""
    numbers = [row.number for row in rows]
    duplicated = sorted(n for n, c in Counter(numbers).items() if c > 1)
    expected = set(range(1, indicator_count + 1))
    missing = sorted(expected - set(numbers))
    extra = sorted(set(numbers) - expected)
    if len(rows) != indicator_count or duplicated or missing or extra:
        parts = [f"tabel level berisi {len(rows)} baris indikator, seharusnya {indicator_count}"]
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
        warnings.append(
            f"Indikator {_ranges(not_assessed)} tahun {year} bernilai 0 (tidak dinilai)."
        )
    return levels


@dataclass
class LevelRow:
    number: int
    values: list[str]
    page: int
    name: str


def _row_name(page: Page, table: Table, index: int) -> str:
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
    return norm(pdfplumber.utils.extract_text(chars)) if chars else ""


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
