"""Reading files in the background sandbox (issue 13): limits stop a crafted PDF with a clear
status, the upload itself does not read, the page says "sedang dibaca", and readings lost by a
killed server are queued again."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from spbe.evidence.models import DocumentReading, DocumentRevision
from spbe.evidence.understanding.limits import ReadingLimits
from spbe.evidence.understanding.sandbox import read_in_sandbox
from tests.evidence.bombs import memory_bomb_pdf
from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db
SMALL = ReadingLimits(memory_mb=300, cpu_seconds=20, wall_seconds=60, ocr=False)


@pytest.fixture
def bomb(tmp_path):
    path = tmp_path / "bom.pdf"
    path.write_bytes(memory_bomb_pdf())
    assert path.stat().st_size < 20_000
    return path


def test_a_memory_bomb_is_stopped_by_the_memory_limit_with_a_clear_reason(bomb):
    outcome = read_in_sandbox(str(bomb), "pdf", SMALL)
    assert outcome.reading is None
    assert outcome.limit == "memory"
    assert "memori melebihi batas 300 MB" in outcome.refused


def test_the_wall_clock_limit_kills_a_child_that_takes_too_long(bomb):
    outcome = read_in_sandbox(
        str(bomb), "pdf", ReadingLimits(memory_mb=4096, cpu_seconds=60, wall_seconds=1)
    )
    assert (outcome.reading, outcome.limit) == (None, "time")
    assert "tidak selesai dalam 1 detik" in outcome.refused


def test_an_ordinary_pdf_is_read_in_the_child_with_its_pages_and_facts(tmp_path):
    path = tmp_path / "pergub.pdf"
    path.write_bytes(text_pdf("PERATURAN GUBERNUR UJI", "NOMOR 7 TAHUN 2024", "TENTANG SPBE"))
    outcome = read_in_sandbox(str(path), "pdf", SMALL)
    assert outcome.refused == ""
    assert outcome.reading.status == "done"
    assert outcome.reading.page_starts == [0]
    assert outcome.reading.document_facts.number == "7 Tahun 2024"


def test_an_uploaded_bomb_ends_refused_and_the_page_says_why(
    client, world, make_document, settings
):
    settings.EVIDENCE_READ_SANDBOX = True
    settings.EVIDENCE_READ_MEMORY_MB = 300
    document = make_document(upload=SimpleUploadedFile("bom.pdf", memory_bomb_pdf()))
    revision = document.current_revision
    revision.refresh_from_db()
    assert revision.text_status == DocumentRevision.TextStatus.REFUSED
    assert "memori melebihi batas" in revision.extracted.note
    assert not DocumentReading.objects.filter(revision=revision).exists()
    client.force_login(world.users["koordinator"])
    page = client.get(f"/bukti/dokumen/{document.pk}/").content.decode()
    assert "dihentikan: melebihi batas pembacaan" in page


def test_a_pending_reading_shows_sedang_dibaca_and_polls(client, world, make_document):
    document = make_document()
    DocumentRevision.objects.filter(pk=document.current_revision_id).update(
        text_status=DocumentRevision.TextStatus.PENDING
    )
    client.force_login(world.users["koordinator"])
    page = client.get(f"/bukti/dokumen/{document.pk}/").content.decode()
    assert "sedang dibaca" in page
    assert 'hx-trigger="every' in page


def test_requeue_reads_again_what_a_killed_server_left_pending(world, make_document, capsys):
    document = make_document()
    revision = document.current_revision
    DocumentRevision.objects.filter(pk=revision.pk).update(
        text_status=DocumentRevision.TextStatus.PENDING,
        uploaded_at=timezone.now() - datetime.timedelta(hours=2),
    )
    fresh = make_document(title="Baru diunggah")
    DocumentRevision.objects.filter(pk=fresh.current_revision_id).update(
        text_status=DocumentRevision.TextStatus.PENDING
    )
    call_command("evidence", "requeue", "--minutes", "30")
    assert "1 berkas diantrekan ulang" in capsys.readouterr().out
    revision.refresh_from_db()
    assert revision.text_status == DocumentRevision.TextStatus.DONE
    fresh.current_revision.refresh_from_db()
    assert fresh.current_revision.text_status == DocumentRevision.TextStatus.PENDING


def test_a_scan_where_ocr_is_not_installed_says_so_on_the_page(
    client, world, make_document, monkeypatch
):
    from tests.evidence.pdfs import scan_pdf

    monkeypatch.setattr(
        "spbe.evidence.selectors.reading.ocr_engine_problem",
        lambda: "Tesseract tidak terpasang (apt-get install tesseract-ocr tesseract-ocr-ind)",
    )
    document = make_document(upload=SimpleUploadedFile("pindai.pdf", scan_pdf()))
    client.force_login(world.users["koordinator"])
    page = client.get(f"/bukti/dokumen/{document.pk}/").content.decode()
    assert "OCR belum terpasang di server ini" in page
    assert "Tesseract tidak terpasang" in page
