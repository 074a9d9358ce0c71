"""Reading the official SPBE result reports (LHE/LHP PDF) and checking what was read.

The real reports live in ../shared/artifacts/lhe (tests skip where it is absent); the bad-input
cases use tiny PDFs written by hand below, so nothing large is committed.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from spbe.official.lhe import (
    LheReadError,
    LheResult,
    check_lhe,
    default_scorer,
    read_lhe,
    round_half_up,
)

REPO = Path(__file__).resolve().parents[2]
D = Decimal

# Levels verified by eye on the rendered tables (page 9 of the 2021 LHE, pages 6-7 of the LHP).
LEVELS_2021 = {n: 1 for n in range(1, 48)} | {36: 3, 41: 3, 42: 3, 44: 2}
LEVELS_2022 = (
    {n: 1 for n in range(1, 48)}
    | {1: 2, 2: 2, 3: 3, 4: 3, 5: 2, 6: 2, 7: 2, 8: 2}
    | {35: 3, 36: 2, 40: 3, 41: 3, 42: 4, 44: 4}
)


@pytest.fixture(scope="module")
def lhe_dir(shared_dir) -> Path:
    path = shared_dir / "artifacts" / "lhe"
    if not path.is_dir():
        pytest.skip(f"folder {path} tidak ada")
    return path


@pytest.fixture(scope="module")
def lhe_2021(lhe_dir) -> LheResult:
    """Read once per module (pdfminer needs about two seconds); tests must not change it."""
    return read_lhe(lhe_dir / "LHE_SPBE_Kota_Bandar_Lampung_2021.pdf", scorer=default_scorer())


@pytest.fixture(scope="module")
def lhp_2022(lhe_dir) -> LheResult:
    return read_lhe(lhe_dir / "LHP_SPBE_Kota_Bandar_Lampung_2022.pdf", scorer=default_scorer())


# --- real reports ----------------------------------------------------------------------------


@pytest.mark.shared
def test_lhe_2021_bandar_lampung(lhe_2021):
    result = lhe_2021

    assert result.year == 2021
    assert result.kind == "evaluasi"
    assert result.instansi == "PEMERINTAH KOTA BANDAR LAMPUNG"
    assert result.predikat == "Kurang"
    assert result.index == D("1.20")
    assert result.domains == {"D1": D("1.00"), "D2": D("1.00"), "D3": D("1.00"), "D4": D("1.44")}
    assert result.aspects["A7"] == D("1.40")
    assert result.aspects["A8"] == D("1.50")
    assert len(result.aspects) == 8
    assert len(result.levels) == 47
    assert result.levels == LEVELS_2021
    assert (result.levels[36], result.levels[41], result.levels[44]) == (3, 3, 2)
    assert result.previous_year is None
    assert result.previous_levels == {}
    assert result.checked
    assert result.warnings == []


@pytest.mark.shared
def test_lhe_2021_names_that_wrap_are_rebuilt(lhe_2021):
    result = lhe_2021

    # The second line of these names is drawn hidden under the next row.
    assert result.indicator_names[1] == (
        "Tingkat Kematangan Kebijakan Internal Arsitektur SPBE Instansi Pusat/Pemerintah Daerah"
    )
    assert result.indicator_names[7].endswith("Penghubung Layanan Instansi Pusat/Pemerintah Daerah")
    assert result.indicator_names[8] == (
        "Tingkat Kematangan Kebijakan Internal Manajemen Keamanan Informasi"
    )
    assert len(result.indicator_names) == 47


@pytest.mark.shared
def test_lhe_2021_assessor_notes(lhe_2021):
    result = lhe_2021

    assert len(result.notes) == 8
    assert result.notes["A. Kebijakan Internal Tata Kelola SPBE"].startswith("Aspek Kebijakan")
    assert "Kekuatan" in result.notes["H. Layanan Publik Berbasis Elektronik"]
    assert result.recommendation.startswith("Secara prinsip")


@pytest.mark.shared
def test_lhp_2022_reads_both_year_columns(lhp_2022):
    result = lhp_2022

    assert result.year == 2022
    assert result.kind == "pemantauan"
    assert result.instansi == "PEMERINTAH KOTA BANDAR LAMPUNG"
    assert result.index == D("1.50")
    assert result.domains == {"D1": D("2.00"), "D2": D("1.00"), "D3": D("1.00"), "D4": D("1.82")}
    assert result.aspects["A1"] == D("2.00")
    assert result.aspects["A7"] == D("1.70")
    assert len(result.levels) == 47
    assert result.levels == LEVELS_2022
    assert (result.levels[36], result.levels[42], result.levels[44]) == (2, 4, 4)
    # 45-47 sit on the next page, in a table without a header.
    assert (result.levels[45], result.levels[46], result.levels[47]) == (1, 1, 1)
    assert result.previous_year == 2021
    assert result.previous_levels == LEVELS_2021
    assert result.checked
    assert any("2021" in w and "tidak dapat diperiksa" in w for w in result.warnings)
    assert result.indicator_names[44].endswith("Hukum (JDIH)")


@pytest.mark.shared
def test_lhp_2022_previous_column_matches_the_2021_report(lhe_2021, lhp_2022):
    assert lhp_2022.previous_levels == lhe_2021.levels


@pytest.mark.shared
def test_madiun_2020_old_framework_is_refused(lhe_dir):
    with pytest.raises(LheReadError) as caught:
        read_lhe(lhe_dir / "Indeks_SPBE_Kab_Madiun_2020.pdf", scorer=default_scorer())

    error = caught.value
    assert error.code == "framework_lama"
    assert "kerangka lama" in error.message
    assert "PermenPANRB 5/2018" in error.message
    assert "59/2020" in error.message
    # What could be read is kept for index-only history.
    assert error.details["year"] == 2020
    assert error.details["instansi"] == "PEMERINTAH KAB. MADIUN"
    assert error.details["index"] == D("3.30")


@pytest.mark.shared
def test_tampered_level_is_caught_by_the_check(lhe_2021):
    result = copy.deepcopy(lhe_2021)
    result.checked = False
    result.levels[36] = 4  # 3 -> 4: +2.75 on the index sum

    with pytest.raises(LheReadError) as caught:
        check_lhe(result, default_scorer())

    message = caught.value.message
    assert caught.value.code == "nilai_tidak_cocok"
    assert "Indeks tercetak 1.20, dihitung dari level 1.23" in message
    assert "Domain D4 (Layanan SPBE) tercetak 1.44, dihitung dari level 1.50" in message
    assert "Aspek A7" in message
    assert "D1" not in message
    assert not result.checked


# --- the check -------------------------------------------------------------------------------


def test_round_half_up_is_exact():
    assert round_half_up(Fraction(4765, 1000)) == D("4.77")  # a float would give 4.76
    assert round_half_up(Fraction(12275, 10000)) == D("1.23")
    assert round_half_up(Fraction(46, 11)) == D("4.18")
    assert round_half_up(Fraction(3, 1)) == D("3.00")
    assert round_half_up(Fraction(1, 8), 1) == D("0.1")


def test_default_scorer_is_the_engine_on_the_shipped_59_2020_file():
    values = default_scorer()({n: 5 for n in range(1, 48)})
    assert values["index"] == 5
    assert all(values[code] == 5 for code in ("D1", "D2", "D3", "D4", "A1", "A8"))

    values = default_scorer()(LEVELS_2022)
    assert values["index"] == Fraction(15025, 10000)  # printed 1.50
    assert values["D4"] == Fraction(8275, 4550)  # printed 1.82


def test_check_takes_any_scorer():
    result = _result(index="2.00", domains={"D1": "2.00"})

    def scorer(levels):  # index weights 60/40, one domain with both indicators
        index = Fraction(60 * levels[1] + 40 * levels[2], 100)
        return {"index": index, "D1": index}

    result.levels = {1: 2, 2: 2}

    assert check_lhe(result, scorer) == {"index": D("2.00"), "D1": D("2.00")}
    assert result.checked

    result.levels = {1: 3, 2: 2}
    with pytest.raises(LheReadError, match=r"Indeks tercetak 2\.00, dihitung dari level 2\.60"):
        check_lhe(result, scorer)


def test_check_refuses_missing_levels():
    result = _result(index="1.00", domains={})
    result.levels = {n: 1 for n in range(1, 47)}
    with pytest.raises(LheReadError, match="Level indikator 47 tidak ada"):
        check_lhe(result, default_scorer())


def _result(*, index, domains):
    return LheResult(
        year=2023,
        instansi="X",
        index=D(index),
        domains={k: D(v) for k, v in domains.items()},
        levels={},
    )


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"Nama,Level\n1,3\n", b"PK\x03\x04 a zip, not a pdf", b"\x89PNG\r\n\x1a\n"],
)
def test_not_a_pdf(content):
    with pytest.raises(LheReadError, match="bukan PDF") as caught:
        read_lhe(content)
    assert caught.value.code == "bukan_pdf"


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    with pytest.raises(LheReadError, match="kosong"):
        read_lhe(empty)
    with pytest.raises(LheReadError, match="tidak ditemukan"):
        read_lhe(tmp_path / "tidak-ada.pdf")


def test_broken_pdf():
    with pytest.raises(LheReadError, match="rusak") as caught:
        read_lhe(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf")
    assert caught.value.code == "pdf_rusak"


def test_encrypted_pdf():
    with pytest.raises(LheReadError, match="terenkripsi") as caught:
        read_lhe(_pdf([_text_page([(72, 700, "Laporan SPBE")])], encrypted=True))
    assert caught.value.code == "terenkripsi"


def test_scan_without_text_layer():
    scan = _pdf(["0.5 g 50 50 495 740 re f"])  # a grey page, as a picture would be
    with pytest.raises(LheReadError, match="lapisan teks") as caught:
        read_lhe(scan)
    assert caught.value.code == "tanpa_teks"


def test_unknown_document():
    other = _pdf([_text_page([(72, 760, "Surat Edaran tentang SPBE di lingkungan Pemda")])])
    with pytest.raises(LheReadError, match="Format laporan tidak dikenali") as caught:
        read_lhe(other)
    assert caught.value.code == "format_tidak_dikenal"


# --- synthetic reports: the format is understood beyond the three real files -----------------


def test_synthetic_report_is_read_and_checked():
    levels = {n: 3 for n in range(1, 48)}
    result = read_lhe(_report(levels), scorer=default_scorer())

    assert (result.year, result.instansi, result.predikat) == (
        2023,
        "PEMERINTAH KOTA CONTOH",
        "Baik",
    )
    assert result.index == D("3.00")
    assert result.levels == levels
    assert result.checked


def test_reads_paths_file_objects_and_bytes(tmp_path):
    pdf = _report({n: 3 for n in range(1, 48)})
    path = tmp_path / "LHE.pdf"
    path.write_bytes(pdf)

    assert read_lhe(path).index == D("3.00")
    assert read_lhe(str(path)).index == D("3.00")
    with path.open("rb") as handle:
        handle.read(10)  # a file object that was already read from, like an upload
        assert read_lhe(handle).levels[47] == 3
    assert read_lhe(io.BytesIO(pdf)).year == 2023


def test_level_zero_is_accepted_with_a_warning():
    levels = {n: 1 for n in range(1, 48)} | {45: 0, 46: 0}
    # index = (100 - 6) / 100 = 0.94; D4 = (45.5 - 6) / 45.5 = 0.868.. -> 0.87
    pdf = _report(levels, index="0,94", domains={"D4": "0,87"})
    result = read_lhe(pdf, scorer=default_scorer())

    assert result.levels[45] == 0
    assert any("45, 46" in w and "tidak dinilai" in w for w in result.warnings)


def test_wrong_number_of_indicators():
    levels = {n: 1 for n in range(1, 47)}
    with pytest.raises(LheReadError) as caught:
        read_lhe(_report(levels), scorer=default_scorer())
    assert caught.value.code == "jumlah_indikator"
    assert "berisi 46 baris indikator, seharusnya 47" in caught.value.message
    assert "nomor yang tidak ada: 47" in caught.value.message


def test_indicator_count_is_a_parameter():
    levels = {n: 2 for n in range(1, 21)}
    result = read_lhe(_report(levels, index="2,00", domains={}), indicator_count=20)
    assert len(result.levels) == 20


def test_printed_index_that_disagrees_with_the_levels():
    levels = {n: 1 for n in range(1, 48)}
    with pytest.raises(LheReadError) as caught:
        read_lhe(_report(levels, index="1,25"), scorer=default_scorer())
    assert caught.value.code == "nilai_tidak_cocok"
    assert "Indeks tercetak 1.25, dihitung dari level 1.00" in caught.value.message


def test_unreadable_level():
    rows = {n: 1 for n in range(1, 48)}
    with pytest.raises(LheReadError, match="Level indikator 12 tahun 2023 adalah 7") as caught:
        read_lhe(_report(rows | {12: 7}))
    assert caught.value.code == "level_tidak_valid"
    with pytest.raises(LheReadError, match="Level indikator 3 tahun 2023 tidak terbaca"):
        read_lhe(_report(rows | {3: "-"}))


def test_synthetic_two_year_report_picks_the_report_year():
    now = {n: 2 for n in range(1, 48)}
    before = {n: 1 for n in range(1, 48)}
    result = read_lhe(
        _report(now, previous=(2022, before), index="2,00", domains={"D1": "2,00"}),
        scorer=default_scorer(),
    )
    assert (result.year, result.previous_year) == (2023, 2022)
    assert result.levels == now
    assert result.previous_levels == before


def test_two_year_report_without_the_report_year_column():
    levels = {n: 1 for n in range(1, 48)}
    with pytest.raises(LheReadError, match="kolom tahun laporan tidak ditemukan"):
        read_lhe(_report(levels, previous=(2021, levels), columns=(2021, 2022)))


def test_old_year_is_refused_even_without_the_regulation_text():
    with pytest.raises(LheReadError, match="kerangka lama"):
        read_lhe(_report({n: 1 for n in range(1, 48)}, year=2020))


# --- the command -----------------------------------------------------------------------------


@pytest.mark.shared
def test_cli_json(lhe_dir):
    out = io.StringIO()
    call_command(
        "lhe", "read", str(lhe_dir / "LHP_SPBE_Kota_Bandar_Lampung_2022.pdf"), "--json", stdout=out
    )
    data = json.loads(out.getvalue())

    assert data["year"] == 2022
    assert data["instansi"] == "PEMERINTAH KOTA BANDAR LAMPUNG"
    assert data["index"] == "1.50"
    assert data["domains"] == {"D1": "2.00", "D2": "1.00", "D3": "1.00", "D4": "1.82"}
    assert data["levels"] == {str(n): level for n, level in LEVELS_2022.items()}
    assert data["previous_year"] == 2021
    assert data["previous_levels"]["36"] == 3


@pytest.mark.shared
def test_cli_text(lhe_dir):
    out = io.StringIO()
    call_command("lhe", "read", str(lhe_dir / "LHE_SPBE_Kota_Bandar_Lampung_2021.pdf"), stdout=out)
    text = out.getvalue()
    assert "Laporan Hasil Evaluasi SPBE tahun 2021" in text
    assert "Indeks SPBE: 1.20 (Kurang)" in text
    assert "D4 Layanan SPBE: 1.44" in text
    assert "Diperiksa" in text


def test_cli_refuses_bad_input(tmp_path):
    bad = tmp_path / "hasil.pdf"
    bad.write_text("bukan pdf")
    with pytest.raises(CommandError, match="bukan PDF"):
        call_command("lhe", "read", str(bad), "--json")


@pytest.mark.shared
def test_cli_refuses_the_old_framework(lhe_dir):
    with pytest.raises(CommandError, match="kerangka lama"):
        call_command("lhe", "read", str(lhe_dir / "Indeks_SPBE_Kab_Madiun_2020.pdf"), "--json")


@pytest.mark.shared
def test_cli_exit_code_on_success(lhe_dir):
    good = _spbe("lhe", "read", str(lhe_dir / "LHE_SPBE_Kota_Bandar_Lampung_2021.pdf"), "--json")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["index"] == "1.20"


def test_cli_exit_codes_on_bad_input(tmp_path):
    bad = tmp_path / "hasil.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = _spbe("lhe", "read", str(bad), "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "bukan PDF" in result.stderr

    short = tmp_path / "kurang.pdf"
    short.write_bytes(_report({n: 1 for n in range(1, 47)}))
    result = _spbe("lhe", "read", str(short))
    assert result.returncode == 1
    assert "seharusnya 47" in result.stderr
    assert _spbe("lhe").returncode == 2  # no action given: a usage error


def _spbe(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "-m", "spbe.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- a tiny PDF writer -----------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_page(items: list[tuple[float, float, str]], size: int = 10) -> str:
    return "\n".join(
        f"BT /F1 {size} Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET" for x, y, text in items
    )


def _table(x: float, top: float, widths: list[float], rows: list[list[str]], height=14.0) -> str:
    """A ruled table (what pdfplumber's table finder looks for), top row at y=top."""
    ops = ["0.5 w"]
    y = top
    for row in rows:
        cx = x
        for width, cell in zip(widths, row, strict=True):
            ops.append(f"{cx:.1f} {y - height:.1f} {width:.1f} {height:.1f} re S")
            if cell != "":
                ops.append(
                    f"BT /F1 8 Tf {cx + 2:.1f} {y - height + 4:.1f} Td ({_escape(cell)}) Tj ET"
                )
            cx += width
        y -= height
    return "\n".join(ops)


def _report(
    levels: dict[int, object],
    *,
    year: int = 2023,
    index: str | None = None,
    domains: dict[str, str] | None = None,
    previous: tuple[int, dict[int, object]] | None = None,
    columns: tuple[int, ...] | None = None,
) -> bytes:
    """A two-page report in the LHE layout: header, score table, level table."""
    if index is None:
        index = "3,00" if set(levels.values()) == {3} else "1,00"
    if domains is None:
        value = index
        domains = {"D1": value, "D2": value, "D3": value, "D4": value}
    labels = {
        "D1": "Domain Kebijakan SPBE",
        "D2": "Domain Tata Kelola SPBE",
        "D3": "Domain Manajemen SPBE",
        "D4": "Domain Layanan SPBE",
    }
    score_rows = [["Nama Indeks", "Nilai"], ["SPBE", index]]
    score_rows += [[labels[code], value] for code, value in domains.items()]
    first = "\n".join(
        [
            _text_page(
                [
                    (60, 800, f"EVALUASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK TAHUN {year}"),
                    (60, 770, "INDEKS SPBE - PEMERINTAH KOTA CONTOH"),
                    (60, 755, "(Baik)"),
                ]
            ),
            _table(60, 720, [250, 60], score_rows),
        ]
    )
    if previous is None:
        header = ["No", "Indikator", "Nilai Tingkat Kematangan"]
        rows = [[str(n), f"Tingkat Kematangan Indikator {n}", str(lv)] for n, lv in levels.items()]
        widths = [30, 330, 120]
    else:
        previous_year, previous_levels = previous
        years = columns or (previous_year, year)
        header = ["No", "Indikator", *(f"Kematangan {y}" for y in years)]
        rows = [
            [str(n), f"Tingkat Kematangan Indikator {n}", str(previous_levels[n]), str(lv)]
            for n, lv in levels.items()
        ]
        widths = [30, 330, 70, 70]
    second = "\n".join(
        [
            _text_page(
                [(60, 810, f"EVALUASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK TAHUN {year}")]
            ),
            _table(40, 790, widths, [header, *rows]),
        ]
    )
    return _pdf([first, second])


def _pdf(pages: list[str], *, encrypted: bool = False) -> bytes:
    """Write a minimal PDF: one content stream per page, Helvetica, correct xref offsets."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below
    pages_id = add("")
    font = add("<< /Type /Font /Subtype /Type1 /Name /F1 /BaseFont /Helvetica >>")
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {stream} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    encrypt = None
    if encrypted:
        # Standard handler, RC4 40-bit; /U does not match the empty user password.
        encrypt = add(
            f"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{'11' * 32}> /U <{'22' * 32}> >>"
        )

    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R"
    if encrypt:
        trailer += f" /Encrypt {encrypt} 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]"
    out += f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
