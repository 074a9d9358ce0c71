"""Budget import from XLSX (row and column errors, all or nothing) and `spbe budget`."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from spbe.budget.imports import COLUMNS
from spbe.budget.models import BudgetItem
from spbe.frameworks.services import shipped_load

HEADER = list(COLUMNS)
GOOD = [
    "Dinkes",
    "2.16.03",
    "Program Aplikasi",
    "2.16.03.1.02",
    "Pengelolaan SI",
    "2.16.03.1.02.0001",
    "Pengembangan SI",
    "Aplikasi rujukan",
    "SIRUJUK",
    "aplikasi",
    "150.000.000",
    "APBD",
    "usulan",
    "",
    "15;16",
    "",
    "2026-11-02",
    "perlu revisi",
    "pakai SPL",
]


def _xlsx(tmp_path, rows) -> str:
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "belanja.xlsx"
    wb.save(path)
    return str(path)


@pytest.fixture
def keyed(world):
    shipped_load()
    return world.province.instansi_key  # "provinsi-uji"


def test_import_summary_json(world, keyed, tmp_path, capsys):
    second = list(GOOD)
    second[0], second[10], second[14] = "Dinas Komunikasi dan Informatika", "Rp 25.500.000", ""
    path = _xlsx(tmp_path, [GOOD, second])
    call_command("budget", "import", "--instansi", keyed, "--year", "2027", path, "--dry-run")
    assert "2 butir siap diimpor" in capsys.readouterr().out and not BudgetItem.objects.exists()
    call_command("budget", "import", "--instansi", keyed, "--year", "2027", path)
    item = BudgetItem.objects.get(unit=world.dinkes)
    assert (item.amount, item.fiscal_year, item.consultation_outcome) == (
        150_000_000,
        2027,
        "perlu_revisi",
    )
    assert sorted(i.code for i in item.indicators.all()) == ["15", "16"]
    capsys.readouterr()
    call_command("budget", "summary", "--instansi", keyed, "--year", "2027", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["total"] == 175_500_000 and summary["items"] == 2
    assert summary["by_unit"]["Dinas Kesehatan"] == 150_000_000
    unconsulted = BudgetItem.objects.get(unit=world.diskominfo)
    assert (
        summary["flags"]["unlinked"] == [unconsulted.pk]
        or unconsulted.pk in summary["flags"]["unlinked"]
    )


def test_bad_rows_refused_with_row_numbers_nothing_written(world, keyed, tmp_path):
    bad = list(GOOD)
    bad[3], bad[10], bad[14], bad[0] = "2.16.3.1", "seratus juta", "99", "Dinas Antah"
    path = _xlsx(tmp_path, [GOOD, bad])
    with pytest.raises(CommandError) as info:
        call_command("budget", "import", "--instansi", keyed, "--year", "2027", path)
    text = str(info.value)
    for expected in (
        "baris 3 kolom kode_kegiatan",
        "baris 3 kolom pagu",
        "baris 3 kolom indikator",
        "baris 3 kolom unit",
    ):
        assert expected in text, expected
    assert "baris 2" not in text
    assert not BudgetItem.objects.exists()


def test_unknown_instansi_and_missing_columns(world, keyed, tmp_path):
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("budget", "summary", "--instansi", "nope", "--year", "2027")
    wb = Workbook()
    wb.active.append(["uraian", "pagu"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(CommandError, match="kolom wajib tidak ada"):
        call_command("budget", "import", "--instansi", keyed, "--year", "2027", str(path))
    _ = io


def test_a_csv_with_a_nul_byte_is_refused_on_the_page_and_the_cli(world, keyed, tmp_path, client):
    """PostgreSQL refuses NUL in text (it was a 500): refused before any row is read."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    row = list(GOOD)
    row[7] = "Aplikasi\x00rujukan"
    content = ("\n".join(",".join(r) for r in (HEADER, row)) + "\n").encode()
    client.force_login(world.users["koordinator"])
    response = client.post(
        reverse("budget:import", args=[world.province.pk]) + "?tahun=2027",
        {"upload": SimpleUploadedFile("belanja.csv", content)},
    )
    assert response.status_code == 200
    assert "byte NUL" in response.content.decode()
    assert "budget_import" not in client.session
    path = tmp_path / "belanja.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="byte NUL"):
        call_command("budget", "import", "--instansi", keyed, "--year", "2027", str(path))
    assert not BudgetItem.objects.exists()
