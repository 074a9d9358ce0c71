"""Importing an edited lembar kerja: plan (a dry run), then apply all or nothing.

The worksheet never writes a model itself. Each changed row goes through the evaluation
services the pages use, as the importing user: the self-assessment (`assessment_save`, as a
draft), the asesor's level and note (`review_set_level`), the koordinator's external stage
values (`stage_value_set`). They check access, the stage rules, the framework's range and the
assessment's revision (optimistic locking), and write their audit events. The plan runs the
same calls inside a transaction that is rolled back, so the preview shows exactly what the
confirmation will do, and refusals the services make are known before anything is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.evaluations import services as evaluation
from spbe.evaluations.models import Cycle
from spbe.worksheets.changes import CellChange, RowChange, where, worksheet_changes
from spbe.worksheets.columns import (
    LEVEL,
    REVIEW,
    SELF,
    STAGE,
    columns_by_key,
    worksheet_columns,
)
from spbe.worksheets.selectors import WorksheetRow, worksheet_rows
from spbe.worksheets.xlsx import read_worksheet

TOKEN_SALT = "spbe.worksheets.import"
TOKEN_MAX_AGE = 2 * 60 * 60  # a preview left open over lunch can still be confirmed


@dataclass
class WorksheetImportPlan:
    """What an uploaded worksheet would change (`changes`), or why it is refused (`errors`).
    `token` confirms exactly these changes (empty when there is nothing to apply)."""

    cycle: Cycle
    filename: str
    sha256: str
    changes: list[RowChange] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    token: str = ""

    @property
    def cell_count(self) -> int:
        return sum(len(change.cells) for change in self.changes)


class _DryRun(Exception):
    """Raised to roll the planning transaction back after every change went through."""


def worksheet_import_plan(
    *, actor, cycle: Cycle, fileobj: BinaryIO, filename: str
) -> WorksheetImportPlan:
    """Read an edited worksheet of `cycle` and plan its changes as `actor`, writing nothing.

    File problems (size, type, not a worksheet of this cycle) raise ValidationError; problems
    of rows and cells are listed in `errors` with their row and column, every one of them.
    """
    sheet_rows, sha256 = read_worksheet(fileobj, filename=filename, cycle=cycle)
    plan = WorksheetImportPlan(cycle=cycle, filename=filename, sha256=sha256)
    columns = worksheet_columns(cycle.framework)
    current = worksheet_rows(user=actor, cycle=cycle)
    plan.changes, plan.errors = worksheet_changes(
        user=actor, sheet_rows=sheet_rows, current=current, columns=columns
    )
    if plan.changes and not plan.errors:
        plan.errors = _dry_run(actor=actor, cycle=cycle, changes=plan.changes)
    if plan.changes and not plan.errors:
        plan.token = _token(actor, plan)
    return plan


def _dry_run(*, actor, cycle: Cycle, changes: list[RowChange]) -> list[str]:
    try:
        with transaction.atomic():
            _apply(actor=actor, cycle=cycle, changes=changes, request=None)
            raise _DryRun
    except _DryRun:
        return []
    except ValidationError as exc:
        return exc.messages


def _token(actor, plan: WorksheetImportPlan) -> str:
    rows = [
        [change.row, change.number, change.revision, _plain_values(change)]
        for change in plan.changes
    ]
    payload = {"c": plan.cycle.pk, "u": actor.pk, "f": plan.filename, "h": plan.sha256, "r": rows}
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def _plain_values(change: RowChange) -> dict[str, str | None]:
    return {
        key: (None if value is None else str(value)) for key, value in change.new_values().items()
    }


@transaction.atomic
def worksheet_import_apply(
    *,
    actor,
    cycle: Cycle,
    changes: list[RowChange],
    filename: str = "",
    sha256: str = "",
    request=None,
) -> int:
    """Apply planned changes as `actor`, all or nothing; returns the number of cells changed.

    Any refusal by a service (a revision changed since the worksheet was exported, a stage
    closed meanwhile) rolls every change back and raises ValidationError naming the row and
    column. One `worksheet.imported` audit event sums the import up beside the services' own.
    """
    cycle = (
        Cycle.objects.select_for_update().select_related("framework", "instansi").get(pk=cycle.pk)
    )
    _apply(actor=actor, cycle=cycle, changes=changes, request=request)
    cells = sum(len(change.cells) for change in changes)
    audit_record(
        actor=actor,
        action="worksheet.imported",
        target=cycle,
        instansi=cycle.instansi,
        extra={
            "filename": filename,
            "sha256": sha256,
            "rows": len(changes),
            "cells": cells,
            "indicators": [change.number for change in changes],
        },
        request=request,
    )
    return cells


def worksheet_import_confirm(*, actor, cycle: Cycle, token: str, request=None) -> int:
    """Apply exactly the changes a preview showed (its signed token), all or nothing."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(
            _("Pratinjau tidak sah atau kedaluwarsa; unggah lembar kerja sekali lagi.")
        ) from None
    if data.get("c") != cycle.pk or data.get("u") != actor.pk:
        raise ValidationError(_("Pratinjau ini bukan milik Anda atau siklus ini."))
    columns = columns_by_key(cycle.framework)
    changes = []
    for row, number, revision, values in data["r"]:
        change = RowChange(row=row, number=number, code="", name="", revision=revision)
        for key, value in values.items():
            column = columns[key]
            new = Decimal(value) if column.kind == LEVEL and value is not None else value
            change.cells.append(CellChange(column, None, new))
        changes.append(change)
    return worksheet_import_apply(
        actor=actor,
        cycle=cycle,
        changes=changes,
        filename=data.get("f", ""),
        sha256=data.get("h", ""),
        request=request,
    )


