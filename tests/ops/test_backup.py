"""`spbe backup` / `spbe restore`: a round trip of the database and every evidence file."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.services.documents import document_create
from tests.evidence.pdfs import text_pdf
from tests.factories import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(name, *lines):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text_pdf(*lines), content_type="application/pdf")


@pytest.fixture
def installation():
    world = build_world()
    coordinator = world.users["koordinator"]
    for n in (1, 2):
        document_create(
            actor=coordinator,
            instansi=world.province,
            owner_unit=None,
            kind="pergub",
            title=f"Pergub {n}",
            upload=_upload(f"pergub-{n}.pdf", f"PERATURAN GUBERNUR NOMOR {n} TAHUN 2024"),
        )
    return world


def _wipe():
    names = [r.file.name for r in DocumentRevision.objects.all()]
    call_command("flush", interactive=False, verbosity=0)
    for name in names:
        default_storage.delete(name)


def _hashes():
    out = {}
    for revision in DocumentRevision.objects.all():
        with default_storage.open(revision.file.name, "rb") as handle:
            out[revision.file.name] = hashlib.sha256(handle.read()).hexdigest()
    return out


def test_backup_then_restore_on_an_empty_installation_brings_everything_back(
    installation, tmp_path
):
    before_docs = sorted(Document.objects.values_list("title", flat=True))
    before_files = _hashes()
    archive = tmp_path / "cadangan.tar.gz"
    out = io.StringIO()
    call_command("backup", out=archive, stdout=out)
    assert "2 berkas" in out.getvalue()

    _wipe()
    assert Document.objects.count() == 0 and not any(map(default_storage.exists, before_files))

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "semua hash cocok" in out.getvalue()
    assert sorted(Document.objects.values_list("title", flat=True)) == before_docs
    assert _hashes() == before_files
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="koord").exists()


def test_the_manifest_holds_the_sha256_of_every_member(installation, tmp_path):
    archive = tmp_path / "c.tar.gz"
    call_command("backup", out=archive, stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for name, digest in manifest["files"].items():
            data = tar.extractfile(f"files/{name}").read()
            assert hashlib.sha256(data).hexdigest() == digest
    assert len(manifest["files"]) == 2


def _rewrite(archive, target, change):
    """Copy `archive` to `target`, passing member `change[0]`'s bytes through `change[1]`."""
    name, alter = change
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.endswith(name):
                data = alter(data)
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


def test_a_damaged_archive_is_refused_naming_the_file_and_nothing_changes(installation, tmp_path):
    archive = tmp_path / "c.tar.gz"
    call_command("backup", out=archive, stdout=io.StringIO())
    first = DocumentRevision.objects.order_by("pk").first().file.name
    damaged = tmp_path / "rusak.tar.gz"
    _rewrite(archive, damaged, (first, lambda data: data[:-10] + b"0123456789"))
    _wipe()
    with pytest.raises(CommandError, match=f"Hash tidak cocok: {first}"):
        call_command("restore", str(damaged), stdout=io.StringIO())
    assert Document.objects.count() == 0
    assert not default_storage.exists(first)


def test_restore_refuses_an_installation_that_holds_data(installation, tmp_path):
    archive = tmp_path / "c.tar.gz"
    call_command("backup", out=archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="sudah berisi data"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Document.objects.count() == 2


def test_backup_never_overwrites_an_existing_file(installation, tmp_path):
    archive = tmp_path / "c.tar.gz"
    archive.write_bytes(b"arsip lama")
    with pytest.raises(CommandError, match="tidak ditimpa"):
        call_command("backup", out=archive, stdout=io.StringIO())
    assert archive.read_bytes() == b"arsip lama"


def test_a_file_that_is_not_an_archive_is_refused(db, tmp_path):
    bogus = tmp_path / "bukan.tar.gz"
    bogus.write_bytes(b"bukan arsip")
    with pytest.raises(CommandError, match="bukan arsip cadangan"):
        call_command("restore", str(bogus), stdout=io.StringIO())
