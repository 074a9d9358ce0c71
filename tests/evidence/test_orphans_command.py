"""The orphan-file command lists, and with --delete removes, files no revision refers to."""

import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_orphans_are_listed_then_deleted(capsys):
    name = default_storage.save("bukti/1/yatim", ContentFile(b"%PDF-1.4 sisa"))

    call_command("evidence_orphans", "--hours", "0")
    assert name in capsys.readouterr().out
    assert default_storage.exists(name)

    call_command("evidence_orphans", "--hours", "0", "--delete")
    assert "1 berkas yatim dihapus." in capsys.readouterr().out
    assert not default_storage.exists(name)


def test_temporary_leftovers_of_a_killed_upload_or_reading_are_listed_then_deleted(
    settings, capsys
):
    """A server killed mid-upload leaves Django's temporary upload file; a worker killed
    mid-reading leaves its copy of the file. Old ones are orphans; a fresh one is in use."""
    uploads = Path(settings.FILE_UPLOAD_TEMP_DIR)
    reading = Path(settings.SPBE_TEMP_DIR) / "baca"
    (reading / "spbe-read-x1").mkdir(parents=True)
    leftovers = [uploads / "tmpab12.upload.pdf", reading / "spbe-read-x1" / "berkas"]
    for path in leftovers:
        path.write_bytes(b"%PDF-1.4 sisa")
    two_hours_ago = time.time() - 2 * 3600
    for path in (*leftovers, reading / "spbe-read-x1"):
        os.utime(path, (two_hours_ago, two_hours_ago))
    fresh = uploads / "tmpcd34.upload.pdf"
    fresh.write_bytes(b"%PDF-1.4 sedang diunggah")

    call_command("evidence_orphans")
    out = capsys.readouterr().out
    assert str(leftovers[0]) in out and str(reading / "spbe-read-x1") in out
    assert str(fresh) not in out and "2 berkas sementara yatim ditemukan." in out
    assert all(path.exists() for path in leftovers)

    call_command("evidence_orphans", "--delete")
    assert "2 berkas sementara yatim dihapus." in capsys.readouterr().out
    assert not leftovers[0].exists() and not (reading / "spbe-read-x1").exists()
    assert fresh.exists()


def test_uploads_receive_into_the_products_temporary_folder_and_leave_nothing_on_failure(
    settings, monkeypatch, client
):
    """A large upload is written to FILE_UPLOAD_TEMP_DIR while the request reads it; when the
    evidence storage then fails, the request still ends without a temporary file left."""
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.evidence.pdfs import text_pdf
    from tests.factories import build_world

    world = build_world()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # every upload goes to a temporary file
    seen: list[str] = []

    def refuse(self, name, content):
        seen.append(content.file.name)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    client.force_login(world.users["koordinator"])
    response = client.post(
        reverse("evidence:document_create", args=[world.province.pk]),
        {"kind": "pergub", "title": "Pergub", "upload": SimpleUploadedFile("p.pdf", text_pdf("P"))},
    )
    assert "Penyimpanan bukti sedang tidak dapat dihubungi" in response.content.decode()
    assert seen and Path(seen[0]).parent == Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert list(Path(settings.FILE_UPLOAD_TEMP_DIR).iterdir()) == []


def test_the_reading_sandbox_works_in_the_products_temporary_folder(settings, monkeypatch):
    """The child's TMPDIR (OCR's work files) is the reading folder the orphan scan covers."""
    from spbe.evidence import tasks

    settings.EVIDENCE_READ_SANDBOX = True
    asked = {}
    monkeypatch.setattr(tasks, "read_in_sandbox", lambda *args, **kw: asked.update(kw))
    tasks.read_revision_file("/dev/null", "pdf")
    assert asked["tmpdir"] == str(Path(settings.SPBE_TEMP_DIR) / "baca")
