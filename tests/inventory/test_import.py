"""Importing applications: the real Denpasar inventory, bad rows with row and column, all or
nothing, unit matching, the spreadsheet safety checks."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from spbe.audit.models import AuditEvent
from spbe.inventory.imports.applications import applications_import, import_preview
from spbe.inventory.imports.columns import read_rupiah
from spbe.inventory.imports.tabular import read_table
from spbe.inventory.models import Application
from spbe.organizations.models import Instansi, Unit
from tests.factories import make_instansi, make_unit

pytestmark = pytest.mark.django_db


def _preview(instansi, text: str, **kwargs):
    header, rows = read_table("x.csv", text.encode("utf-8"))
    return import_preview(instansi=instansi, header=header, rows=rows, **kwargs)


@pytest.fixture
def kota():
    instansi = make_instansi(name="Pemerintah Kota Uji", kind="kota", instansi_key="kota-uji")
    make_unit(instansi=instansi, name="Dinas Komunikasi, Informatika dan Statistik")
    make_unit(instansi=instansi, name="Dinas Kesehatan", short_name="Dinkes")
    return instansi


@pytest.mark.shared
def test_denpasar_inventory_imports_without_hand_editing(denpasar_csv):
    denpasar = make_instansi(
        name="Pemerintah Kota Denpasar", kind="kota", instansi_key="kota-denpasar"
    )
    header, rows = read_table(denpasar_csv.name, denpasar_csv.read_bytes())
    preview = import_preview(instansi=denpasar, header=header, rows=rows, create_missing_units=True)
    assert preview.ok, preview.problems[:5]
    assert len(preview.rows) == 189
    created = applications_import(
        actor=None, instansi=denpasar, preview=preview, create_missing_units=True
    )
    assert len(created) == 189
    apps = Application.objects.filter(instansi=denpasar)
    assert apps.count() == 189
    # "naktif" is the source's spelling of non-aktif.
    assert apps.filter(status="tidak_aktif").count() == 19
    atcs = apps.get(name="ATCS DENPASAR")
    assert atcs.status == "tidak_aktif" and atcs.year_built is None
    bank = apps.get(name="Bank Data")
    assert (bank.year_built, bank.contract_value, bank.database) == (2016, 47_135_000, "MySQL")
    assert bank.all_units_use and bank.owner_unit.name.startswith("Dinas Komunikasi")
    assert apps.filter(name="SMS Gateway").values("owner_unit").distinct().count() == 3
    assert Unit.objects.filter(instansi=denpasar).count() >= 38
    assert AuditEvent.objects.filter(action="inventory.applications_imported").count() == 1


def test_bad_rows_are_refused_with_row_and_column_and_nothing_written(kota):
    text = (
        "nama_aplikasi,unit_pemilik,status,tahun_pembuatan,nilai_kontrak\n"
        "SIMPEG,Dinkes,aktif,2019,150.000.000\n"
        ",Dinkes,aktif,2019,\n"
        "SIKDA,Dinkes,hilang,20x9,seratus\n"
    )
    preview = _preview(kota, text)
    messages = [str(p) for p in preview.problems]
    assert any(m.startswith("baris 3 kolom nama aplikasi") for m in messages)
    assert any(m.startswith("baris 4 kolom status") for m in messages)
    assert any(m.startswith("baris 4 kolom tahun_pembuatan") for m in messages)
    assert any(m.startswith("baris 4 kolom nilai_kontrak") for m in messages)
    with pytest.raises(ValidationError):
        applications_import(actor=None, instansi=kota, preview=preview)
    assert not Application.objects.exists()
    assert not AuditEvent.objects.exists()


def test_units_matched_exact_short_name_and_fuzzy_unmatched_shown(kota):
    text = (
        "nama_aplikasi,opd_pemilik\n"
        "A,Dinkes\n"
        "B,Dinas Komunikasi Informatika dan Statistik\n"
        "C,Dinas Pariwisata\n"
    )
    preview = _preview(kota, text)
    assert preview.matched["Dinkes"].name == "Dinas Kesehatan"
    assert preview.fuzzy["Dinas Komunikasi Informatika dan Statistik"][0].name.startswith(
        "Dinas Komunikasi"
    )
    assert preview.unmatched == ["Dinas Pariwisata"]
    assert not preview.ok  # an undecided unit name blocks the import
    decided = {"Dinas Pariwisata": None}
    preview = _preview(kota, text, unit_decisions=decided)
    assert preview.ok
    applications_import(actor=None, instansi=kota, preview=preview, unit_decisions=decided)
    assert Application.objects.get(name="C").owner_unit is None
    assert not Unit.objects.filter(name="Dinas Pariwisata").exists()


def test_existing_application_is_not_overwritten(kota):
    text = "nama_aplikasi,unit_pemilik,status\nSIMPEG,Dinkes,aktif\n"
    preview = _preview(kota, text)
    applications_import(actor=None, instansi=kota, preview=preview)
    again = _preview(kota, text.replace("aktif", "naktif"))
    assert [p.row for p in again.problems] == [2]
    assert Application.objects.get().status == "operasional"


def test_column_mapping_of_a_units_own_spreadsheet(kota):
    header, rows = read_table("x.csv", b"Aplikasi Kami;Pemilik\nSIMPEG;Dinkes\n")
    preview = import_preview(
        instansi=kota, header=header, rows=rows, mapping={0: "name", 1: "owner_unit"}
    )
    assert preview.ok and preview.rows[0].values["name"] == "SIMPEG"
    unmapped = import_preview(instansi=kota, header=header, rows=rows)
    assert not unmapped.ok and unmapped.problems[0].row == 1


def test_rupiah_with_indonesian_thousands_dots():
    assert read_rupiah("150.000.000") == 150_000_000
    assert read_rupiah("Rp 1.250.000,00") == 1_250_000
    assert read_rupiah("47135000") == 47_135_000
    assert read_rupiah("0") == 0


def _xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_reads_and_zip_bomb_is_refused_before_parsing(settings):
    header, rows = read_table("a.xlsx", _xlsx([["nama_aplikasi"], ["SIMPEG"]]))
    assert header == ["nama_aplikasi"] and rows == [["SIMPEG"]]
    settings.EVIDENCE_MAX_EXPANDED_BYTES = 10_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * 50_000)
    with pytest.raises(ValidationError) as info:
        read_table("bom.xlsx", out.getvalue())
    assert "mengembang" in info.value.messages[0]


def test_too_many_rows_and_bad_files_refused():
    many = "nama_aplikasi\n" + "x\n" * 5001
    with pytest.raises(ValidationError, match="lebih dari 5000 baris"):
        read_table("a.csv", many.encode())
    with pytest.raises(ValidationError, match="UTF-8"):
        read_table("a.csv", "nama\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(ValidationError, match=".xlsx atau .csv"):
        read_table("a.ods", b"x")
    with pytest.raises(ValidationError, match="tidak dapat dibuka|rusak"):
        read_table("a.xlsx", b"PK\x03\x04 not a zip")


def test_import_is_coordinator_only_on_pages(kota):
    from tests.factories import make_user_with_role

    responden = make_user_with_role(role="responden", instansi=kota, unit=Unit.objects.first())
    preview = _preview(kota, "nama_aplikasi,unit_pemilik\nA,Dinkes\n")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        applications_import(actor=responden, instansi=kota, preview=preview)
    assert Instansi.objects.filter(pk=kota.pk).exists() and not Application.objects.exists()


NUL_CSV = b"nama_aplikasi,unit_pemilik\nSIM\x00PEG,Dinkes\n"


def test_a_csv_with_a_nul_byte_is_refused_on_the_page_and_the_cli(kota, client, tmp_path):
    """PostgreSQL refuses NUL in text (it was a 500): the page shows a form error, the CLI a
    command error, and nothing is written, on every database."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import CommandError, call_command
    from django.urls import reverse

    from tests.factories import make_user_with_role

    client.force_login(make_user_with_role(role="koordinator", instansi=kota))
    response = client.post(
        reverse("inventory:import", args=[kota.pk]),
        {"upload": SimpleUploadedFile("aplikasi.csv", NUL_CSV)},
    )
    assert response.status_code == 200
    assert "byte NUL" in response.content.decode()
    assert "inventory_import" not in client.session
    path = tmp_path / "aplikasi.csv"
    path.write_bytes(NUL_CSV)
    with pytest.raises(CommandError, match="byte NUL"):
        call_command("inventory", "import", "--instansi", "kota-uji", str(path))
    assert not Application.objects.exists() and not AuditEvent.objects.exists()
