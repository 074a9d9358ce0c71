"""The CSV reader behind `spbe score` and `spbe plan`: every refusal names file and row."""

from decimal import Decimal

import pytest
import yaml

from spbe.evaluations.csvinput import CsvInputError, read_efforts, read_levels
from spbe.frameworks.loader import DATA_DIR
from spbe.scoring import FrameworkSpec
from tests.cli.conftest import levels_csv


@pytest.fixture(scope="module")
def spbe_spec():
    text = (DATA_DIR / "spbe-59-2020.yaml").read_text(encoding="utf-8")
    return FrameworkSpec.from_dict(yaml.safe_load(text))


@pytest.fixture(scope="module")
def pemdi_spec():
    text = (DATA_DIR / "pemdi-8-2026.yaml").read_text(encoding="utf-8")
    return FrameworkSpec.from_dict(yaml.safe_load(text))


def refused(path, spec, **options) -> str:
    with pytest.raises(CsvInputError) as caught:
        read_levels(path, spec, **options)
    return str(caught.value)


def test_reads_levels_by_number(write, spbe_spec):
    path = write(levels_csv({1: 3, 13: 5, 47: 1}))
    assert read_levels(path, spbe_spec) == {"1": 3, "13": 5, "47": 1}


def test_bom_blank_lines_spaces_and_uppercase_header(write, spbe_spec):
    path = write("\ufeffIndicator , Level\n\n 2 , 4 \n\n")
    assert read_levels(path, spbe_spec) == {"2": Decimal(4)}


def test_semicolon_file_with_decimal_comma(write, pemdi_spec):
    path = write("indicator;level\n1;1,17\n2;3\n")
    assert read_levels(path, pemdi_spec) == {"1": Decimal("1.17"), "2": Decimal(3)}


def test_pemdi_indicator_by_display_code(write, pemdi_spec):
    assert read_levels(write("indicator,level\n3.1,2.50\n"), pemdi_spec) == {"5": Decimal("2.50")}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("indicator,level\n1,3\n2,3\n3,3\n48,2\n", "data.csv baris 5: indikator 48 tidak ada"),
        ("indicator,level\n1,3\n1,4\n", "data.csv baris 3: indikator 1 sudah ada di baris 2"),
        ("indicator,level\n1,6\n", "data.csv baris 2: Nilai indikator 1 (6) di luar rentang"),
        ("indicator,level\n1,2.5\n", "data.csv baris 2: Nilai indikator 1 (2.5) harus bilangan"),
        ("indicator,level\n1,0\n", "data.csv baris 2: Nilai indikator 1 bernilai 0"),
        ("indicator,level\n1,tiga\n", "data.csv baris 2: level 'tiga' bukan angka"),
        ("indicator,level\n1,\n", "data.csv baris 2: kolom level kosong"),
        ("indicator,level\n1,2,3\n", "data.csv baris 2: harus 2 kolom"),
        ("indikator,nilai\n1,3\n", "data.csv baris 1: judul kolom harus 'indicator,level'"),
        ("indicator,level\n", "data.csv: tidak ada baris data"),
        ("", "data.csv: berkas kosong"),
        ("  \n\n", "data.csv: berkas kosong"),
    ],
)
def test_refusals_name_file_and_row(write, spbe_spec, content, message):
    path = write(content)
    assert refused(path, spbe_spec).replace(path, "data.csv").startswith(message)


def test_zero_only_with_allow_zero(write, spbe_spec):
    path = write(levels_csv({1: 0}))
    assert read_levels(path, spbe_spec, allow_zero=True) == {"1": 0}


def test_non_utf8_names_the_row(write, spbe_spec):
    path = write("indicator,level\n1,3\n2,3 catatan \xe9\n".encode("latin-1"))
    assert refused(path, spbe_spec).endswith(
        "baris 3: bukan teks UTF-8; simpan ulang sebagai CSV UTF-8"
    )


def test_missing_file_and_directory(tmp_path, spbe_spec):
    assert refused(tmp_path / "tidak-ada.csv", spbe_spec).endswith("berkas tidak ditemukan")
    assert refused(tmp_path, spbe_spec).endswith("bukan berkas biasa")


def test_efforts(write, spbe_spec):
    path = write("indicator,effort\n1,2.5\n13,0\n", "effort.csv")
    assert read_efforts(path, spbe_spec) == {"1": Decimal("2.5"), "13": 0}
    with pytest.raises(CsvInputError, match="baris 2: effort -1 tidak boleh negatif"):
        read_efforts(write("indicator,effort\n1,-1\n", "e2.csv"), spbe_spec)
    with pytest.raises(CsvInputError, match="baris 1: judul kolom harus 'indicator,effort'"):
        read_efforts(write("indicator,level\n1,1\n", "e3.csv"), spbe_spec)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"indicator,level\n1,3\n2,\x003\n", "baris 3: bukan teks (ada byte NUL)"),
        (b"indicator,level\n1,3\x0b\n", "baris 2: kolom 2 berisi karakter kendali (0x0B)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, "Format Excel lama (.xls)"),
    ],
)
def test_binary_content_is_refused_with_its_row(write, spbe_spec, content, message):
    assert message in refused(write(content), spbe_spec)
