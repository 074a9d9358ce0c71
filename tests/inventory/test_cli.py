"""`spbe inventory import|export|duplicates` on the Denpasar file and on bad input."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from spbe.inventory.models import Application
from tests.factories import make_instansi

pytestmark = pytest.mark.django_db


@pytest.fixture
def denpasar(db):
    return make_instansi(name="Pemerintah Kota Denpasar", kind="kota", instansi_key="kota-denpasar")


@pytest.mark.shared
def test_import_export_duplicates_on_denpasar(denpasar, denpasar_csv, tmp_path, capsys):
    with pytest.raises(CommandError, match="nama unit belum dikenali"):
        call_command("inventory", "import", "--instansi", "kota-denpasar", str(denpasar_csv))
    assert not Application.objects.exists()
    call_command(
        "inventory",
        "import",
        "--instansi",
        "kota-denpasar",
        str(denpasar_csv),
        "--create-missing-units",
        "--dry-run",
    )
    assert "189 aplikasi siap diimpor" in capsys.readouterr().out
    assert not Application.objects.exists()
    call_command(
        "inventory",
        "import",
        "--instansi",
        "kota-denpasar",
        str(denpasar_csv),
        "--create-missing-units",
    )
    assert Application.objects.filter(instansi=denpasar).count() == 189
    capsys.readouterr()
    call_command("inventory", "duplicates", "--instansi", "kota-denpasar", "--json")
    pairs = json.loads(capsys.readouterr().out)
    assert {"a", "b", "score", "reasons"} <= set(pairs[0])
    assert [p["score"] for p in pairs] == sorted((p["score"] for p in pairs), reverse=True)
    out = tmp_path / "dps.xlsx"
    call_command("inventory", "export", "--instansi", "kota-denpasar", "--out", str(out))
    sheet = load_workbook(out).active
    assert sheet.max_row == 190 and sheet["A1"].value == "nama_aplikasi"


def test_bad_input_exits_with_a_clear_message(denpasar, tmp_path):
    with pytest.raises(CommandError, match="instansi 'kota-x' tidak dikenal"):
        call_command("inventory", "duplicates", "--instansi", "kota-x")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("inventory", "import", "--instansi", "kota-denpasar", str(tmp_path / "no.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("nama_aplikasi,status\nA,aktif\nB,rusak\n", encoding="utf-8")
    with pytest.raises(CommandError, match="baris 3 kolom status"):
        call_command("inventory", "import", "--instansi", "kota-denpasar", str(bad))
    assert not Application.objects.exists()
    with pytest.raises(CommandError, match=".xlsx atau .csv"):
        call_command(
            "inventory", "export", "--instansi", "kota-denpasar", "--out", str(tmp_path / "x.pdf")
        )
