"""Reading indicator values and efforts from small CSV files (`spbe score`, `spbe plan`).

One reader for every command that takes ``indicator,level`` or ``indicator,effort`` files, so
each bad input gets the same kind of message in Bahasa Indonesia, naming the file and the row
(the header is row 1): ``data.csv baris 5: indikator 48 tidak ada di kerangka spbe-59-2020``.

What is accepted: UTF-8 (with or without BOM); a comma or, as Indonesian spreadsheets save
it, a semicolon as separator (with a semicolon, a decimal comma "1,17" is read as 1.17); blank
lines; an indicator by number ("13") or by display code ("4.2" on Pemdi). Values are checked
by the scoring engine itself (range, whole levels, 0 only with ``allow_zero``), so this module
never holds a rule of its own about what a level may be.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from spbe.core.numbers import NumberParseError, parse_decimal
from spbe.core.tabular import CSV, Table, TableError, TableLimits, cell_text, read_table
from spbe.scoring import FrameworkSpec, ScoringError, score

LEVEL_COLUMNS = ("indicator", "level")
EFFORT_COLUMNS = ("indicator", "effort")
# A framework has at most a few hundred indicators; a file far past that is not a levels file.
_LIMITS = TableLimits(max_bytes=5 * 1024 * 1024, max_rows=10_000, max_columns=20)
_REASONS = {
    "not_utf8": "bukan teks UTF-8; simpan ulang sebagai CSV UTF-8",
    "nul_byte": "bukan teks (ada byte NUL); simpan ulang sebagai CSV UTF-8",
}


class CsvInputError(ValueError):
    """A CSV file that cannot be used; the message names the file and, when known, the row."""

    def __init__(self, path: str | Path, message: str, *, row: int | None = None):
        where = f"{path} baris {row}" if row is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.row = str(path), row


def read_levels(
    path: str | Path, spec: FrameworkSpec, *, allow_zero: bool = False
) -> dict[str, Decimal]:
    """Indicator key → value from an ``indicator,level`` file, each value checked by the engine.

    Raises ``CsvInputError`` for anything wrong; nothing is returned half-read.
    """
    values: dict[str, Decimal] = {}
    for row, key, raw in _keyed_rows(path, spec, LEVEL_COLUMNS):
        value = _number(path, row, raw, "level")
        try:
            score(spec, {key: value}, allow_zero=allow_zero)
        except ScoringError as error:
            raise CsvInputError(path, str(error), row=row) from None
        values[key] = value
    return values


def read_efforts(path: str | Path, spec: FrameworkSpec) -> dict[str, Decimal]:
    """Indicator key → effort of one level step from an ``indicator,effort`` file (≥ 0)."""
    efforts: dict[str, Decimal] = {}
    for row, key, raw in _keyed_rows(path, spec, EFFORT_COLUMNS):
        effort = _number(path, row, raw, "effort")
        if effort < 0:
            raise CsvInputError(path, f"effort {raw} tidak boleh negatif", row=row)
        efforts[key] = effort
    return efforts


def indicator_label(key: str) -> int | str:
    """An indicator key as users write it: the number as an int when it is one."""
    return int(key) if key.isdigit() else key


# -- reading -----------------------------------------------------------------------------
def _keyed_rows(path, spec: FrameworkSpec, columns: tuple[str, str]):
    """(row, indicator key, raw value) per data row; unknown and repeated indicators refused."""
    by_code = {i.code: i.key for i in spec.indicators}
    seen: dict[str, int] = {}
    rows = list(_rows(path, columns))
    if not rows:
        raise CsvInputError(path, f"tidak ada baris data di bawah judul {','.join(columns)}")
    for row, indicator, raw in rows:
        key = _key(spec, by_code, indicator)
        if key is None:
            raise CsvInputError(
                path, f"indikator {indicator} tidak ada di kerangka {spec.code}", row=row
            )
        if key in seen:
            raise CsvInputError(
                path, f"indikator {indicator} sudah ada di baris {seen[key]}", row=row
            )
        seen[key] = row
        yield row, key, raw


def _key(spec: FrameworkSpec, by_code: dict[str, str], indicator: str) -> str | None:
    if indicator.isdigit():
        normal = str(int(indicator))
        if spec.indicator(normal) is not None:
            return normal
    if spec.indicator(indicator) is not None:
        return indicator
    return by_code.get(indicator)


def _rows(path, columns: tuple[str, str]):
    """(row number, first cell, second cell) for each non-blank data row."""
    table = _table(path)
    if not table.rows:
        raise CsvInputError(path, f"berkas kosong; baris pertama harus {','.join(columns)}")
    header_seen = False
    for line in table.rows:
        row = line.number
        cells = [cell_text(c) for c in line.cells]
        if not header_seen:
            _check_header(path, row, cells, columns)
            header_seen = True
            continue
        cells += [""] * (2 - len(cells))  # "1," is a row whose second cell is empty
        if len(cells) != 2:
            raise CsvInputError(
                path, f"harus 2 kolom ({','.join(columns)}), ada {len(cells)}", row=row
            )
        indicator, raw = cells
        if not indicator:
            raise CsvInputError(path, "kolom indicator kosong", row=row)
        if not raw:
            raise CsvInputError(path, f"kolom {columns[1]} kosong", row=row)
        yield row, indicator, raw


def _table(path) -> Table:
    """The file read by the project's one CSV reader (encoding, NUL bytes, size)."""
    file = Path(path)
    if not file.exists():
        raise CsvInputError(path, "berkas tidak ditemukan")
    if not file.is_file():
        raise CsvInputError(path, "bukan berkas biasa")
    try:
        return read_table(file.read_bytes(), None, limits=_LIMITS, formats=(CSV,))
    except TableError as error:
        if error.code == "control_character":
            reason = f"kolom {error.column} berisi karakter kendali ({error.params['code']})"
        else:
            reason = _REASONS.get(error.code, error.text)
        raise CsvInputError(path, reason, row=error.row) from None


def _check_header(path, row: int, cells: list[str], columns: tuple[str, str]) -> None:
    if tuple(c.lower() for c in cells) != columns:
        raise CsvInputError(
            path,
            f"judul kolom harus '{','.join(columns)}', bukan '{','.join(cells)}'",
            row=row,
        )


def _number(path, row: int, raw: str, column: str) -> Decimal:
    """A cell's number: "3", "2.75", "2,75" (the one parser, `spbe.core.numbers`)."""
    try:
        return parse_decimal(raw)
    except NumberParseError:
        raise CsvInputError(path, f"{column} '{raw}' bukan angka", row=row) from None
