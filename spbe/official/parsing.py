"""Reading an official result file: the XLSX/CSV template or the KemenPANRB report PDF.

Everything here is read-only: an upload becomes a `ParsedImport` (values per indicator and
stage, the assessors' notes, what the report printed) or an `OfficialImportError` listing every
problem, each with its row number ("baris 12: ..."). Nothing is written to the database.

The file type is decided by content (`spbe.evidence.files.inspect_upload`): a PDF goes to the
LHE reader, an XLSX to the template reader; only a file that is plain text and named .csv is
read as CSV.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spbe.core.tabular import TableError, TableLimits, cell_value, read_table
from spbe.evaluations.models import Cycle, Stage
from spbe.evaluations.services import external_source_message
from spbe.evidence.files import EvidenceFileError, inspect_upload
from spbe.frameworks.models import Framework, Indicator
from spbe.frameworks.official_reports import lhe_report
from spbe.frameworks.selectors import framework_engine_spec
from spbe.official.lhe import LheReadError, engine_scorer, read_lhe

# Stages an official result carries, in the order they happen.
IMPORT_STAGES = (Stage.DOKUMEN, Stage.INTERVIU, Stage.VISITASI, Stage.FINAL)
COLUMNS = ["indikator", "nama", *IMPORT_STAGES, "catatan_asesor"]
OPTIONAL_COLUMNS = {"nama", "catatan_asesor"}
SHEET_TITLE = "hasil"
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 500
MAX_COLUMNS = 30
# Which level column of a two-year report to take.
COLUMN_AUTO, COLUMN_REPORT, COLUMN_PREVIOUS = "auto", "report", "previous"

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


class OfficialImportError(ValidationError):
    """A file that cannot be imported; `messages` lists every problem (Bahasa Indonesia).

    `code` tells the cases apart (e.g. "framework_lama"); `details` carries what could still
    be read, such as the printed index of an old-framework report for index-only history.
    """

    def __init__(self, messages, *, code: str, details: dict[str, Any] | None = None):
        super().__init__(messages if isinstance(messages, list) else [messages], code=code)
        self.code = code
        self.details = details or {}


@dataclass
class ParsedImport:
    """What one file says about a cycle's official result."""

    source: str  # "xlsx", "csv" or "pdf"
    filename: str
    sha256: str
    values: dict[int, dict[str, Decimal]]  # indicator number → stage → value
    notes: dict[int, str] = field(default_factory=dict)  # indicator number → assessor's note
    report: dict[str, Any] | None = None  # PDF only: what the report printed (JSON-friendly)

    @property
    def stages(self) -> list[str]:
        """Stages with at least one value, in evaluation order."""
        present = {stage for row in self.values.values() for stage in row}
        return [stage for stage in IMPORT_STAGES if stage in present]

    def as_payload(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "filename": self.filename,
            "sha256": self.sha256,
            "values": {
                str(n): {stage: str(v) for stage, v in row.items()}
                for n, row in sorted(self.values.items())
            },
            "notes": {str(n): note for n, note in sorted(self.notes.items())},
            "report": self.report,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> ParsedImport:
        return cls(
            source=data["source"],
            filename=data["filename"],
            sha256=data["sha256"],
            values={
                int(n): {stage: Decimal(v) for stage, v in row.items()}
                for n, row in data["values"].items()
            },
            notes={int(n): note for n, note in data["notes"].items()},
            report=data.get("report"),
        )


# --- the downloadable template -----------------------------------------------------------------


def template_rows(indicators: list[Indicator]) -> list[list[str]]:
    """The header and one row per indicator (number and name filled in, values empty)."""
    return [COLUMNS] + [[i.code, i.name, "", "", "", "", ""] for i in indicators]


def template_csv(indicators: list[Indicator]) -> bytes:
    """The CSV template: UTF-8 with BOM so Excel opens it right."""
    out = io.StringIO()
    csv.writer(out).writerows(template_rows(indicators))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(cycle: Cycle, indicators: list[Indicator]) -> bytes:
    """The XLSX template: the cycle's indicators prefilled, values checked by Excel itself.

    Only the value and note cells are editable (the sheet is protected without a password, so
    nobody renumbers an indicator by accident); the value cells carry a data validation of the
    framework's range, 0 included (not assessed). A second sheet explains the columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    framework = cycle.framework
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for row in template_rows(indicators):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    last = len(indicators) + 1
    integer = framework.value_kind == Framework.ValueKind.INTEGER
    validation = DataValidation(
        type="whole" if integer else "decimal",
        operator="between",
        formula1="0",
        formula2=str(framework.value_max.normalize()),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Nilai tidak sah"),
        error=_range_text(framework),
    )
    sheet.add_data_validation(validation)
    validation.add(f"C2:F{last}")
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=3, max_col=7):
        for cell in row:
            cell.protection = Protection(locked=False)
    sheet.protection.sheet = True
    sheet.freeze_panes = "C2"
    for column, width in zip("ABCDEFG", (10, 70, 10, 10, 10, 10, 50), strict=True):
        sheet.column_dimensions[column].width = width

    help_sheet = workbook.create_sheet(_("petunjuk"))
    for line in _help_lines(cycle):
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _help_lines(cycle: Cycle) -> list[str]:
    return [
        _("Templat hasil resmi: %(name)s (%(year)s)") % {"name": cycle.name, "year": cycle.year},
        _("Isi kolom dokumen, interviu, visitasi dan final dengan nilai dari hasil resmi."),
        _("Rentang nilai: %(range)s. 0 berarti indikator tidak dinilai.")
        % {"range": _range_text(cycle.framework)},
        _("Desimal boleh ditulis dengan koma (1,17) atau titik (1.17)."),
        _("Sel kosong tidak mengubah nilai yang sudah ada. Kolom nama hanya petunjuk."),
        _("Jika satu baris saja salah, tidak ada nilai yang diimpor."),
    ]


# --- reading an upload -------------------------------------------------------------------------


def read_upload(
    fileobj: BinaryIO,
    *,
    filename: str,
    cycle: Cycle,
    indicators: list[Indicator],
    column: str = COLUMN_AUTO,
) -> ParsedImport:
    """Read an uploaded template or report PDF for `cycle`; raise OfficialImportError."""
    kind, sha256 = _detect(fileobj, filename)
    fileobj.seek(0)
    data = fileobj.read()
    if kind == "pdf":
        return _read_pdf(data, filename=filename, sha256=sha256, cycle=cycle, column=column)
    table = _table_rows(data, kind)
    values, notes = _table_values(table, cycle.framework, indicators)
    return ParsedImport(source=kind, filename=filename, sha256=sha256, values=values, notes=notes)


def _detect(fileobj: BinaryIO, filename: str) -> tuple[str, str]:
    """("xlsx" | "csv" | "pdf", SHA-256) by content; size and zip safety checked first."""
    try:
        inspected = inspect_upload(
            fileobj,
            filename=filename,
            max_bytes=MAX_BYTES,
            max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
        )
    except EvidenceFileError as exc:
        if exc.code == "type_not_allowed" and filename.lower().endswith(".csv"):
            return "csv", _sha256(fileobj)
        raise OfficialImportError(_file_type_message(exc.text), code=exc.code) from exc
    if inspected.detected_kind not in ("pdf", "xlsx"):
        raise OfficialImportError(
            _file_type_message(
                _("terdeteksi %(kind)s") % {"kind": inspected.detected_kind.upper()}
            ),
            code="type_not_allowed",
        )
    return inspected.detected_kind, inspected.sha256


def _file_type_message(why: str) -> str:
    return _(
        "Berkas tidak dapat diimpor: %(why)s Unggah templat XLSX, templat CSV (berakhiran .csv) "
        "atau PDF laporan hasil dari Kementerian PANRB."
    ) % {"why": why.rstrip(".") + "."}


def _sha256(fileobj: BinaryIO) -> str:
    fileobj.seek(0)
    digest = hashlib.sha256()
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


# The reader's refusal codes under the names this import has always given them.
_TABLE_CODES = {
    "xlsx_unreadable": "xlsx_rusak",
    "nul_byte": "bukan_csv",
    "control_character": "bukan_csv",
    "not_utf8": "bukan_utf8",
    "too_many_rows": "terlalu_banyak_baris",
}


def _table_rows(data: bytes, kind: str) -> list[tuple[int, list[Any]]]:
    """(row number, cells) of the filled rows, read by the project's one safe reader: strings
    stripped, numbers kept as they are (a float is turned into a Decimal later)."""
    limits = TableLimits(
        max_bytes=MAX_BYTES,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
    )
    try:
        table = read_table(data, None, limits=limits, formats=(kind,), sheet=SHEET_TITLE)
    except TableError as exc:
        raise OfficialImportError(exc.messages, code=_TABLE_CODES.get(exc.code, exc.code)) from exc
    return [(row.number, [cell_value(v) for v in row.cells]) for row in table.rows]


def _header(table: list[tuple[int, list[Any]]]) -> dict[str, int]:
    """Column name → position, or an error naming what is missing or unknown."""
    if not table or not any(table[0][1]):
        raise OfficialImportError(_("Berkas kosong: tidak ada baris judul."), code="kosong")
    header = [str(h).strip().lower() for h in table[0][1]]
    while header and not header[-1]:
        header.pop()
    required = [c for c in COLUMNS if c not in OPTIONAL_COLUMNS]
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if missing or unknown or duplicated:
        parts = []
        if missing:
            parts.append(_("kolom tidak ada: %(c)s") % {"c": ", ".join(missing)})
        if unknown:
            parts.append(_("kolom tidak dikenal: %(c)s") % {"c": ", ".join(unknown)})
        if duplicated:
            parts.append(_("kolom ganda: %(c)s") % {"c": ", ".join(duplicated)})
        raise OfficialImportError(
            _("baris 1: judul kolom tidak sesuai templat (%(detail)s). Kolom templat: %(cols)s.")
            % {"detail": "; ".join(parts), "cols": ", ".join(COLUMNS)},
            code="judul_kolom",
        )
    return {name: header.index(name) for name in COLUMNS if name in header}


def _table_values(
    table: list[tuple[int, list[Any]]], framework: Framework, indicators: list[Indicator]
) -> tuple[dict[int, dict[str, Decimal]], dict[int, str]]:
    """Every data row checked; all problems collected before anything is refused."""
    positions = _header(table)
    by_key: dict[str, Indicator] = {}
    for indicator in indicators:
        by_key[str(indicator.number)] = indicator
        by_key.setdefault(str(indicator.code), indicator)
    values: dict[int, dict[str, Decimal]] = {}
    notes: dict[int, str] = {}
    seen: dict[int, int] = {}
    errors: list[str] = []

    def get(row: list[Any], name: str) -> Any:
        pos = positions.get(name)
        return row[pos] if pos is not None and pos < len(row) else ""

    for line, row in table[1:]:
        if not any(str(v) for v in row):
            continue
        key = _indicator_key(get(row, "indikator"))
        if not key:
            errors.append(_("baris %(n)d: kolom indikator kosong") % {"n": line})
            continue
        indicator = by_key.get(key)
        if indicator is None:
            errors.append(
                _("baris %(n)d: indikator %(key)s tidak ada di kerangka %(fw)s")
                % {"n": line, "key": key, "fw": framework.name}
            )
            continue
        if indicator.number in seen:
            errors.append(
                _("baris %(n)d: indikator %(key)s sudah ada di baris %(first)d (baris ganda)")
                % {"n": line, "key": key, "first": seen[indicator.number]}
            )
            continue
        seen[indicator.number] = line
        external = indicator.source == indicator.Source.EXTERNAL
        if external and any(get(row, stage) != "" for stage in IMPORT_STAGES):
            errors.append(
                _("baris %(n)d: %(why)s Kosongkan nilainya.")
                % {"n": line, "why": external_source_message(indicator, framework)}
            )
            continue
        row_values: dict[str, Decimal] = {}
        for stage in IMPORT_STAGES:
            raw = get(row, stage)
            if raw == "":
                continue
            try:
                row_values[stage] = _value(raw, framework, indicator)
            except ValueError as exc:
                errors.append(
                    _("baris %(n)d: %(why)s (kolom %(col)s)")
                    % {"n": line, "why": exc, "col": stage}
                )
        if row_values:
            values[indicator.number] = row_values
        note = str(get(row, "catatan_asesor")).strip()
        if note:
            notes[indicator.number] = note
    if errors:
        raise OfficialImportError(errors, code="baris_tidak_valid")
    if not values:
        raise OfficialImportError(
            _(
                "Tidak ada nilai yang diisi: isi setidaknya satu kolom dokumen, interviu, "
                "visitasi atau final."
            ),
            code="tanpa_nilai",
        )
    return values, notes


def _indicator_key(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip().rstrip(".")


def _value(raw: Any, framework: Framework, indicator: Indicator) -> Decimal:
    """A cell as a value of the framework; ValueError with the reason in Bahasa Indonesia."""
    word = _("level") if framework.value_kind == Framework.ValueKind.INTEGER else _("nilai")
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, int | float):
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        text = str(raw).strip()
        if not _NUMBER.match(text):
            raise ValueError(
                _("%(word)s '%(raw)s' bukan angka untuk indikator %(ind)s")
                % {"word": word, "raw": text, "ind": indicator.code}
            )
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
            raise ValueError(text) from exc
    shown = _shown(value)
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise ValueError(
            _("%(word)s %(v)s memiliki lebih dari 2 angka desimal untuk indikator %(ind)s")
            % {"word": word, "v": shown, "ind": indicator.code}
        )
    in_range = value == 0 or framework.value_min <= value <= framework.value_max
    if not in_range:
        raise ValueError(
            _("%(word)s %(v)s di luar rentang %(range)s untuk indikator %(ind)s")
            % {"word": word, "v": shown, "range": _range_text(framework), "ind": indicator.code}
        )
    if framework.value_kind == Framework.ValueKind.INTEGER and value != value.to_integral_value():
        raise ValueError(
            _("%(word)s %(v)s harus bilangan bulat untuk indikator %(ind)s")
            % {"word": word, "v": shown, "ind": indicator.code}
        )
    return value.quantize(Decimal("0.01"))


def _shown(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.normalize() else format(value, "f")
    return text.replace(".", ",")


def _range_text(framework: Framework) -> str:
    """ "0–5" for whole levels; "0 atau 1,00–5,00" where values below the minimum cannot exist."""
    high = framework.value_max
    if framework.value_kind == Framework.ValueKind.INTEGER:
        return f"0–{high.normalize():f}"
    low = framework.value_min
    return _("0 atau %(low)s–%(high)s") % {
        "low": _shown(low.quantize(Decimal("0.01"))),
        "high": _shown(high.quantize(Decimal("0.01"))),
    }


# --- the report PDF ---------------------------------------------------------------------------


def framework_scorer(framework: Framework):
    """The LHE reader's scorer for a loaded framework: the one engine, exact values."""
    return engine_scorer(framework_engine_spec(framework))


def _read_pdf(data: bytes, *, filename: str, sha256: str, cycle: Cycle, column: str):
    framework = cycle.framework
    if framework.code != lhe_report().code:
        raise OfficialImportError(
            _(
                "Laporan hasil PDF hanya dapat diimpor ke siklus kerangka PermenPANRB 59/2020 "
                "(47 indikator); siklus ini memakai %(fw)s. Gunakan templat XLSX/CSV."
            )
            % {"fw": framework.name},
            code="kerangka_tidak_cocok",
        )
    indicator_count = framework.indicators.count()
    try:
        result = read_lhe(data, indicator_count=indicator_count, scorer=framework_scorer(framework))
    except LheReadError as exc:
        details = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in exc.details.items()}
        raise OfficialImportError(exc.message, code=exc.code, details=details) from exc

    years = {COLUMN_REPORT: result.year, COLUMN_PREVIOUS: result.previous_year}
    if column == COLUMN_AUTO:
        column = next((c for c, y in years.items() if y == cycle.year), COLUMN_REPORT)
    if column not in years or years[column] is None:
        raise OfficialImportError(
            _("Laporan ini hanya memuat satu kolom level (tahun %(year)s).")
            % {"year": result.year},
            code="kolom_tidak_ada",
        )
    if years[column] != cycle.year:
        printed = ", ".join(str(y) for y in years.values() if y is not None)
        raise OfficialImportError(
            _(
                "Tahun tidak cocok: kolom level yang dipilih bertahun %(col)s (laporan memuat "
                "tahun %(printed)s), sedangkan siklus ini tahun %(cycle)s."
            )
            % {"col": years[column], "printed": printed, "cycle": cycle.year},
            code="tahun_tidak_cocok",
        )
    levels = result.levels if column == COLUMN_REPORT else result.previous_levels
    report = {
        "year": result.year,
        "previous_year": result.previous_year,
        "column": column,
        "column_year": years[column],
        "checked": result.checked and column == COLUMN_REPORT,
        "instansi": result.instansi,
        "kind": result.kind,
        "predikat": result.predikat,
        "index": str(result.index),
        "domains": {code: str(v) for code, v in result.domains.items()},
        "aspects": {code: str(v) for code, v in result.aspects.items()},
        "warnings": list(result.warnings),
        "notes": dict(result.notes),
        "recommendation": result.recommendation,
    }
    return ParsedImport(
        source="pdf",
        filename=filename,
        sha256=sha256,
        values={
            n: {Stage.FINAL: Decimal(level).quantize(Decimal("0.01"))}
            for n, level in levels.items()
        },
        report=report,
    )
