"""Reading a KemenPANRB report PDF (LHE) into an official import for a cycle."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.evaluations.models import Cycle
from spbe.frameworks.models import Framework
from spbe.frameworks.official_reports import lhe_report
from spbe.frameworks.selectors import framework_engine_spec
from spbe.frameworks.stages import final_stage
from spbe.official.lhe import LheReadError, engine_scorer, read_lhe
from spbe.official.parsed import (
    COLUMN_AUTO,
    COLUMN_PREVIOUS,
    COLUMN_REPORT,
    OfficialImportError,
    ParsedImport,
)


def framework_scorer(framework: Framework):
    """The LHE reader's scorer for a loaded framework: the one engine, exact values."""
    return engine_scorer(framework_engine_spec(framework))


def read_pdf(data: bytes, *, filename: str, sha256: str, cycle: Cycle, column: str) -> ParsedImport:
    """A KemenPANRB report PDF as the levels of the chosen column, on the final stage."""
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
    final = final_stage(framework).code
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
            n: {final: Decimal(level).quantize(Decimal("0.01"))} for n, level in levels.items()
        },
        report=report,
    )
