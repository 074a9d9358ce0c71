"""The columns of the lembar kerja and who may change each one.

Stage columns come from the framework's stages (`spbe.frameworks.stages`), level ranges and
precision from the cycle's framework: nothing here names a stage, an indicator or a level.
Who may edit is the evaluation app's rule (`spbe.evaluations.access`), asked per indicator
by the import.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from spbe.frameworks.stages import stages_of

# What a column holds: the indicator key, a level, free text, or a read-only description.
KEY, LEVEL, TEXT, INFO, REVISION = "key", "level", "text", "info", "revision"
# Who changes a column: the respondent's self-assessment, the asesor's review, the
# koordinator's external stage values; None: read-only in the worksheet.
SELF, REVIEW, STAGE = "self", "review", "stage"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str
    width: int
    editor: str | None = None
    stage: str | None = None

    @property
    def editable(self) -> bool:
        return self.editor is not None


def stage_key(stage: str) -> str:
    return f"stage:{stage}"


def worksheet_columns(framework) -> list[Column]:
    """Every column in worksheet order for a cycle of `framework` (headers in the active
    language); one level column per stage of the framework, the stages after the
    self-assessment editable by the koordinator."""
    stages = [
        Column(
            stage_key(stage.code),
            stage.label,
            LEVEL,
            11,
            editor=None if stage.is_self_assessment else STAGE,
            stage=stage.code,
        )
        for stage in stages_of(framework)
    ]
    return [
        Column("number", _("Nomor"), KEY, 7),
        Column("code", _("Kode"), INFO, 7),
        Column("name", _("Indikator"), INFO, 40),
        Column("aspect", _("Aspek"), INFO, 22),
        Column("lead_unit", _("Unit penanggung jawab"), INFO, 24),
        Column("status", _("Status"), INFO, 14),
        *stages,
        Column("claim", _("Level klaim responden"), LEVEL, 11, editor=SELF),
        Column("fakta", _("FAKTA"), TEXT, 50, editor=SELF),
        Column("analisis", _("ANALISIS"), TEXT, 50, editor=SELF),
        Column("reviewed", _("Level reviu asesor"), LEVEL, 11, editor=REVIEW),
        Column("review_note", _("Catatan reviu asesor"), TEXT, 40, editor=REVIEW),
        Column("stage_notes", _("Catatan penilai per tahap"), INFO, 40),
        Column("evidence", _("Bukti dukung"), INFO, 40),
        Column("revision", _("Revisi"), REVISION, 8),
    ]


def columns_by_key(framework) -> dict[str, Column]:
    return {column.key: column for column in worksheet_columns(framework)}
