"""inspect_upload on the real evidence files Denpasar, other pemda and Kemenko attached."""

import pytest

from spbe.evidence.files import inspect_upload

from .conftest import LIMITS

pytestmark = pytest.mark.shared


def inspect_path(path):
    with path.open("rb") as handle:
        return inspect_upload(handle, filename=path.name, **LIMITS)


def test_every_real_file_is_detected_by_content(bukti, format_resmi):
    paths = sorted(bukti.glob("*/*")) + sorted(format_resmi.glob("*"))
    assert len(paths) >= 30
    expected = {".pdf": "pdf", ".jpg": "jpg", ".xlsx": "xlsx", ".docx": "docx"}
    for path in paths:
        result = inspect_path(path)
        assert result.detected_kind == expected[path.suffix], path.name
        assert result.size == path.stat().st_size
        assert result.safe_filename == path.name  # already safe, extension agrees
        assert not result.extension_corrected


def test_same_file_under_two_names_has_the_same_hash(bukti):
    first = inspect_path(bukti / "denpasar-2019" / "indikator4b.pdf")
    second = inspect_path(bukti / "denpasar-2019" / "indikator21.pdf")
    other = inspect_path(bukti / "denpasar-2019" / "indikator3.pdf")
    assert first.sha256 == second.sha256
    assert first.sha256 != other.sha256
    assert len(first.sha256) == 64


def test_hash_matches_hashlib_and_file_is_rewound(bukti):
    import hashlib

    path = bukti / "denpasar-2019" / "indikator5.pdf"  # the biggest Denpasar file, 4 MB
    with path.open("rb") as handle:
        result = inspect_upload(handle, filename="x.pdf", **LIMITS)
        assert handle.tell() == 0
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.mime_type == "application/pdf"


def test_real_xlsx_and_docx_pass_the_zip_checks(bukti, format_resmi):
    xlsx = inspect_path(
        bukti
        / "kemenko-perekonomian"
        / "Draft_Kepmenko_Arsitektur_dan_Peta_Rencana_SPBE_2023_tabel.xlsx"
    )
    docx = inspect_path(format_resmi / "Kuesioner_Umum_SPBE_2018-2019.docx")
    assert xlsx.mime_type.endswith("spreadsheetml.sheet")
    assert docx.mime_type.endswith("wordprocessingml.document")


def test_renamed_real_file_gets_its_extension_corrected(bukti, tmp_path):
    jpg = (bukti / "denpasar-2019" / "indikator23.jpg").read_bytes()
    target = tmp_path / "foto ruang server.pdf"
    target.write_bytes(jpg)
    result = inspect_path(target)
    assert result.detected_kind == "jpg"
    assert result.safe_filename == "foto-ruang-server.jpg"
    assert result.extension_corrected
