"""The worksheet from the cycle page, the API and the `spbe worksheet` command."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from spbe.evaluations.models import Stage, StageValue
from spbe.worksheets.xlsx import worksheet_export
from tests.evaluations.conftest import assessment_of
from tests.reports.fixtures import make_pemdi_cycle
from tests.worksheets.conftest import edit, upload

pytestmark = pytest.mark.django_db


def test_cycle_page_links_and_download(client, open_cycle, users):
    client.force_login(users["responden"])
    page = client.get(f"/evaluasi/{open_cycle.pk}/").content.decode()
    assert f"/evaluasi/{open_cycle.pk}/lembar-kerja.xlsx" in page
    assert f"/evaluasi/{open_cycle.pk}/lembar-kerja/impor/" in page
    response = client.get(f"/evaluasi/{open_cycle.pk}/lembar-kerja.xlsx")
    assert response.status_code == 200
    assert "lembar-kerja" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    numbers = [r[0] for r in book["Lembar Kerja"].iter_rows(min_row=5, values_only=True)]
    assert numbers == [1, 2]  # the respondent's own indicators only
    client.force_login(users["pimpinan"])
    page = client.get(f"/evaluasi/{open_cycle.pk}/").content.decode()
    assert "lembar-kerja/impor" not in page  # read-only role
    assert client.get(f"/evaluasi/{open_cycle.pk}/lembar-kerja/impor/").status_code == 403
    client.force_login(users["other_koordinator"])
    assert client.get(f"/evaluasi/{open_cycle.pk}/lembar-kerja.xlsx").status_code == 404


def test_upload_preview_confirm_applies_exactly_the_preview(client, open_cycle, users):
    resp = users["responden"]
    client.force_login(resp)
    data = edit(worksheet_export(user=resp, cycle=open_cycle), {(2, "claim"): 3})
    url = f"/evaluasi/{open_cycle.pk}/lembar-kerja/impor/"
    response = client.post(url, {"file": upload(data)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Level klaim responden" in page and "<strong>3</strong>" in page
    assert assessment_of(open_cycle, 2).claimed_value is None
    token = response.context["confirm_form"].initial["token"]
    response = client.post(f"/evaluasi/{open_cycle.pk}/lembar-kerja/konfirmasi/", {"token": token})
    assert response.status_code == 302
    assert assessment_of(open_cycle, 2).claimed_value == Decimal("3")


def test_upload_refusals_are_shown_in_indonesian(client, open_cycle, users):
    client.force_login(users["responden"])
    url = f"/evaluasi/{open_cycle.pk}/lembar-kerja/impor/"
    response = client.post(url, {"file": upload(b"%PDF-1.4 bukan lembar kerja\n%%EOF", "a.xlsx")})
    assert response.status_code == 400
    assert "harus berkas XLSX" in response.content.decode()
    book = Workbook()
    out = io.BytesIO()
    book.save(out)
    response = client.post(url, {"file": upload(out.getvalue())})
    assert "bukan lembar kerja SPBE Monev" in response.content.decode()


def test_file_and_sheet_limits_are_checked_before_parsing(open_cycle, users, settings):
    from spbe.worksheets.services import worksheet_import_plan

    koord = users["koordinator"]
    data = worksheet_export(user=koord, cycle=open_cycle)
    settings.WORKSHEET_MAX_ROWS = 10
    with pytest.raises(Exception, match="terlalu besar"):
        worksheet_import_plan(actor=koord, cycle=open_cycle, fileobj=io.BytesIO(data), filename="a")
    settings.WORKSHEET_MAX_ROWS = 1000
    settings.WORKSHEET_MAX_EXPANDED_BYTES = 1000
    with pytest.raises(Exception, match="mengembang terlalu besar"):
        worksheet_import_plan(actor=koord, cycle=open_cycle, fileobj=io.BytesIO(data), filename="a")
    settings.WORKSHEET_MAX_BYTES = 100
    with pytest.raises(Exception, match="ditolak"):
        worksheet_import_plan(actor=koord, cycle=open_cycle, fileobj=io.BytesIO(data), filename="a")


def test_worksheet_of_another_cycle_is_refused(open_cycle, users, world):
    from spbe.worksheets.services import worksheet_import_plan

    other = make_pemdi_cycle(instansi=world.province)
    data = worksheet_export(user=users["koordinator"], cycle=other)
    with pytest.raises(Exception, match="milik siklus lain"):
        worksheet_import_plan(
            actor=users["koordinator"], cycle=open_cycle, fileobj=io.BytesIO(data), filename="a"
        )


def test_pemdi_worksheet_has_decimal_levels(world, shipped):
    cycle = make_pemdi_cycle(instansi=world.province)
    book = load_workbook(io.BytesIO(worksheet_export(user=None, cycle=cycle)))
    sheet = book["Lembar Kerja"]
    headers = [c.value for c in sheet[4]]
    mandiri = sheet.cell(row=5, column=headers.index(str(Stage.MANDIRI.label)) + 1)
    assert mandiri.value == Decimal("2.50") or mandiri.value == 2.5
    assert mandiri.number_format == "0.00"  # shown "2,50" by an Indonesian Excel
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "decimal" and validation.formula2 == "5.00"


def test_api_download_and_import(api, open_cycle, users):
    resp = users["responden"]
    client = api(resp)
    response = client.get(f"/api/cycles/{open_cycle.pk}/worksheet/")
    assert response.status_code == 200
    data = edit(response.content, {(1, "claim"): 2})
    url = f"/api/cycles/{open_cycle.pk}/worksheet/import/"
    body = client.post(url, {"file": upload(data), "dry_run": "true"}, format="multipart").json()
    assert body["applied"] is False and body["cells"] == 1
    assert body["changes"][0]["cells"][0] == {
        "column": "claim",
        "header": "Level klaim responden",
        "old": None,
        "new": "2",
        "old_display": "–",
        "new_display": "2",
    }
    assert assessment_of(open_cycle, 1).claimed_value is None
    body = client.post(url, {"file": upload(data)}, format="multipart").json()
    assert body["applied"] is True
    assert assessment_of(open_cycle, 1).claimed_value == Decimal("2")
    bad = edit(data, {(1, "stage:final"): 3})
    response = client.post(url, {"file": upload(bad)}, format="multipart")
    assert response.status_code == 400 and "Baris 5" in response.json()["errors"][0]
    assert api(users["pimpinan"]).post(url, {}, format="multipart").status_code == 403


def test_cli_export_and_import(tmp_path, open_cycle, users, capsys):
    out = tmp_path / "lk.xlsx"
    call_command("worksheet", "export", "--cycle", str(open_cycle.pk), "--out", str(out))
    edited = tmp_path / "lk2.xlsx"
    edited.write_bytes(edit(out.read_bytes(), {(2, "stage:dokumen"): 4}))
    args = ["worksheet", "import", "--cycle", str(open_cycle.pk), "--user", "koord"]
    call_command(*args, str(edited), "--dry-run")
    printed = capsys.readouterr().out
    assert "baris 6 · indikator 2 · Penilaian Dokumen: – → 4" in printed
    assert not StageValue.objects.filter(stage=Stage.DOKUMEN).exists()
    call_command(*args, str(out))
    assert "Tidak ada perubahan." in capsys.readouterr().out  # the round trip
    call_command(*args, str(edited))
    assert StageValue.objects.get(stage=Stage.DOKUMEN).value == Decimal("4")
    with pytest.raises(CommandError, match="Siklus 999999 tidak ada. Siklus yang ada: "):
        call_command("worksheet", "export", "--cycle", "999999", "--out", str(out))
    with pytest.raises(CommandError, match="--cycle harus nomor siklus"):
        call_command("worksheet", "export", "--cycle", "dua", "--out", str(out))
    with pytest.raises(CommandError, match="Pengguna siapa tidak ada"):
        call_command(
            "worksheet", "import", "--cycle", str(open_cycle.pk), "--user", "siapa", str(out)
        )
    with pytest.raises(CommandError, match="ditolak, tidak ada yang disimpan"):
        call_command(
            "worksheet", "import", "--cycle", str(open_cycle.pk), "--user", "resp", str(edited)
        )


def test_download_queries_do_not_grow_with_the_cycle(client, open_cycle, users, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reports.fixtures import FINAL_2024, by_number, make_cycle

    client.force_login(users["koordinator"])
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/evaluasi/{open_cycle.pk}/lembar-kerja.xlsx").status_code == 200
    units = [world.diskominfo, world.setda, world.dinkes]
    big = make_cycle(
        instansi=world.province, year=2024, stages={"final": by_number(FINAL_2024)}, units=units
    )
    with CaptureQueriesContext(connection) as large:
        assert client.get(f"/evaluasi/{big.pk}/lembar-kerja.xlsx").status_code == 200
    assert len(large.captured_queries) <= len(small.captured_queries) + 2
    assert len(large.captured_queries) < 20
