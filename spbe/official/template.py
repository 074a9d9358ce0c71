"""The downloadable official-result template (XLSX and CSV), one value column per stage."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from spbe.evaluations.models import Cycle
from spbe.frameworks.models import Framework, Indicator
from spbe.official.parsed import import_stages, template_columns
from spbe.official.parsing import SHEET_TITLE
from spbe.official.table import range_text


def template_rows(framework: Framework, indicators: list[Indicator]) -> list[list[str]]:
    """The header and one row per indicator (number and name filled in, values empty)."""
    columns = template_columns(framework)
    blanks = [""] * (len(columns) - 2)
    return [columns] + [[i.code, i.name, *blanks] for i in indicators]


def template_csv(framework: Framework, indicators: list[Indicator]) -> bytes:
    """The CSV template: UTF-8 with BOM so Excel opens it right."""
    out = io.StringIO()
    csv.writer(out).writerows(template_rows(framework, indicators))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(cycle: Cycle, indicators: list[Indicator]) -> bytes:
    """The XLSX template: the cycle's indicators prefilled, values checked by Excel itself.

    Only the value and note cells are editable (the sheet is protected without a password, so
    nobody renumbers an indicator by accident); the value cells carry a data validation of the
    framework's range, 0 included (not assessed). A second sheet explains the columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    framework = cycle.framework
    stage_count = len(import_stages(framework))
    # Columns: A indikator, B nama, then one per stage, then the assessors' note.
    first_value, note_column = 3, 3 + stage_count
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for row in template_rows(framework, indicators):
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
        error=range_text(framework),
    )
    sheet.add_data_validation(validation)
    validation.add(f"{get_column_letter(first_value)}2:{get_column_letter(note_column - 1)}{last}")
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=first_value, max_col=note_column):
        for cell in row:
            cell.protection = Protection(locked=False)
    sheet.protection.sheet = True
    sheet.freeze_panes = "C2"
    widths = (10, 70, *([10] * stage_count), 50)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width

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
        _("Isi kolom %(columns)s dengan nilai dari hasil resmi.")
        % {"columns": ", ".join(import_stages(cycle.framework))},
        _("Rentang nilai: %(range)s. 0 berarti indikator tidak dinilai.")
        % {"range": range_text(cycle.framework)},
        _("Desimal boleh ditulis dengan koma (1,17) atau titik (1.17)."),
        _("Sel kosong tidak mengubah nilai yang sudah ada. Kolom nama hanya petunjuk."),
        _("Jika satu baris saja salah, tidak ada nilai yang diimpor."),
    ]
