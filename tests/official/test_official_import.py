"""Official results from the XLSX/CSV template: round trip, every bad row, preview, confirm.

Fixtures here (`people`, `cycle`, `upload`) are imported by the other test_official_* modules.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from openpyxl import load_workbook

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Cycle, Notification, Stage, StageValue
from spbe.evaluations.selectors import cycle_score
from spbe.evaluations.services import StaleRevision, stage_value_set
from spbe.frameworks.selectors import framework_indicators
from spbe.official import parsing, services
from spbe.official.links import official_reverse
from spbe.official.parsed import OfficialImportError
from spbe.official.template import template_csv, template_xlsx
from spbe.organizations.models import Role
from tests.evaluations.conftest import set_stage_values
from tests.factories import make_instansi, make_user_with_role

D = Decimal
# The template of the shipped frameworks: one value column per assessor stage and final.
COLUMNS = ["indikator", "nama", "dokumen", "interviu", "visitasi", "final", "catatan_asesor"]
HEADER = ",".join(COLUMNS)


@pytest.fixture
def people(db):
    instansi = make_instansi(name="Pemerintah Provinsi Kalimantan Timur")
    other = make_instansi(name="Pemerintah Provinsi Lain")
    return {
        "instansi": instansi,
        "other": other,
        "koordinator": make_user_with_role(role=Role.KOORDINATOR, instansi=instansi),
        "koordinator2": make_user_with_role(role=Role.KOORDINATOR, instansi=instansi),
        "responden": make_user_with_role(role=Role.RESPONDEN, instansi=instansi),
        "asesor": make_user_with_role(role=Role.ASESOR, instansi=instansi),
        "outsider": make_user_with_role(role=Role.KOORDINATOR, instansi=other),
    }


@pytest.fixture
def cycle(make_cycle, people):
    return make_cycle(year=2024, instansi=people["instansi"])


def upload(content: bytes | str, name: str = "hasil.csv") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def csv_file(*rows: str) -> SimpleUploadedFile:
    return upload("\n".join([HEADER, *rows]) + "\n")


def preview(cycle, user, file, **kwargs):
    return services.official_import_preview(
        actor=user, cycle=cycle, fileobj=file, filename=file.name, **kwargs
    )


def filled_template(cycle, values: dict[int, dict[str, object]], notes=None) -> bytes:
    """The XLSX template of `cycle`, filled in like a user would with Excel."""
    indicators = list(framework_indicators(cycle.framework))
    book = load_workbook(io.BytesIO(template_xlsx(cycle, indicators)))
    sheet = book["hasil"]
    columns = {name: i + 1 for i, name in enumerate(COLUMNS)}
    for row in range(2, sheet.max_row + 1):
        number = int(sheet.cell(row, 1).value)
        for stage, value in values.get(number, {}).items():
            sheet.cell(row, columns[stage], value)
        if notes and number in notes:
            sheet.cell(row, columns["catatan_asesor"], notes[number])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _stage_values(cycle, stage) -> dict[int, Decimal]:
    return dict(
        StageValue.objects.filter(assessment__cycle=cycle, stage=stage).values_list(
            "assessment__indicator__number", "value"
        )
    )


# --- the template ----------------------------------------------------------------------------


def test_xlsx_template_has_the_cycles_indicators_and_validation(cycle):
    indicators = list(framework_indicators(cycle.framework))
    book = load_workbook(io.BytesIO(template_xlsx(cycle, indicators)))
    sheet = book["hasil"]

    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet.max_row == 48
    assert (sheet.cell(2, 1).value, sheet.cell(48, 1).value) == ("1", "47")
    assert sheet.cell(14, 2).value == indicators[12].name
    assert sheet.protection.sheet  # number and name are read-only help
    assert not sheet.cell(2, 6).protection.locked
    (validation,) = sheet.data_validations.dataValidation
    assert (validation.type, validation.formula1, validation.formula2) == ("whole", "0", "5")
    assert "C2:F48" in str(validation.sqref)
    assert "petunjuk" in book.sheetnames


def test_csv_template_has_the_same_header(cycle):
    data = template_csv(cycle.framework, list(framework_indicators(cycle.framework)))
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 48
    assert lines[13].startswith("13,")


def test_template_round_trip_through_the_pages(client, cycle, people):
    """Download → fill → upload → preview → confirm → values stored, one audit event."""
    koordinator = people["koordinator"]
    client.force_login(koordinator)
    response = client.get(official_reverse("template", cycle.pk, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")

    book = load_workbook(io.BytesIO(response.content))
    sheet = book["hasil"]
    for row in range(2, 49):
        sheet.cell(row, 3, 2)  # dokumen
        sheet.cell(row, 6, 3)  # final
    sheet.cell(14, 6, 4)  # indicator 13 final 4
    sheet.cell(14, 7, "Kebijakan SPBE sudah ditetapkan.")
    out = io.BytesIO()
    book.save(out)

    response = client.post(
        official_reverse("import", cycle.pk),
        {"file": upload(out.getvalue(), "hasil.xlsx"), "column": "auto"},
    )
    assert response.status_code == 200
    assert "Pratinjau hasil resmi" in response.content.decode()
    token = response.context["preview"].token
    assert not StageValue.objects.filter(assessment__cycle=cycle).exists()  # not yet

    response = client.post(official_reverse("confirm", cycle.pk), {"token": token})
    assert response.status_code == 302

    final = _stage_values(cycle, Stage.FINAL)
    assert len(final) == 47
    assert final[13] == D("4") and final[1] == D("3")
    assert set(_stage_values(cycle, Stage.DOKUMEN).values()) == {D("2")}
    note = StageValue.objects.get(
        assessment__cycle=cycle, assessment__indicator__number=13, stage=Stage.FINAL
    )
    assert note.notes == "Kebijakan SPBE sudah ditetapkan."
    assert note.set_by == koordinator and note.set_at is not None

    event = AuditEvent.objects.get(action="import.official_result")
    assert event.actor == koordinator
    assert event.instansi == cycle.instansi
    assert event.extra["counts"]["final"] == {"created": 47, "changed": 0, "unchanged": 0}
    assert event.extra["counts"]["dokumen"]["created"] == 47
    assert len(event.extra["sha256"]) == 64
    assert event.extra["source"] == "xlsx"
    assert cycle_score(cycle, Stage.FINAL, official=True).complete
    # the other coordinator hears about it, the importer does not notify themself
    assert Notification.objects.filter(recipient=people["koordinator2"]).count() == 1
    assert not Notification.objects.filter(recipient=koordinator).exists()


def test_import_notice_is_a_declared_kind_and_mailed(
    cycle, people, mailoutbox, django_capture_on_commit_callbacks
):
    koordinator, other = people["koordinator"], people["koordinator2"]
    other.email = "koord2@example.go.id"
    other.save()
    result = preview(cycle, koordinator, csv_file("1,,,,,3,"))
    with django_capture_on_commit_callbacks(execute=True):
        services.official_import_confirm(actor=koordinator, cycle=cycle, token=result.token)
    note = Notification.objects.get(recipient=other)
    note.full_clean()  # "official_import" is one of Notification.Kind's choices
    assert note.kind == Notification.Kind.OFFICIAL_IMPORT
    assert note.get_kind_display() == "Hasil resmi diimpor"
    assert [m.to for m in mailoutbox] == [["koord2@example.go.id"]]
    # without an indicator to name, the subject is the notice itself (what, which cycle, who)
    assert mailoutbox[0].subject == f"[SPBE Monev] {note.message}"


def test_csv_with_comma_decimals_semicolons_and_zero_on_pemdi(make_cycle, people):
    cycle = make_cycle(code="pemdi-8-2026", year=2026, instansi=people["instansi"])
    file = upload(
        "indikator;nama;dokumen;interviu;visitasi;final;catatan_asesor\n"
        '1;;"1,17";;;"2,5";catatan\n'
        "2;;;;;0;\n"
    )
    result = preview(cycle, people["koordinator"], file)
    services.official_import_confirm(actor=people["koordinator"], cycle=cycle, token=result.token)
    assert _stage_values(cycle, Stage.DOKUMEN) == {1: D("1.17")}
    assert _stage_values(cycle, Stage.FINAL) == {1: D("2.50"), 2: D("0.00")}


# --- bad files: every row reported with its number, nothing written ----------------------------

ROWS_1_TO_10 = [f"{n},,,,,3," for n in range(1, 11)]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([*ROWS_1_TO_10, "13,,,,,7,"], "baris 12: level 7 di luar rentang 0–5 untuk indikator 13"),
        (["99,,,,,3,"], "baris 2: indikator 99 tidak ada di kerangka"),
        (["13,,,,,3,", "13,,,,,4,"], "baris 3: indikator 13 sudah ada di baris 2 (baris ganda)"),
        (["4,,abc,,,3,"], "baris 2: level 'abc' bukan angka untuk indikator 4 (kolom dokumen)"),
        (['4,,,,,"2,5",'], "baris 2: level 2,5 harus bilangan bulat untuk indikator 4"),
        (["4,,,,,-1,"], "baris 2: level '-1' bukan angka"),
        (['4,,,,,"3,125",'], "baris 2: level 3,125 memiliki lebih dari 2 angka desimal"),
        ([",,,,,3,"], "baris 2: kolom indikator kosong"),
        (["4,,,,,,catatan saja"], "Tidak ada nilai yang diisi"),
    ],
)
def test_bad_rows_are_refused_with_their_row_number(cycle, people, rows, message):
    with pytest.raises(OfficialImportError) as caught:
        preview(cycle, people["koordinator"], csv_file(*rows))
    assert any(message in m for m in caught.value.messages), caught.value.messages
    assert not StageValue.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="import.").exists()


def test_every_bad_row_is_listed_at_once(cycle, people):
    with pytest.raises(OfficialImportError) as caught:
        preview(cycle, people["koordinator"], csv_file("1,,,,,9,", "2,,,,,3,", "x,,,,,3,"))
    assert [m.split(":")[0] for m in caught.value.messages] == ["baris 2", "baris 4"]


def test_zero_is_accepted_for_not_assessed(cycle, people):
    result = preview(cycle, people["koordinator"], csv_file("45,,,,,0,"))
    assert result.parsed.values == {45: {"final": D("0.00")}}


@pytest.mark.parametrize(
    "header",
    [
        "indikator,nama,dokumen,interviu,visitasi,nilai_final,catatan_asesor",
        "nomor,dokumen,final",
        "indikator,dokumen,dokumen,interviu,visitasi,final",
    ],
)
def test_wrong_header(cycle, people, header):
    with pytest.raises(OfficialImportError, match="baris 1: judul kolom tidak sesuai templat"):
        preview(cycle, people["koordinator"], upload(f"{header}\n1,,3\n"))
    assert not StageValue.objects.exists()


def test_header_may_leave_out_the_help_columns(cycle, people):
    file = upload("Indikator,Dokumen,Interviu,Visitasi,Final\n13,2,,,3\n")
    assert preview(cycle, people["koordinator"], file).parsed.values == {
        13: {"dokumen": D("2.00"), "final": D("3.00")}
    }


def test_non_utf8_csv(cycle, people):
    data = (HEADER + "\n1,Kebijakan é,,,,3,catatan\n").encode("latin-1")
    with pytest.raises(OfficialImportError, match="UTF-8") as caught:
        preview(cycle, people["koordinator"], upload(data))
    assert caught.value.code == "bukan_utf8"


@pytest.mark.parametrize(
    ("text", "code"),
    [("1,,,,,3,cat\x00atan", "bukan_csv"), ("1,,,,,3,cat\x0batan", "bukan_csv")],
)
def test_nul_bytes_and_control_characters_are_refused(client, cycle, people, text, code):
    """PostgreSQL refuses NUL in text; other control characters only come from binary files:
    refused on the page with a message, by the service with its code, nothing written."""
    with pytest.raises(OfficialImportError, match="(?i)baris 2") as caught:
        preview(cycle, people["koordinator"], csv_file(text))
    assert caught.value.code == code
    client.force_login(people["koordinator"])
    response = client.post(official_reverse("import", cycle.pk), {"file": csv_file(text)})
    assert response.status_code == 200 and "baris 2" in response.content.decode().lower()
    assert not StageValue.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "detected"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "hasil.xlsx", "PNG"),
        ((HEADER + "\n1,,,,,3,\n").encode(), "hasil.xlsx", "teks biasa"),
        (b"MZ\x90\x00" + b"\x00" * 64, "hasil.csv", "bukan teks"),
        (b"PK\x03\x04 not really a zip", "hasil.xlsx", "rusak"),
    ],
)
def test_wrong_file_type_is_refused_by_content(cycle, people, content, name, detected):
    with pytest.raises(ValidationError) as caught:
        preview(cycle, people["koordinator"], upload(content, name))
    assert detected in " ".join(caught.value.messages)
    assert not StageValue.objects.exists()


def test_xlsx_named_csv_is_read_as_xlsx(cycle, people):
    data = filled_template(cycle, {7: {"final": 2}})
    result = preview(cycle, people["koordinator"], upload(data, "hasil.csv"))
    assert (result.parsed.source, result.parsed.values) == ("xlsx", {7: {"final": D("2.00")}})


def test_xlsx_bad_rows_use_the_sheet_row_numbers(cycle, people):
    data = filled_template(cycle, {13: {"final": 7}, 2: {"interviu": "dua"}})
    with pytest.raises(OfficialImportError) as caught:
        preview(cycle, people["koordinator"], upload(data, "hasil.xlsx"))
    assert caught.value.messages == [
        "baris 3: level 'dua' bukan angka untuk indikator 2 (kolom interviu)",
        "baris 14: level 7 di luar rentang 0–5 untuk indikator 13 (kolom final)",
    ]


def test_too_large(cycle, people, monkeypatch):
    monkeypatch.setattr(parsing, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="terlalu besar"):
        preview(cycle, people["koordinator"], csv_file(*ROWS_1_TO_10))


def test_empty_file(cycle, people):
    with pytest.raises(ValidationError, match="kosong"):
        preview(cycle, people["koordinator"], upload(b""))


# --- preview and confirm -------------------------------------------------------------------------


def test_preview_shows_differences_and_indices_per_stage(cycle, people):
    set_stage_values(cycle, Stage.MANDIRI, {n: "4" for n in range(1, 48)})
    set_stage_values(cycle, Stage.FINAL, {n: "2" for n in range(1, 48)})
    rows = [f"{n},,,,,2," for n in range(4, 48)]
    result = preview(cycle, people["koordinator"], csv_file("1,,,,,3,", "2,,,,,1,", *rows))

    comparison = result.comparison
    cells = {row["number"]: row["stages"][0] for row in comparison["rows"]}
    assert cells[1]["change"] == "naik" and cells[1]["current"] == D("2")
    assert cells[2]["change"] == "turun"
    assert cells[3]["change"] == "tetap"  # not in the file: left as it is
    assert cells[4]["change"] == "sama"
    assert comparison["counts"]["final"] == {
        "naik": 1,
        "turun": 1,
        "sama": 44,
        "baru": 0,
        "tetap": 1,
    }
    rows_by_number = {row["number"]: row for row in comparison["rows"]}
    assert rows_by_number[1]["mandiri"] == D("4")
    (final,) = comparison["scores"]
    assert final["before"].index == D("2.00")
    assert final["after"].index == D("2.00")  # +1.30 and -1.30 (both weight 1.30)
    assert comparison["mandiri"].index == D("4.00")
    assert _stage_values(cycle, Stage.FINAL)[1] == D("2")  # nothing written by a preview


def test_preview_page_highlights_changes(client, cycle, people):
    set_stage_values(cycle, Stage.FINAL, {1: "2", 2: "3"})
    client.force_login(people["koordinator"])
    response = client.post(
        official_reverse("import", cycle.pk), {"file": csv_file("1,,,,,3,", "2,,,,,1,", "3,,,,,1,")}
    )
    html = response.content.decode()
    assert "▲ naik" in html and "▼ turun" in html and ">baru<" in html


def test_preview_first_column_reads_no_not_tidak(client, cycle, people):
    client.force_login(people["koordinator"])
    response = client.post(official_reverse("import", cycle.pk), {"file": csv_file("1,,,,,3,")})
    html = response.content.decode()
    assert '<th scope="col">No.</th>' in html and '<th scope="col">Tidak</th>' not in html


def test_confirm_applies_exactly_the_preview(cycle, people):
    koordinator = people["koordinator"]
    first = preview(cycle, koordinator, csv_file("1,,,,,3,"))
    preview(cycle, koordinator, csv_file("1,,,,,5,", "2,,,,,5,"))  # a later, different file

    outcome = services.official_import_confirm(actor=koordinator, cycle=cycle, token=first.token)

    assert _stage_values(cycle, Stage.FINAL) == {1: D("3")}
    assert outcome.per_stage == {"final": {"created": 1, "changed": 0, "unchanged": 0}}
    event = AuditEvent.objects.get(action="import.official_result")
    assert event.extra["preview"] == first.event_id
    assert event.changes == {"1/final": [None, "3.00"]}


def test_confirm_goes_through_the_one_writer_and_records_one_event(cycle, people):
    """The import writes with `stage_values_write`: changed assessments get a new revision (a
    form opened before the import is refused as stale), unchanged ones keep theirs, and the
    audit trail has one event for the import, carrying both the file and the value changes."""
    koordinator = people["koordinator"]
    set_stage_values(cycle, Stage.FINAL, {1: "3", 2: "3"})
    revisions = dict(cycle.assessments.values_list("indicator__number", "revision"))
    result = preview(cycle, koordinator, csv_file("1,,,,,3,", "2,,,,,4,catatan"))

    services.official_import_confirm(actor=koordinator, cycle=cycle, token=result.token)

    after = dict(cycle.assessments.values_list("indicator__number", "revision"))
    assert after[1] == revisions[1]  # 3 → 3: nothing written
    assert after[2] == revisions[2] + 1
    assert after[3] == revisions[3]
    events = AuditEvent.objects.filter(instansi=cycle.instansi).exclude(
        action=services.PREVIEW_ACTION
    )
    assert list(events.values_list("action", flat=True)) == ["import.official_result"]
    assert events.get().changes == {"2/final": ["3.00", "4.00"]}
    assert events.get().extra["sha256"] == result.parsed.sha256
    stale = cycle.assessments.select_related("cycle", "indicator").get(indicator__number=2)
    stale.revision = revisions[2]
    with pytest.raises(StaleRevision):
        stage_value_set(
            actor=koordinator,
            assessment=stale,
            stage=Stage.FINAL,
            value="2",
            revision=revisions[2],
        )


def test_stages_choose_what_is_written(cycle, people):
    file = csv_file("1,,2,3,,4,")
    result = preview(cycle, people["koordinator"], file, stages=["final"])
    services.official_import_confirm(actor=people["koordinator"], cycle=cycle, token=result.token)
    assert _stage_values(cycle, Stage.FINAL) == {1: D("4")}
    assert _stage_values(cycle, Stage.DOKUMEN) == {}
    with pytest.raises(ValidationError, match="Kolom visitasi di berkas kosong"):
        preview(cycle, people["koordinator"], csv_file("1,,2,3,,4,"), stages=["visitasi"])


def test_reimport_counts_changed_and_unchanged(cycle, people):
    koordinator = people["koordinator"]
    set_stage_values(cycle, Stage.FINAL, {1: "3", 2: "3"})
    result = preview(cycle, koordinator, csv_file("1,,,,,3,", "2,,,,,4,"))
    outcome = services.official_import_confirm(actor=koordinator, cycle=cycle, token=result.token)
    assert outcome.per_stage["final"] == {"created": 0, "changed": 1, "unchanged": 1}
    assert _stage_values(cycle, Stage.FINAL) == {1: D("3"), 2: D("4")}


@pytest.mark.parametrize("how", ["edited", "garbage", "other_cycle", "replayed", "other_user"])
def test_bad_tokens_are_refused_and_nothing_is_written(make_cycle, cycle, people, how):
    koordinator = people["koordinator"]
    result = preview(cycle, koordinator, csv_file("1,,,,,3,"))
    token, target, actor = result.token, cycle, koordinator
    if how == "edited":
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    elif how == "garbage":
        token = "bukan-token"
    elif how == "other_cycle":
        target = make_cycle(year=2023, instansi=people["instansi"])
    elif how == "replayed":
        services.official_import_confirm(actor=koordinator, cycle=cycle, token=token)
    elif how == "other_user":
        actor = people["koordinator2"]
    before = StageValue.objects.count()

    with pytest.raises(ValidationError) as caught:
        services.official_import_confirm(actor=actor, cycle=target, token=token)

    assert caught.value.code in {"token_tidak_sah", "token_sudah_dipakai", "token_pengguna_lain"}
    assert StageValue.objects.count() == before
    assert AuditEvent.objects.filter(action="import.official_result").count() == (
        1 if how == "replayed" else 0
    )


def test_expired_token(cycle, people, monkeypatch):
    result = preview(cycle, people["koordinator"], csv_file("1,,,,,3,"))
    monkeypatch.setattr(services, "PREVIEW_MAX_AGE", -1)
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        services.official_import_confirm(
            actor=people["koordinator"], cycle=cycle, token=result.token
        )


def test_locked_cycle_is_refused(cycle, people):
    koordinator = people["koordinator"]
    result = preview(cycle, koordinator, csv_file("1,,,,,3,"))
    Cycle.objects.filter(pk=cycle.pk).update(state=Cycle.State.SELESAI)
    cycle.refresh_from_db()

    with pytest.raises(ValidationError, match="terkunci"):
        services.official_import_confirm(actor=koordinator, cycle=cycle, token=result.token)
    with pytest.raises(ValidationError, match="terkunci"):
        preview(cycle, koordinator, csv_file("1,,,,,3,"))
    assert not StageValue.objects.exists()


def test_a_failure_while_writing_leaves_nothing(cycle, people, monkeypatch):
    result = preview(cycle, people["koordinator"], csv_file("1,,,,,3,", "2,,,,,3,"))

    def broken(**kwargs):
        raise RuntimeError("notification backend down")

    monkeypatch.setattr(services, "_notify_coordinators", broken)
    with pytest.raises(RuntimeError):
        services.official_import_confirm(
            actor=people["koordinator"], cycle=cycle, token=result.token
        )
    assert not StageValue.objects.exists()
    assert not AuditEvent.objects.filter(action="import.official_result").exists()


@pytest.mark.parametrize(("who", "error"), [("responden", PermissionDenied), ("outsider", Http404)])
def test_services_check_the_permission(cycle, people, who, error):
    with pytest.raises(error):
        preview(cycle, people[who], csv_file("1,,,,,3,"))
    result = preview(cycle, people["koordinator"], csv_file("1,,,,,3,"))
    with pytest.raises(error):
        services.official_import_confirm(actor=people[who], cycle=cycle, token=result.token)
    assert not StageValue.objects.exists()
