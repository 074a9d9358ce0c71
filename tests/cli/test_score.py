"""`spbe score`: Kaltim's published figures, predikat bases, Pemdi decimals, JSON, exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError

from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_engine_spec, framework_get
from spbe.scoring import score
from tests.cli.conftest import kaltim_levels, levels_csv, run

pytestmark = pytest.mark.django_db

JSON_KEYS = {"index", "index_exact", "predikat", "domains", "aspects", "missing"}


def score_json(path, *options, framework="spbe-59-2020") -> dict:
    out, _ = run("score", "--framework", framework, path, "--json", *options)
    return json.loads(out)


def test_kaltim_2024_final_is_379_sangat_baik(shipped, write):
    data = score_json(write(levels_csv(kaltim_levels(2024))))
    assert set(data) >= JSON_KEYS
    assert data["index"] == "3.79"
    assert data["index_exact"] == "3.786"
    assert data["predikat"] == "Sangat Baik"
    assert data["domains"] == {"D1": "3.70", "D2": "3.50", "D3": "2.82", "D4": "4.32"}
    assert set(data["aspects"]) == {f"A{n}" for n in range(1, 9)}
    assert data["missing"] == [] and data["complete"] is True


@pytest.mark.parametrize(("stage", "index"), [("mandiri", "4.35"), ("dokumen", "3.28")])
def test_kaltim_2024_stages(shipped, write, stage, index):
    assert score_json(write(levels_csv(kaltim_levels(2024, stage))))["index"] == index


def test_kaltim_2023_with_the_year_rule(shipped, write):
    data = score_json(write(levels_csv(kaltim_levels(2023))), "--year", "2023")
    assert (data["index"], data["predikat"], data["predikat_basis"]) == ("2.91", "Baik", "rounded")
    assert data["domains"] == {"D1": "3.00", "D2": "1.90", "D3": "1.64", "D4": "3.90"}


# Level 4 on these indicators and 3 elsewhere: exact index 3.4995, published 3.50.
AT_FOUR = {1, 3, 4, 10, 15, 17, 19, 22, 23, 27, 29, 30, 31, 32, 33, 34, 37, 38, 39, 40, 42, 44, 46}


def test_bases_disagree_both_shown(shipped, write):
    """Exact 3.4995 is published 3.50: Baik by the exact value, Sangat Baik by the rounded."""
    path = write(levels_csv({n: 4 if n in AT_FOUR else 3 for n in range(1, 48)}))
    exact = score_json(path, "--predikat-basis", "exact")
    rounded = score_json(path, "--predikat-basis", "rounded")
    assert exact["index"] == rounded["index"] == "3.50"
    assert exact["index_exact"] == "3.4995"
    assert (exact["predikat"], rounded["predikat"]) == ("Baik", "Sangat Baik")
    out, _ = run("score", "--framework", "spbe-59-2020", path)
    assert "Predikat  : Baik" in out and "menurut nilai dibulatkan 2 desimal: Sangat Baik" in out
    assert score_json(path, "--year", "2023")["predikat"] == "Sangat Baik"


def test_pemdi_decimals(shipped, write):
    levels = {n: "1.17" if n % 2 else "2.26" for n in range(1, 21)}
    data = score_json(write(levels_csv(levels)), framework="pemdi-8-2026")
    spec = framework_engine_spec(framework_get("pemdi-8-2026"))
    expected = score(spec, {str(k): v for k, v in levels.items()})
    assert data["index"] == str(expected.index)
    assert data["domains"] == {}  # Pemdi has aspects only
    assert data["aspects"] == {code: str(g.value) for code, g in expected.aspects.items()}


def test_incomplete_is_marked_not_official(shipped, write):
    path = write(levels_csv({n: 3 for n in range(1, 46)}))
    data = score_json(path)
    assert data["missing"] == [46, 47] and data["complete"] is False
    assert data["index"] == "3.00"
    out, _ = run("score", "--framework", "spbe-59-2020", path)
    assert "BUKAN INDEKS RESMI: 2 indikator belum bernilai (46, 47)" in out


def test_allow_zero(shipped, write):
    levels = dict(enumerate(kaltim_levels(2023), start=1)) | {47: 0}
    path = write(levels_csv(levels))
    with pytest.raises(CommandError, match="bernilai 0.*--allow-zero"):
        run("score", "--framework", "spbe-59-2020", path)
    data = score_json(path, "--allow-zero")
    spec = framework_engine_spec(framework_get("spbe-59-2020"))
    expected = score(spec, {str(n): v for n, v in levels.items()}, allow_zero=True)
    assert data["index"] == str(expected.index) == "2.85"  # 2.91 less indicator 47's 2 levels


def test_human_output(shipped, write):
    out, _ = run("score", "--framework", "spbe-59-2020", write(levels_csv(kaltim_levels(2024))))
    assert "Indeks    : 3.79  (nilai tepat 3.786)" in out
    assert "Predikat  : Sangat Baik  (dasar: nilai tepat)" in out
    assert any(line.split()[:1] == ["D3"] and line.endswith("2.82") for line in out.splitlines())


def test_framework_loaded_automatically_when_missing(db, write):
    assert not Framework.objects.exists()
    data_path = write(levels_csv(kaltim_levels(2024)))
    out, err = run("score", "--framework", "spbe-59-2020", data_path, "--json")
    assert json.loads(out)["index"] == "3.79"
    assert "belum dimuat; memuat kerangka bawaan" in err


def test_unknown_framework(shipped, write):
    with pytest.raises(CommandError, match="kerangka 'spbe-1-2000' tidak dikenal; yang tersedia"):
        run("score", "--framework", "spbe-1-2000", write(levels_csv([3])))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (levels_csv({1: 3, 48: 2}), r"data\.csv baris 3: indikator 48 tidak ada di kerangka"),
        (levels_csv({1: 3, 2: 7}), r"data\.csv baris 3: Nilai indikator 2 \(7\) di luar rentang"),
        (levels_csv({1: 0}), r"data\.csv baris 2: Nilai indikator 1 bernilai 0"),
        ("indicator,level\n1,3\n1,3\n", r"data\.csv baris 3: indikator 1 sudah ada"),
        ("indicator,nilai\n1,3\n", r"data\.csv baris 1: judul kolom harus"),
        ("", r"data\.csv: berkas kosong"),
        ("indicator,level\n1,3,5\n", r"data\.csv baris 2: harus 2 kolom"),
        ("indicator,level\n1,x\n", r"data\.csv baris 2: level 'x' bukan angka"),
        (
            "indicator,level\n1,3\n2,\xe9\n".encode("latin-1"),
            r"data\.csv baris 3: bukan teks UTF-8",
        ),
    ],
)
def test_bad_input_is_a_command_error(shipped, write, content, message):
    with pytest.raises(CommandError, match=message):
        run("score", "--framework", "spbe-59-2020", write(content))


def test_missing_file(shipped, tmp_path):
    with pytest.raises(CommandError, match="tidak-ada.csv: berkas tidak ditemukan"):
        run("score", "--framework", "spbe-59-2020", str(tmp_path / "tidak-ada.csv"))


def test_real_process_exit_codes(tmp_path):
    """`.venv/bin/spbe score` as a user runs it: exit 0, or 1 with the message on bad input."""
    spbe = Path(sys.executable).with_name("spbe")
    if not spbe.exists():
        pytest.skip("perintah spbe belum terpasang di .venv")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    base = [str(spbe), "score", "--framework", "spbe-59-2020"]
    subprocess.run([str(spbe), "migrate", "-v0"], env=env, check=True, cwd=settings.BASE_DIR)
    good = tmp_path / "data.csv"
    good.write_text(levels_csv(kaltim_levels(2024)), encoding="utf-8")
    ok = subprocess.run([*base, str(good), "--json"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["index"] == "3.79"
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,level\n1,3\n2,3\n3,3\n48,2\n", encoding="utf-8")
    failed = subprocess.run([*base, str(bad)], env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert f"{bad} baris 5: indikator 48 tidak ada di kerangka spbe-59-2020" in failed.stderr
