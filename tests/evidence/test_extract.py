"""Text extraction on real evidence: text PDFs, scans, XLSX, DOCX, images and broken files."""

import io
import time

import pytest

from spbe.evidence.files import extract_text, normalise_for_search
from spbe.evidence.files.extract import NOTE_SCAN

KEMENKO_PDF = "kemenko-perekonomian/Draft_Kepmenko_Arsitektur_dan_Peta_Rencana_SPBE_2023.pdf"
KEMENKO_XLSX = (
    "kemenko-perekonomian/Draft_Kepmenko_Arsitektur_dan_Peta_Rencana_SPBE_2023_tabel.xlsx"
)
SCANS = [
    "denpasar-2019/indikator5.pdf",
    "denpasar-2019/indikator12.pdf",
    "denpasar-2019/indikator35-2b.pdf",
    "kemenko-perekonomian/Permenko_4_2023_SPBE_di_Kemenko_Perekonomian_scan.pdf",
    "kemenko-perekonomian/Kepmenko_70_2023_Tim_Koordinasi_SPBE_scan_miring.pdf",
]


@pytest.mark.shared
def test_text_pdf_has_its_words_and_is_searchable(real_text):
    result = real_text("denpasar-2019/indikator20a.pdf")
    assert result.has_text_layer
    assert result.page_count == 4
    assert result.note == ""
    assert "Rencana Induk Pengembangan e-Government" in result.text
    assert "latar belakang teknologi informasi" in normalise_for_search(result.text)


@pytest.mark.shared
def test_regulation_pdf_found_by_a_search_for_arsitektur_spbe(real_text):
    text = normalise_for_search(real_text("pemda-lain/Perbup_Batu_Bara_81_2021_SPBE.pdf").text)
    assert normalise_for_search("Arsitektur SPBE") in text


@pytest.mark.shared
@pytest.mark.parametrize("relative", SCANS)
def test_scans_are_reported_without_text_layer(bukti, relative):
    result = extract_text(bukti / relative, "pdf")
    assert not result.has_text_layer
    assert result.note == "dokumen hasil pindai, tidak ada lapisan teks" == NOTE_SCAN
    assert result.text.strip() == ""
    assert result.page_count > 0


@pytest.mark.shared
def test_tightly_set_pdf_gets_its_spaces_back(bukti):
    result = extract_text(bukti / KEMENKO_PDF, "pdf", max_pages=6)
    assert "KEPUTUSAN MENTERI" in result.text
    assert "ARSITEKTUR DAN PETA RENCANA" in result.text
    assert "Arsitektur SPBE Kementerian" in result.text


@pytest.mark.shared
def test_large_pdf_is_bounded_by_pages_and_says_so(bukti):
    result = extract_text(bukti / KEMENKO_PDF, "pdf", max_pages=3)
    assert result.page_count == 113
    assert result.truncated
    assert "3 halaman pertama" in result.note


@pytest.mark.shared
def test_pdf_output_is_bounded_by_characters(bukti):
    result = extract_text(bukti / "denpasar-2019/indikator10.pdf", "pdf", max_chars=1000)
    assert len(result.text) <= 1000
    assert result.truncated
    assert "dipotong" in result.note


@pytest.mark.shared
def test_time_budget_stops_between_pages(bukti):
    started = time.monotonic()
    result = extract_text(bukti / "denpasar-2019/indikator2b.pdf", "pdf", time_budget=0)
    assert time.monotonic() - started < 5
    assert result.truncated
    assert result.page_count == 214


@pytest.mark.shared
def test_xlsx_cell_values_are_extracted_sheet_by_sheet(bukti):
    result = extract_text(bukti / KEMENKO_XLSX, "xlsx")
    assert result.has_text_layer
    assert result.page_count == 75  # sheets ("Table 1" ... "Table 75")
    assert "## Table 1" in result.text
    assert "arsitektur dan peta rencana" in normalise_for_search(result.text)


@pytest.mark.shared
def test_xlsx_is_bounded_by_cells(bukti):
    result = extract_text(bukti / KEMENKO_XLSX, "xlsx", max_cells=100)
    assert result.truncated
    assert "100 sel pertama" in result.note


@pytest.mark.shared
def test_docx_paragraphs_and_tables_are_extracted(format_resmi):
    path = format_resmi / "Kuesioner_Umum_SPBE_2018-2019.docx"
    result = extract_text(path, "docx")
    assert result.has_text_layer
    assert result.page_count is None
    assert "PERTANYAAN UMUM" in result.text
    assert "No. | Aplikasi Fungsional | Ada/Tidak Ada" in result.text  # a table row


@pytest.mark.shared
def test_docx_from_a_file_object(format_resmi):
    data = (format_resmi / "Kuesioner_Umum_SPBE_2018-2019.docx").read_bytes()
    assert "PERTANYAAN UMUM" in extract_text(io.BytesIO(data), "docx").text


@pytest.mark.shared
def test_images_have_no_text(bukti):
    result = extract_text(bukti / "denpasar-2019/indikator23.jpg", "jpg")
    assert (result.text, result.has_text_layer, result.note) == (
        "",
        False,
        "gambar, tidak ada teks",
    )


@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx"])
def test_broken_files_become_a_note_not_a_crash(kind):
    result = extract_text(io.BytesIO(b"%PDF-1.4\nthis is not really a document"), kind)
    assert not result.has_text_layer
    assert result.note.startswith("teks tidak dapat dibaca")


def test_unknown_kind_is_reported():
    assert "tidak didukung" in extract_text(io.BytesIO(b"x"), "exe").note
