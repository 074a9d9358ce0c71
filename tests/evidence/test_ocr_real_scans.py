"""OCR of the real scans (issue 14): the Kepmenko scans (one turned 90°) become searchable
and their numbers are guessed; a scan uploaded as evidence is read in the background with OCR.
Marked ``ocr``: skipped where the engine is absent, a failure under CI (see tests/conftest).
Only the first page is recognised (it holds the number); OCR is slow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.evidence.files import guess_document_number
from spbe.evidence.models import DocumentRevision
from spbe.evidence.selectors import document_search
from spbe.evidence.understanding.limits import ReadingLimits
from spbe.evidence.understanding.reading import read_document

pytestmark = [pytest.mark.ocr, pytest.mark.shared]
KEMENKO = "kemenko-perekonomian"
ONE_PAGE = ReadingLimits(ocr_max_pages=1)


@pytest.fixture(scope="module")
def kepmenko(bukti, ocr_engine):
    path = bukti / KEMENKO / "Kepmenko_70_2023_Tim_Koordinasi_SPBE_scan_miring.pdf"
    return read_document(str(path), "pdf", ONE_PAGE)


def test_the_turned_kepmenko_scan_is_read_with_ocr_and_its_number_guessed(kepmenko):
    assert kepmenko.ocr_used and kepmenko.status == "done"
    assert guess_document_number(kepmenko.text) == "70 Tahun 2023"
    facts = kepmenko.document_facts
    assert (facts.kind, facts.number, facts.year) == ("keputusan", "70 Tahun 2023", 2023)
    assert facts.issuer_key == "pusat:koordinator bidang perekonomian"
    assert "TIM KOORDINASI SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK" in facts.title
    assert kepmenko.truncated and "halaman pertama dari 8" in kepmenko.note


def test_an_uploaded_permenko_scan_becomes_searchable(
    world, make_document, bukti, ocr_engine, settings
):
    settings.EVIDENCE_OCR_ENABLED = True
    settings.EVIDENCE_OCR_MAX_PAGES = 1
    path = bukti / KEMENKO / "Permenko_4_2023_SPBE_di_Kemenko_Perekonomian_scan.pdf"
    document = make_document(
        title="Berkas pindaian", upload=SimpleUploadedFile(path.name, path.read_bytes())
    )
    revision = DocumentRevision.objects.select_related("extracted", "reading").get(
        pk=document.current_revision_id
    )
    assert revision.text_status == DocumentRevision.TextStatus.DONE
    assert revision.extracted.ocr_used
    assert revision.reading.number == "4 Tahun 2023"
    assert revision.reading.kind == "permen"
    result = document_search(
        user=world.users["koordinator"], query="Kementerian Koordinator Bidang Perekonomian"
    )
    assert [hit.document.pk for hit in result.hits] == [document.pk]
