"""The worksheet round trip: export, edit, preview exactly the changes, apply all or nothing."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from spbe.audit.models import AuditEvent
from spbe.evaluations import services as evaluation
from spbe.evaluations.models import Assessment, ClaimRevision, Stage, StageValue
from spbe.worksheets.services import (
    worksheet_import_apply,
    worksheet_import_confirm,
    worksheet_import_plan,
)
from spbe.worksheets.xlsx import worksheet_export
from tests.evaluations.conftest import assessment_of, fill
from tests.evaluations.test_stage_history import _return_in_interviu
from tests.worksheets.conftest import edit

pytestmark = pytest.mark.django_db


def plan(user, cycle, data):
    return worksheet_import_plan(
        actor=user, cycle=cycle, fileobj=io.BytesIO(data), filename="lk.xlsx"
    )


def state(cycle):
    """Everything the worksheet can change, to prove an import changed nothing."""
    return (
        list(Assessment.objects.filter(cycle=cycle).values_list(
            "pk", "claimed_value", "reviewed_value", "review_note", "status", "revision"
        ).order_by("pk")),
        list(StageValue.objects.filter(assessment__cycle=cycle).values_list(
            "assessment_id", "stage", "value", "fakta", "analisis", "notes"
        ).order_by("pk")),
        AuditEvent.objects.count(),
    )  # fmt: skip


def test_unchanged_worksheet_changes_nothing(open_cycle, users):
    fill(open_cycle, 1, users["responden"], value="3", fakta="=SUM(A1) bukan rumus\nbaris 2")
    for role in ("koordinator", "responden", "asesor"):
        data = worksheet_export(user=users[role], cycle=open_cycle)
        before = state(open_cycle)
        result = plan(users[role], open_cycle, data)
        assert (result.changes, result.errors, result.token) == ([], [], "")
        assert state(open_cycle) == before


def test_export_is_a_printable_validated_worksheet(open_cycle, users):
    fill(open_cycle, 1, users["responden"], value="3", fakta="=1+1")
    book = load_workbook(io.BytesIO(worksheet_export(user=users["koordinator"], cycle=open_cycle)))
    sheet = book["Lembar Kerja"]
    headers = [c.value for c in sheet[4]]
    # every stage of the registry has its column, labelled from the registry
    for _value, label in Stage.choices:
        assert str(label) in headers
    assert sheet.freeze_panes == "D5"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.max_row == 4 + 47
    claim = headers.index("Level klaim responden") + 1
    cell = sheet.cell(row=5, column=claim)
    assert cell.value == 3 and cell.number_format == "0"
    fakta = sheet.cell(row=5, column=headers.index("FAKTA") + 1)
    assert fakta.value == "=1+1" and fakta.data_type == "s"  # text, never a formula
    assert fakta.alignment.wrap_text
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.formula1, validation.formula2) == ("whole", "1", "5")
    assert book["_spbe"].sheet_state == "hidden"


def test_respondent_changes_their_claim_through_the_services(open_cycle, users):
    resp = users["responden"]
    data = worksheet_export(user=resp, cycle=open_cycle)
    edited = edit(data, {(1, "claim"): 4, (1, "fakta"): "Pergub 5/2025.", (1, "analisis"): "L4"})
    result = plan(resp, open_cycle, edited)
    assert result.errors == []
    (change,) = result.changes
    assert change.number == 1
    assert {c.column.key: (c.old, c.new) for c in change.cells} == {
        "claim": (None, Decimal("4")),
        "fakta": ("", "Pergub 5/2025."),
        "analisis": ("", "L4"),
    }
    assert assessment_of(open_cycle, 1).claimed_value is None  # the plan wrote nothing
    cells = worksheet_import_confirm(actor=resp, cycle=open_cycle, token=result.token)
    assert cells == 3
    a = assessment_of(open_cycle, 1)
    assert a.claimed_value == Decimal("4") and a.status == Assessment.Status.DRAF
    mandiri = StageValue.objects.get(assessment=a, stage=Stage.MANDIRI)
    assert (mandiri.value, mandiri.fakta) == (Decimal("4"), "Pergub 5/2025.")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"assessment.saved", "worksheet.imported"} <= actions


def test_refusals_name_row_and_column_and_change_nothing(open_cycle, users):
    resp = users["responden"]
    data = worksheet_export(user=resp, cycle=open_cycle)
    before = state(open_cycle)
    edited = edit(
        data,
        {
            (1, "stage:dokumen"): 3,  # only the koordinator enters stage values
            (1, "name"): "Nama lain",  # read-only
            (2, "claim"): "tiga",  # not a number
        },
    )
    result = plan(resp, open_cycle, edited)
    assert result.token == "" and result.changes == []
    text = "\n".join(result.errors)
    assert "Baris 5, kolom “Penilaian Dokumen”: hanya koordinator" in text
    assert "Baris 5, kolom “Indikator”: kolom ini hanya dibaca" in text
    assert "Baris 6, kolom “Level klaim responden”: “tiga” bukan angka" in text
    assert state(open_cycle) == before


def test_out_of_range_level_is_refused_by_the_services(open_cycle, users):
    resp = users["responden"]
    edited = edit(worksheet_export(user=resp, cycle=open_cycle), {(1, "claim"): 7})
    before = state(open_cycle)
    result = plan(resp, open_cycle, edited)
    assert len(result.errors) == 1
    assert result.errors[0].startswith("Baris 5, kolom “Level klaim responden”:")
    assert state(open_cycle) == before


def test_asesor_changes_only_review_fields(open_cycle, users):
    fill(open_cycle, 1, users["responden"], value="4", submit=True)
    asesor = users["asesor"]
    data = worksheet_export(user=asesor, cycle=open_cycle)
    refused = plan(asesor, open_cycle, edit(data, {(1, "claim"): 2}))
    assert "Anda tidak mengisi penilaian mandiri" in refused.errors[0]
    edited = edit(data, {(1, "reviewed"): 3, (1, "review_note"): "Belum ada reviu."})
    result = plan(asesor, open_cycle, edited)
    assert result.errors == []
    worksheet_import_apply(actor=asesor, cycle=open_cycle, changes=result.changes)
    a = assessment_of(open_cycle, 1)
    assert (a.reviewed_value, a.review_note, a.status) == (
        Decimal("3"),
        "Belum ada reviu.",
        Assessment.Status.DISETUJUI,
    )


def test_koordinator_enters_stage_values_keeping_their_explanation(open_cycle, users):
    koord = users["koordinator"]
    a = assessment_of(open_cycle, 2)
    evaluation.stage_value_set(
        actor=koord, assessment=a, stage=Stage.DOKUMEN, value="2", fakta="F", notes="N"
    )
    data = worksheet_export(user=koord, cycle=open_cycle)
    sheet = load_workbook(io.BytesIO(data))["Lembar Kerja"]
    notes = [c.value for c in sheet[4]].index("Catatan penilai per tahap") + 1
    assert sheet.cell(row=6, column=notes).value == "Penilaian Dokumen: N"
    result = plan(koord, open_cycle, edit(data, {(2, "stage:dokumen"): 3, (3, "stage:final"): 4}))
    assert result.errors == []
    worksheet_import_apply(actor=koord, cycle=open_cycle, changes=result.changes)
    dokumen = StageValue.objects.get(assessment=a, stage=Stage.DOKUMEN)
    assert (dokumen.value, dokumen.fakta, dokumen.notes) == (Decimal("3"), "F", "N")
    assert StageValue.objects.get(
        assessment__cycle=open_cycle, assessment__indicator__number=3, stage=Stage.FINAL
    ).value == Decimal("4")


def test_a_change_since_export_refuses_the_row(open_cycle, users):
    resp = users["responden"]
    data = worksheet_export(user=resp, cycle=open_cycle)
    fill(open_cycle, 1, users["koordinator"], value="2")  # somebody else saves meanwhile
    result = plan(resp, open_cycle, edit(data, {(1, "claim"): 4}))
    assert result.changes == []
    assert (
        "sudah diubah oleh" in result.errors[0]
        and "sejak lembar kerja ini diekspor" in (result.errors[0])
    )
    # the old file as it was would undo the other person's change: refused as well
    assert "sejak lembar kerja ini diekspor" in plan(resp, open_cycle, data).errors[0]
    fresh = worksheet_export(user=resp, cycle=open_cycle)
    assert plan(resp, open_cycle, edit(fresh, {(1, "claim"): 4})).errors == []


def test_a_change_between_preview_and_confirm_applies_nothing(open_cycle, users):
    resp = users["responden"]
    data = worksheet_export(user=resp, cycle=open_cycle)
    result = plan(resp, open_cycle, edit(data, {(1, "claim"): 4, (2, "claim"): 3}))
    assert result.errors == []
    fill(open_cycle, 2, users["koordinator"], value="1")
    before = state(open_cycle)
    with pytest.raises(Exception, match="sudah diubah") as caught:
        worksheet_import_confirm(actor=resp, cycle=open_cycle, token=result.token)
    assert "Baris 6" in str(caught.value)
    assert state(open_cycle) == before  # indicator 1 was not applied either


def test_token_is_bound_to_user_and_tamper_proof(open_cycle, users):
    resp = users["responden"]
    data = worksheet_export(user=resp, cycle=open_cycle)
    result = plan(resp, open_cycle, edit(data, {(1, "claim"): 4}))
    with pytest.raises(Exception, match="bukan milik Anda"):
        worksheet_import_confirm(actor=users["koordinator"], cycle=open_cycle, token=result.token)
    with pytest.raises(Exception, match="tidak sah"):
        worksheet_import_confirm(actor=resp, cycle=open_cycle, token=result.token[:-3] + "xyz")


def test_indicators_the_user_cannot_see_are_refused(open_cycle, users):
    koord_data = worksheet_export(user=users["koordinator"], cycle=open_cycle)
    result = plan(users["responden"], open_cycle, edit(koord_data, {(3, "claim"): 2}))
    assert any("indikator 3 tidak ada di siklus ini atau tidak dapat Anda lihat" in e
               for e in result.errors)  # fmt: skip


def test_fakta_and_analisis_are_the_latest_claim_revision(open_cycle, users):
    """As the indicator page shows them: a fix written after the self-assessment closed is a
    new claim revision (the mandiri value stays as recorded); the worksheet carries the fix,
    and importing a level change does not put the old mandiri text back."""
    resp = users["responden"]
    cycle = _return_in_interviu(open_cycle, users)  # mandiri FAKTA: "Draf Pergub."
    fill(cycle, 1, resp, value="3", fakta="Pergub 12/2024 ditetapkan.", analisis="Level 3.")
    data = worksheet_export(user=users["koordinator"], cycle=cycle)
    sheet = load_workbook(io.BytesIO(data))["Lembar Kerja"]
    headers = [c.value for c in sheet[4]]
    assert sheet.cell(row=5, column=1).value == 1
    assert sheet.cell(row=5, column=headers.index("FAKTA") + 1).value == (
        "Pergub 12/2024 ditetapkan."
    )
    assert sheet.cell(row=5, column=headers.index("ANALISIS") + 1).value == "Level 3."
    mine = worksheet_export(user=resp, cycle=cycle)
    assert plan(resp, cycle, mine).changes == []  # unchanged: nothing to do
    result = plan(resp, cycle, edit(mine, {(1, "claim"): 4}))
    assert result.errors == [] and [c.column.key for c in result.changes[0].cells] == ["claim"]
    worksheet_import_apply(actor=resp, cycle=cycle, changes=result.changes)
    latest = ClaimRevision.objects.filter(assessment__cycle=cycle).last()
    assert (latest.value, latest.fakta, latest.analisis) == (
        Decimal("4"),
        "Pergub 12/2024 ditetapkan.",
        "Level 3.",
    )
    mandiri = StageValue.objects.get(
        assessment__cycle=cycle, assessment__indicator__number=1, stage=Stage.MANDIRI
    )
    assert mandiri.fakta == "Draf Pergub."  # the closed stage is history


def test_approved_indicator_is_refused_with_row_and_column_until_returned(open_cycle, users):
    """Approved work is locked in the worksheet too: the respondent's changed cell is refused
    naming its row and column, and nothing changes; the asesor's return unlocks it."""
    resp, asesor = users["responden"], users["asesor"]
    fill(open_cycle, 1, resp, value="3", submit=True)
    a = assessment_of(open_cycle, 1)
    evaluation.review_accept(actor=asesor, assessment=a, revision=a.revision)
    data = worksheet_export(user=resp, cycle=open_cycle)
    before = state(open_cycle)
    refused = plan(resp, open_cycle, edit(data, {(1, "claim"): 4}))
    assert refused.changes == [] and refused.token == ""
    assert refused.errors == [
        "Baris 5, kolom “Level klaim responden”: Indikator berstatus Disetujui; tidak dapat "
        "diubah responden."
    ]
    assert state(open_cycle) == before

    a = assessment_of(open_cycle, 1)
    evaluation.review_return(actor=asesor, assessment=a, revision=a.revision, note="Lengkapi.")
    data = worksheet_export(user=resp, cycle=open_cycle)
    result = plan(resp, open_cycle, edit(data, {(1, "claim"): 4}))
    assert result.errors == [] and result.token
