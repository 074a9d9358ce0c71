"""Every validation rule, each with a bad file: refused, with a clear message, nothing written."""

import pytest

from spbe.frameworks.loader import FrameworkFileError
from spbe.frameworks.models import Framework, FrameworkGroup, Indicator
from spbe.frameworks.services import framework_load

pytestmark = pytest.mark.django_db


def indicator(data, number):
    return next(i for i in data["indicators"] if i["number"] == number)


def weights_off(d):
    indicator(d, 12)["weight"] = "2.40"


def aspect_sum_off(d):
    d["aspects"][1]["weight"] = "11.00"


def domain_sum_off(d):
    d["domains"][0]["weight"] = "14.00"


def duplicate_number(d):
    indicator(d, 13)["number"] = 12


def duplicate_code(d):
    indicator(d, 13)["code"] = "12"


def level_missing(d):
    del indicator(d, 12)["levels"][4]


def unknown_ladder(d):
    indicator(d, 12)["ladder"] = "kapabilitas"


def unknown_aspect(d):
    indicator(d, 12)["aspect"] = "A9"


def unknown_domain(d):
    d["aspects"][0]["domain"] = "D9"


def unknown_external(d):
    indicator(d, 12)["external_index"] = "sdi"


def band_gap(d):
    d["bands"][1]["min"] = "1.90"


def band_overlap(d):
    d["bands"][2]["min"] = "2.50"


def band_not_covering(d):
    d["bands"][-1]["max"] = "4.90"


def band_min_over_max(d):
    d["bands"][0]["max"] = "0.90"


def bad_value_kind(d):
    d["value_kind"] = "float"


def value_range_inverted(d):
    d["value_min"] = "5"
    d["value_max"] = "1"


def missing_key(d):
    del d["legal_basis"]


def float_weight(d):
    indicator(d, 12)["weight"] = 2.5


def empty_criteria(d):
    indicator(d, 12)["levels"][2]["criteria"] = ""


def unknown_evidence_kind(d):
    indicator(d, 12)["levels"][1]["evidence"][0]["kind"] = "foto"


def bad_status(d):
    d["status"] = "final"


def bad_year_basis(d):
    d["predikat_basis_by_year"] = {2023: "ceil"}


def unknown_top_key(d):
    d["bobot_total"] = "100"


CASES = [
    (weights_off, "aspek A2: bobot indikator berjumlah 9.90, seharusnya 10.00"),
    (aspect_sum_off, "domain D2: bobot aspek berjumlah 26.00, seharusnya 25.00"),
    (domain_sum_off, "bobot domain berjumlah 101.00, seharusnya 100"),
    (duplicate_number, "indikator 12: nomor dipakai lebih dari sekali"),
    (duplicate_code, "kode '12' dipakai lebih dari sekali"),
    (level_missing, "indikator 12: level 4 tidak ada"),
    (unknown_ladder, "indikator 12: jenjang 'kapabilitas' tidak dikenal"),
    (unknown_aspect, "indikator 12: aspek 'A9' tidak dikenal"),
    (unknown_domain, "aspek A1: domain 'D9' tidak dikenal"),
    (unknown_external, "indikator 12: indeks eksternal 'sdi' tidak dikenal"),
    (band_gap, "ada celah antara 'Kurang' (max 1.80) dan 'Cukup' (min 1.90)"),
    (band_overlap, "'Cukup' (max 2.60) tumpang tindih dengan 'Baik' (min 2.50)"),
    (band_not_covering, "rentang terakhir berakhir 4.90, seharusnya value_max 5"),
    (band_min_over_max, "predikat 'Kurang': min (1.00) harus lebih kecil dari max (0.90)"),
    (bad_value_kind, "value_kind: nilai 'float' tidak dikenal"),
    (value_range_inverted, "value_min harus lebih kecil dari value_max"),
    (missing_key, "kunci wajib 'legal_basis' tidak ada"),
    (float_weight, 'indikator 12: bobot: tulis angka sebagai string, mis. "2.5"'),
    (empty_criteria, "indikator 12: level 2: kriteria: tidak boleh kosong"),
    (unknown_evidence_kind, "jenis bukti 'foto' tidak ada di evidence_kinds"),
    (bad_status, "status: nilai 'final' tidak dikenal"),
    (bad_year_basis, "predikat_basis_by_year 2023: nilai 'ceil' tidak dikenal"),
    (unknown_top_key, "kunci 'bobot_total' tidak dikenal"),
]


def assert_nothing_written():
    assert Framework.objects.count() == 0
    assert FrameworkGroup.objects.count() == 0
    assert Indicator.objects.count() == 0


@pytest.mark.parametrize(("break_file", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_file_is_refused_with_a_message_naming_the_place(
    spbe_data, write_yaml, break_file, message
):
    break_file(spbe_data)
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(spbe_data))
    assert any(message in problem for problem in caught.value.problems), caught.value.problems
    assert_nothing_written()


def test_every_problem_is_reported_not_only_the_first(spbe_data, write_yaml):
    level_missing(spbe_data)
    unknown_aspect(spbe_data)
    band_gap(spbe_data)
    del spbe_data["urn"]
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(spbe_data))
    text = "\n".join(caught.value.problems)
    for expected in ("level 4 tidak ada", "aspek 'A9'", "ada celah", "kunci wajib 'urn'"):
        assert expected in text
    assert_nothing_written()


def test_framework_without_domains_needs_aspects_summing_to_100(pemdi_data, write_yaml):
    pemdi_data["aspects"][0]["weight"] = "12.00"
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(pemdi_data))
    assert "bobot aspek berjumlah 102.00, seharusnya 100" in caught.value.problems


def test_external_source_needs_a_known_index(pemdi_data, write_yaml):
    pemdi_data["indicators"][4]["external_index"] = None
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(pemdi_data))
    assert "indikator 5: source external memerlukan external_index" in caught.value.problems


def test_conversion_table_must_tile_the_index_scale(pemdi_data, write_yaml):
    pemdi_data["external_indices"]["sdi"]["conversion"][1]["from"] = ["15", "37.5"]
    pemdi_data["external_indices"]["sjig"]["missing_value"] = "0.50"
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(pemdi_data))
    text = "\n".join(caught.value.problems)
    assert "indeks eksternal sdi: baris konversi 2 tidak bersambung" in text
    assert "indeks eksternal sjig: missing_value: 0.50 di luar rentang nilai" in text


def test_bad_yaml_is_refused_with_line_number(write_yaml):
    path = write_yaml("urn: x\nindicators: [1, 2\n")
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=path)
    assert caught.value.problems[0].startswith("berkas bukan YAML yang sah (baris")
    assert_nothing_written()


def test_non_utf8_file_is_refused(write_yaml):
    path = write_yaml("name: Tata Kelola\n".encode("latin-1") + b"\xe9\xff\n")
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=path)
    assert "bukan teks UTF-8" in caught.value.problems[0]
    assert_nothing_written()


def test_top_level_list_is_refused(write_yaml):
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml("- 1\n- 2\n"))
    assert "tingkat teratas" in caught.value.problems[0]
