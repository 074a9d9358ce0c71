"""The `official_report` block: framework facts of the official documents, read in one place."""

import pytest

from spbe.frameworks.loader import FrameworkFileError, file_check
from spbe.frameworks.official_reports import (
    framework_in_force,
    lhe_report,
    published_framework_labels,
)


def test_the_shipped_files_say_which_framework_was_in_force_each_year():
    assert framework_in_force(2019) == "spbe-5-2018"  # before SPBE 59/2020's first year
    assert framework_in_force(2021) == framework_in_force(2025) == "spbe-59-2020"
    assert framework_in_force(2026) == "pemdi-8-2026"


def test_the_history_choices_and_the_lhe_framework_come_from_the_files():
    assert list(published_framework_labels()) == ["spbe-59-2020", "spbe-5-2018", "pemdi-8-2026"]
    report = lhe_report()
    assert (report.code, report.first_year) == ("spbe-59-2020", 2021)
    assert report.group_names["D1"] == "Kebijakan Internal SPBE"
    assert report.group_names["A8"] == "Layanan Publik Berbasis Elektronik"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"label": "X", "first_year": "2021"}, "first_year: harus tahun"),
        ({"label": "X", "first_year": 2021, "lhe_pdf": "ya"}, "lhe_pdf: harus true atau false"),
        ({"label": "X", "first_year": 2021, "heading": "Y"}, "kunci 'heading' tidak dikenal"),
        ({"first_year": 2021}, "official_report label"),
        ({"label": "X", "first_year": 2021, "predecessor": {"code": "a"}}, "predecessor label"),
    ],
)
def test_a_bad_block_is_refused_with_its_place(spbe_data, write_yaml, block, message):
    spbe_data["official_report"] = block
    with pytest.raises(FrameworkFileError) as refused:
        file_check(write_yaml(spbe_data))
    assert message in str(refused.value)


def test_the_block_stays_out_of_the_content_hash(spbe_data, write_yaml):
    with_block = file_check(write_yaml(spbe_data))
    del spbe_data["official_report"]
    assert file_check(write_yaml(spbe_data)).sha256 == with_block.sha256