# -- applying one row through the evaluation services -----------------------------------------
def _apply(*, actor, cycle: Cycle, changes: list[RowChange], request) -> None:
    rows = {row.cells["number"]: row for row in worksheet_rows(user=actor, cycle=cycle)}
    for change in changes:
        row = rows.get(change.number)
        if row is None:
            raise ValidationError(
                f"{where(change.row)}: "
                + _("indikator %(n)s tidak dapat Anda lihat") % {"n": change.number}
            )
        _apply_row(actor=actor, row=row, change=change, request=request)


def _apply_row(*, actor, row: WorksheetRow, change: RowChange, request) -> None:
    assessment = row.assessment
    assessment.revision = change.revision  # the revision the worksheet was exported at
    by_editor: dict[str, dict] = {}
    for cell in change.cells:
        by_editor.setdefault(cell.column.editor, {})[cell.column.key] = cell
    for editor in (SELF, REVIEW, STAGE):
        cells = by_editor.get(editor)
        if not cells:
            continue
        try:
            _WRITERS[editor](actor=actor, row=row, cells=cells, request=request)
        except ValidationError as exc:
            column = next(iter(cells.values())).column
            raise ValidationError(f"{where(change.row, column)}: {' '.join(exc.messages)}") from exc


def _new(cells: dict, key: str, current):
    return cells[key].new if key in cells else current


def _write_self(*, actor, row: WorksheetRow, cells: dict, request) -> None:
    a = row.assessment
    evaluation.assessment_save(
        actor=actor,
        assessment=a,
        revision=a.revision,
        value=_new(cells, "claim", row.cells["claim"]),
        fakta=_new(cells, "fakta", row.cells["fakta"]),
        analisis=_new(cells, "analisis", row.cells["analisis"]),
        request=request,
    )


def _write_review(*, actor, row: WorksheetRow, cells: dict, request) -> None:
    a = row.assessment
    value = _new(cells, "reviewed", row.cells["reviewed"])
    if value is None:
        raise ValidationError(_("Level reviu tidak dapat dikosongkan; isi levelnya."))
    evaluation.review_set_level(
        actor=actor,
        assessment=a,
        revision=a.revision,
        value=value,
        note=_new(cells, "review_note", row.cells["review_note"]),
        request=request,
    )


def _write_stages(*, actor, row: WorksheetRow, cells: dict, request) -> None:
    a = row.assessment
    current = {sv.stage: sv for sv in a.stage_values.all()}
    for cell in cells.values():
        stage = cell.column.stage
        sv = current.get(stage)
        # the stage's FAKTA/ANALISIS/notes are not in the worksheet: kept as they are
        evaluation.stage_value_set(
            actor=actor,
            assessment=a,
            stage=stage,
            value=cell.new,
            fakta=sv.fakta if sv else "",
            analisis=sv.analisis if sv else "",
            notes=sv.notes if sv else "",
            revision=a.revision,
            request=request,
        )


_WRITERS = {SELF: _write_self, REVIEW: _write_review, STAGE: _write_stages}
