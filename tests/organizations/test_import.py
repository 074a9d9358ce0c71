"""Bulk import of units and users: good files, a bad row (row number, nothing kept),
non-UTF-8 CSV, wrong header, templates that round-trip."""

import io
import time
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from spbe.audit.models import AuditEvent
from spbe.core import tabular
from spbe.organizations import imports
from spbe.organizations.models import RoleGrant, Unit

pytestmark = pytest.mark.django_db
User = get_user_model()


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(client, world, kind, name, content):
    client.force_login(world.users["koordinator"])
    return client.post(
        reverse("organizations:import", args=[world.province.pk, kind]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_good_xlsx_of_units_with_nesting(client, world):
    content = _xlsx(
        [
            ["nama", "nama_pendek", "jenis", "induk", "koordinator"],
            ["Badan Pendapatan Daerah", "Bapenda", "badan", "", "tidak"],
            ["Bidang Pajak", "", "other", "Bapenda", ""],
            ["Biro Umum", "", "Biro", "Sekretariat Daerah", ""],
        ]
    )
    response = _upload(client, world, "unit", "unit.xlsx", content)
    assert response.status_code == 302
    assert Unit.objects.get(name="Bidang Pajak").parent.short_name == "Bapenda"
    assert Unit.objects.get(name="Biro Umum").parent == world.setda
    assert AuditEvent.objects.filter(action="unit.created").count() == 3
    assert AuditEvent.objects.filter(action="import.units").count() == 1


def test_bad_row_is_reported_by_number_and_nothing_is_imported(client, world):
    content = (
        b"nama,nama_pendek,jenis,induk,koordinator\n"
        b"Badan Pendapatan Daerah,Bapenda,badan,,\n"
        b"Dinas Kelautan,DKP,kapal,,\n"
        b"Dinas Pariwisata,Dispar,dinas,Tidak Ada,\n"
    )
    before = Unit.objects.count()
    response = _upload(client, world, "unit", "unit.csv", content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Baris 3" in html and "kapal" in html
    assert "Baris 4" in html and "Tidak Ada" in html
    assert "Tidak ada data yang diimpor" in html
    assert Unit.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_good_csv_of_users_shows_generated_passwords_once(client, world):
    content = (
        "\ufeffusername;nama_depan;nama_belakang;email;jabatan;unit;peran;rekursif;kata_sandi\n"
        "ani;Ani;Lestari;ani@kaltimprov.go.id;Analis;Dinkes;responden;tidak;\n"
        "bayu;Bayu;;;;Setda;responden;ya;Mahakam-Lestari-2026\n"
    ).encode()
    response = _upload(client, world, "pengguna", "pengguna.csv", content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ani" in html and "(dari berkas)" in html
    ani = User.objects.get(username="ani")
    assert RoleGrant.objects.get(user=ani).unit == world.dinkes
    bayu = User.objects.get(username="bayu")
    assert bayu.check_password("Mahakam-Lestari-2026")
    assert RoleGrant.objects.get(user=bayu).recursive is True


def test_bad_user_row_rolls_back_the_good_ones(client, world):
    content = (
        b"username,peran,unit,kata_sandi\n"
        b"ani,responden,Dinkes,\n"
        b"budi,responden,Dinkes,123\n"
        b"koord,responden,Dinkes,\n"
    )
    response = _upload(client, world, "pengguna", "p.csv", content)
    html = response.content.decode()
    assert "Baris 3" in html  # weak password
    assert "Baris 4" in html  # username taken
    assert not User.objects.filter(username__in=["ani", "budi"]).exists()


def test_coordinator_cannot_import_an_administrator(client, world):
    content = b"username,peran\nsuper,administrator\n"
    html = _upload(client, world, "pengguna", "p.csv", content).content.decode()
    assert "Baris 2" in html and "Hanya administrator" in html
    assert not User.objects.filter(username="super").exists()


def test_non_utf8_csv_is_refused_with_a_clear_message(client, world):
    content = "nama,jenis\nDinas Pariwisata dan Kebudayaan Daerah Istimewa,dinas\n".encode("utf-16")
    html = _upload(client, world, "unit", "unit.csv", content).content.decode()
    assert "UTF-8" in html
    latin = "nama,jenis\nDinas Perhubungan Kota Tenggarong Seberang Café,dinas\n".encode("latin-1")
    html = _upload(client, world, "unit", "unit.csv", latin).content.decode()
    assert "UTF-8" in html
    assert not Unit.objects.filter(name__startswith="Dinas Perhubungan").exists()


def test_wrong_header_is_refused(client, world):
    html = _upload(
        client, world, "unit", "unit.csv", b"name,type\nDinas X,dinas\n"
    ).content.decode()
    assert "Judul kolom tidak sesuai" in html and "nama" in html
    assert not Unit.objects.filter(name="Dinas X").exists()


def test_not_a_spreadsheet_is_refused(client, world):
    html = _upload(client, world, "unit", "unit.xlsx", b"PK\x03\x04bukan").content.decode()
    assert "XLSX tidak dapat dibaca" in html
    html = _upload(client, world, "unit", "unit.pdf", b"%PDF").content.decode()
    assert "xlsx atau .csv" in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["unit", "pengguna"])
def test_templates_download_and_import_back(client, world, kind, fmt):
    client.force_login(world.users["koordinator"])
    response = client.get(
        reverse("organizations:import_template", args=[world.province.pk, kind, fmt])
    )
    assert response.status_code == 200
    assert f"templat-{kind}.{fmt}" in response["Content-Disposition"]
    rows = imports.parse(kind, f"t.{fmt}", response.content)
    assert rows[0].number == 2
    assert list(rows[0].values) == imports.KINDS[kind][0]


def test_import_refuses_province_wide_recursive_role(client, world):
    body = b"username,peran,rekursif\nmata,pimpinan,ya\n"
    response = _upload(client, world, "pengguna", "p.csv", body)
    assert response.status_code == 200
    assert "Baris 2" in response.content.decode()
    assert "Hanya administrator" in response.content.decode()
    assert not User.objects.filter(username="mata").exists()


def test_csv_with_an_overlong_field_is_refused_with_a_clear_message(client, world):
    body = ("nama,jenis\n" + "A" * 200_000 + ",dinas\n").encode()
    response = _upload(client, world, "unit", "u.csv", body)
    assert response.status_code == 200
    assert "Berkas CSV rusak" in response.content.decode()
    assert not Unit.objects.filter(name__startswith="AAAA").exists()


def test_an_oversized_upload_is_refused_before_it_is_read(client, world, settings, monkeypatch):
    from django.core.files.uploadedfile import InMemoryUploadedFile

    settings.ORG_IMPORT_MAX_BYTES = 100

    def never(self, *args):
        raise AssertionError("the upload was read")

    upload = io.BytesIO(b"nama,jenis\n" + b"Dinas X,dinas\n" * 50)
    upload.name = "u.csv"
    client.force_login(world.users["koordinator"])
    monkeypatch.setattr(InMemoryUploadedFile, "read", never)
    response = client.post(
        reverse("organizations:import", args=[world.province.pk, "unit"]), {"file": upload}
    )
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()


def test_xlsx_rows_are_read_only_up_to_the_limit(client, world, settings, monkeypatch):
    settings.ORG_IMPORT_MAX_ROWS = 3
    content = _xlsx([["nama", "jenis"], *([f"Dinas {n}", "dinas"] for n in range(500))])
    seen = []
    real_row = tabular.Row
    monkeypatch.setattr(tabular, "Row", lambda *a: seen.append(a) or real_row(*a))
    response = _upload(client, world, "unit", "u.xlsx", content)
    assert "Terlalu banyak baris" in response.content.decode()
    assert len(seen) <= settings.ORG_IMPORT_MAX_ROWS + 2


def _sheet_bomb(content: bytes, padding: int) -> bytes:
    """`content` (an XLSX) with one more row on its sheet holding a `padding`-byte text in a
    column no template has: a few KB on disk, `padding` bytes once unzipped (written in
    chunks, never held whole)."""
    out = io.BytesIO()
    name = "xl/worksheets/sheet1.xml"
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != name:
                bomb.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>", 1)
            with bomb.open(name, "w", force_zip64=True) as part:
                part.write(head + b'<row r="9"><c r="Z9" t="inlineStr"><is><t>')
                chunk = b"A" * (1024 * 1024)
                for _ in range(padding // len(chunk)):
                    part.write(chunk)
                part.write(b"</t></is></c></row></sheetData>" + tail)
    return out.getvalue()


def test_users_xlsx_bomb_is_refused_before_it_is_opened(client, world):
    """Issue 13: a 5 KB users file whose sheet unzips to 64 MB (the limit is 50 MB) is
    refused from its zip directory, quickly, with a clear message, and nothing is created."""
    rows = [imports.MEMBER_COLUMNS, ["bom.budi", "Budi", "", "", "", "", "responden", "", ""]]
    bomb = _sheet_bomb(_xlsx(rows), 64 * 1024 * 1024)
    assert len(bomb) < 400 * 1024, len(bomb)
    users = User.objects.count()
    started = time.monotonic()
    with pytest.raises(ValidationError, match="mengembang terlalu besar"):
        imports.parse("pengguna", "pengguna.xlsx", bomb)
    assert time.monotonic() - started < 0.5
    response = _upload(client, world, "pengguna", "pengguna.xlsx", bomb)
    html = response.content.decode()
    assert response.status_code == 200
    assert "mengembang terlalu besar" in html and "ditolak demi keamanan" in html
    assert User.objects.count() == users
    assert not User.objects.filter(username="bom.budi").exists()
    assert not AuditEvent.objects.filter(action="import.users").exists()


@pytest.mark.parametrize(
    ("kind", "content", "model"),
    [
        ("pengguna", b"username,nama_depan,peran\nnul.budi,Bu\x00di,responden\n", User),
        ("unit", b"nama,jenis\nDinas Nul\x00,dinas\n", Unit),
    ],
)
def test_a_csv_with_a_nul_byte_is_a_form_error_not_a_500(client, world, kind, content, model):
    """PostgreSQL refuses NUL in text: the file is refused before any row is written, on
    every database (run this file with DATABASE_URL=postgres://... too)."""
    before = model.objects.count()
    response = _upload(client, world, kind, f"{kind}.csv", content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "byte NUL" in html and "baris 2" in html
    assert model.objects.count() == before
