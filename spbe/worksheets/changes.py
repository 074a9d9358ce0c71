"""What an edited worksheet changes: each cell compared with the indicator as it is now.

A changed cell is refused, with its row and column, when its column is read-only, when the
user may not change it (the evaluation app's access rule, the respondent's stage rule), or
when the indicator was changed by someone else since the worksheet was exported (its
revision). Only changes that pass all of this reach the evaluation services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from spbe.evaluations import access
from spbe.evaluations.services import (
    LOCKED_MESSAGE,
    external_source_message,
    self_assessment_refusal,
)
from spbe.worksheets.columns import KEY, LEVEL, REVIEW, REVISION, SELF, STAGE, Column
from spbe.worksheets.selectors import WorksheetRow, clean_text, level_equal
from spbe.worksheets.xlsx import SheetRow


@dataclass
class CellChange:
    column: Column
    old: object
    new: object


@dataclass
class RowChange:
    """The changes of one worksheet row (`row`: its number in the sheet)."""

    row: int
    number: int
    code: str
    name: str
    revision: int
    cells: list[CellChange] = field(default_factory=list)

    def new_values(self) -> dict[str, object]:
        return {cell.column.key: cell.new for cell in self.cells}


class CellError(ValueError):
    """A value that cannot be read; the message says why."""


def where(row: int, column: Column | None = None) -> str:
    if column is None:
        return _("Baris %(row)s") % {"row": row}
    return _("Baris %(row)s, kolom “%(column)s”") % {"row": row, "column": column.header}


def parse_level(raw) -> Decimal | None:
    """A level cell as a number: a number cell as it is, text with a decimal comma or point."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise CellError(_("bukan angka"))
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = str(raw).strip().replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(v)s” bukan angka") % {"v": str(raw)[:40]}) from None


def parse_whole(raw) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw).strip())
    except InvalidOperation:
        raise CellError(_("“%(v)s” bukan bilangan bulat") % {"v": str(raw)[:40]}) from None
    if value != value.to_integral_value():
        raise CellError(_("“%(v)s” bukan bilangan bulat") % {"v": str(raw)[:40]})
    return int(value)


def _same(column: Column, old, new) -> bool:
    if column.kind == LEVEL:
        return level_equal(old, new)
    return clean_text(old) == clean_text(new)


def _read(column: Column, raw):
    if column.kind == LEVEL:
        return parse_level(raw)
    return clean_text(raw)


def _refusal(user, row: WorksheetRow, column: Column) -> str | None:
    """Why `user` may not change this column of this indicator; None when they may."""
    assessment = row.assessment
    if column.editor is None:
        return _("kolom ini hanya dibaca pada lembar kerja")
    if assessment.cycle.is_locked:
        return _(LOCKED_MESSAGE)
    if row.external and column.kind == LEVEL:
        return external_source_message(assessment.indicator, assessment.cycle.framework)
    if column.editor == SELF:
        if not access.fills_in(user, assessment):
            return _("Anda tidak mengisi penilaian mandiri indikator ini")
        return self_assessment_refusal(assessment)
    if column.editor == REVIEW and not access.reviews(user, assessment):
        return _("Anda bukan asesor indikator ini")
    if column.editor == STAGE and not access.coordinates(user, assessment.cycle):
        return _("hanya koordinator yang mengisi nilai tahap")
    return None


def _stale(row: SheetRow, current: WorksheetRow, revision: int) -> str:
    assessment = current.assessment
    who = assessment.updated_by.display_name if assessment.updated_by else _("pengguna lain")
    when = formats.date_format(timezone.localtime(assessment.updated_at), "j F Y H.i")
    return _(
        "%(where)s: indikator %(code)s sudah diubah oleh %(who)s pada %(when)s sejak lembar "
        "kerja ini diekspor (revisi %(old)s, sekarang %(new)s). Unduh lembar kerja baru lalu "
        "ulangi perubahan Anda."
    ) % {
        "where": where(row.row),
        "code": assessment.indicator.code,
        "who": who,
        "when": when,
        "old": revision,
        "new": assessment.revision,
    }


def worksheet_changes(
    *, user, sheet_rows: list[SheetRow], current: list[WorksheetRow], columns: list[Column]
) -> tuple[list[RowChange], list[str]]:
    """Every changed cell of the edited rows against `current`, and every refusal (row and
    column named). Rows left out of the file change nothing."""
    by_number = {row.cells["number"]: row for row in current}
    changes: list[RowChange] = []
    errors: list[str] = []
    seen: dict[int, int] = {}
    key_column = next(c for c in columns if c.kind == KEY)
    revision_column = next(c for c in columns if c.kind == REVISION)
    for sheet_row in sheet_rows:
        try:
            number = parse_whole(sheet_row.cells.get("number"))
            revision = parse_whole(sheet_row.cells.get("revision"))
        except CellError as exc:
            errors.append(f"{where(sheet_row.row, key_column)}: {exc}")
            continue
        if number is None:
            errors.append(f"{where(sheet_row.row, key_column)}: {_('nomor indikator kosong')}")
            continue
        if number in seen:
            errors.append(
                f"{where(sheet_row.row, key_column)}: "
                + _("indikator %(n)s sudah ada di baris %(other)s")
                % {"n": number, "other": seen[number]}
            )
            continue
        seen[number] = sheet_row.row
        row = by_number.get(number)
        if row is None:
            errors.append(
                f"{where(sheet_row.row, key_column)}: "
                + _("indikator %(n)s tidak ada di siklus ini atau tidak dapat Anda lihat")
                % {"n": number}
            )
            continue
        change, row_errors = _row_changes(user, sheet_row, row, columns)
        if (change.cells or row_errors) and revision != row.cells["revision"]:
            # what differs may be the other person's change, not this file's: say so only
            if revision is None:
                errors.append(f"{where(sheet_row.row, revision_column)}: {_('kosong')}")
            else:
                errors.append(_stale(sheet_row, row, revision))
            continue
        if row_errors:
            errors.extend(row_errors)
            continue
        if change.cells:
            changes.append(change)
    return changes, errors


def _row_changes(user, sheet_row: SheetRow, row: WorksheetRow, columns: list[Column]):
    indicator = row.assessment.indicator
    change = RowChange(
        row=sheet_row.row,
        number=indicator.number,
        code=indicator.code,
        name=indicator.short_name or indicator.name,
        revision=row.cells["revision"],
    )
    errors: list[str] = []
    for column in columns:
        if column.kind in (KEY, REVISION) or column.key not in sheet_row.cells:
            continue
        try:
            new = _read(column, sheet_row.cells[column.key])
        except CellError as exc:
            errors.append(f"{where(sheet_row.row, column)}: {exc}")
            continue
        old = row.cells.get(column.key)
        if _same(column, old, new):
            continue
        refusal = _refusal(user, row, column)
        if refusal:
            errors.append(f"{where(sheet_row.row, column)}: {refusal}")
            continue
        change.cells.append(CellChange(column, old, new))
    return change, errors
