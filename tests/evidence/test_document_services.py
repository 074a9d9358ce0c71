"""Document services: uploads accepted or refused (nothing written, no file left), revisions,
duplicates, orphan-file cleanup, extraction in the background, metadata and archive."""

import datetime
import zipfile
from io import BytesIO
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from spbe.audit.models import AuditEvent
from spbe.evidence import services
from spbe.evidence.models import Document, DocumentRevision, DocumentText
from spbe.evidence.selectors import document_duplicates, document_suggestions
from tests.evidence.pdfs import scan_pdf, text_pdf

pytestmark = pytest.mark.django_db


def _errors(exc) -> dict:
    return exc.value.message_dict


def test_upload_is_stored_privately_with_its_facts_and_text(world, make_document, stored_files):
    document = make_document(owner_unit=world.diskominfo, number="", freshness_kind="")
    revision = document.current_revision
    assert revision.number == 1
    assert revision.detected_kind == "pdf"
    assert revision.mime_type == "application/pdf"
    assert revision.safe_name == "Pergub-Arsitektur-SPBE.pdf"
    assert revision.original_name == "Pergub Arsitektur SPBE.pdf"
    assert len(revision.sha256) == 64 and revision.size > 0
    assert revision.uploaded_by == world.users["koordinator"]
    # A meaningless path, never the user's file name.
    assert stored_files() == [revision.file.name]
    assert "Pergub" not in revision.file.name
    revision.refresh_from_db()
    assert revision.text_status == DocumentRevision.TextStatus.DONE
    text = DocumentText.objects.get(revision=revision)
    assert "arsitektur spbe provinsi uji" in text.search_text
    assert text.has_text_layer
    event = AuditEvent.objects.get(action="evidence.document_created")
    assert event.instansi == world.province and event.extra["sha256"] == revision.sha256


def test_shared_real_pdf_is_accepted(world, make_document, shared_dir):
    path = shared_dir / "artifacts" / "bukti-dukung" / "denpasar-2019" / "indikator20h.pdf"
    upload = SimpleUploadedFile("indikator20h.pdf", path.read_bytes())
    document = make_document(upload=upload, kind="keputusan", title="SK dari Denpasar")
    assert document.current_revision.size == path.stat().st_size


def _big_zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (3 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("kosong.pdf", b"", "empty", "Berkas kosong"),
        ("program.pdf", b"MZ\x90\x00\x03" + b"\0" * 600, "type_not_allowed", "program Windows"),
        ("besar.pdf", text_pdf("x") + b"\0" * 3000, "too_large", "terlalu besar"),
        ("bom.docx", _big_zip(), None, "MB"),
    ],
)
def test_bad_upload_is_refused_with_its_message_and_nothing_is_written(
    settings, world, stored_files, name, content, code, words
):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 2048 if code == "too_large" else 10 * 1024 * 1024
    settings.EVIDENCE_MAX_EXPANDED_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        services.document_create(
            actor=world.users["koordinator"],
            instansi=world.province,
            owner_unit=None,
            kind="laporan",
            title="Laporan",
            upload=SimpleUploadedFile(name, content),
        )
    error = caught.value.error_dict["upload"][0]
    if code:
        assert error.code == code
    assert words in " ".join(caught.value.messages)
    assert Document.objects.count() == 0
    assert DocumentRevision.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="evidence.").exists()
    assert stored_files() == []


def test_missing_metadata_refused_before_the_file_is_looked_at(world, upload, stored_files):
    with pytest.raises(ValidationError) as caught:
        services.document_create(
            actor=world.users["koordinator"],
            instansi=world.province,
            owner_unit=None,
            kind="pergub",
            title="  ",
            document_date=datetime.date.today() + datetime.timedelta(days=3),
            upload=upload(),
        )
    assert set(_errors(caught)) == {"title", "document_date"}
    assert stored_files() == []


def test_document_is_a_file_or_a_link_never_both(world, upload):
    actor, inst = world.users["koordinator"], world.province
    with pytest.raises(ValidationError) as caught:
        services.document_create(
            actor=actor, instansi=inst, owner_unit=None, kind="tautan", title="Portal",
            url="https://portal.example.go.id", upload=upload(),
        )  # fmt: skip
    assert "upload" in _errors(caught)
    with pytest.raises(ValidationError) as caught:
        services.document_create(
            actor=actor, instansi=inst, owner_unit=None, kind="tautan", title="x",
            url="javascript:alert(1)",
        )  # fmt: skip
    assert "url" in _errors(caught)
    with pytest.raises(ValidationError) as caught:
        services.document_create(
            actor=actor, instansi=inst, owner_unit=None, kind="sop", title="SOP", url="https://a.id"
        )
    assert set(_errors(caught)) == {"url", "upload"}
    link = services.document_create(
        actor=actor, instansi=inst, owner_unit=None, kind="tautan", title="Portal",
        url="https://portal.example.go.id",
    )  # fmt: skip
    assert link.current_revision is None and link.url == "https://portal.example.go.id"


def test_orphan_file_is_deleted_when_the_transaction_fails_after_saving(
    world, upload, stored_files
):
    with (
        mock.patch(
            "spbe.evidence.services.documents.audit_record", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        services.document_create(
            actor=world.users["koordinator"],
            instansi=world.province,
            owner_unit=None,
            kind="pergub",
            title="Pergub",
            upload=upload(),
        )
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_orphan_file_of_a_failed_revision_upload_is_deleted(world, make_document, stored_files):
    document = make_document()
    before = stored_files()
    with (
        mock.patch(
            "spbe.evidence.services.documents.audit_record", side_effect=RuntimeError("boom")
        ),
        pytest.raises(RuntimeError),
    ):
        services.revision_upload(
            actor=world.users["koordinator"],
            document=document,
            upload=SimpleUploadedFile("v2.pdf", text_pdf("Versi dua")),
        )
    assert stored_files() == before
    assert document.revisions.count() == 1


def test_orphan_sweep_finds_files_no_revision_points_at(world, make_document, settings):
    import datetime as dt

    make_document()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    stray = default_storage.save("bukti/999/stray", ContentFile(b"x"))
    assert services.evidence_orphan_files(older_than=dt.timedelta(0)) == [stray]
    assert services.evidence_orphan_files_delete(older_than=dt.timedelta(0)) == [stray]
    assert not default_storage.exists(stray)


def test_revisions_are_numbered_and_the_latest_is_current(
    world, make_document, django_capture_on_commit_callbacks, stored_files
):
    document = make_document()
    for n in (2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            revision = services.revision_upload(
                actor=world.users["koordinator"],
                document=document,
                upload=SimpleUploadedFile(f"v{n}.pdf", text_pdf(f"Versi {n}")),
            )
        assert revision.number == n
    document.refresh_from_db()
    assert document.current_revision.number == 3
    assert list(document.revisions.values_list("number", flat=True)) == [3, 2, 1]
    assert len(stored_files()) == 3
    assert AuditEvent.objects.filter(action="evidence.revision_uploaded").count() == 2


def test_same_file_in_the_instansi_is_a_warning_not_a_refusal(world, make_document):
    first = make_document(title="Pergub asli")
    second = make_document(title="Pergub salinan")
    assert document_duplicates(revision=second.current_revision) == [first]
    other = make_document(title="Di instansi lain", instansi=world.other,
                          actor=world.users["other_koordinator"])  # fmt: skip
    assert document_duplicates(revision=other.current_revision) == []


def test_scan_is_marked_without_text(world, make_document):
    document = make_document(upload=SimpleUploadedFile("pindai.pdf", scan_pdf()))
    revision = DocumentRevision.objects.get(pk=document.current_revision_id)
    assert revision.text_status == DocumentRevision.TextStatus.NO_TEXT
    text = revision.extracted
    assert not text.has_text_layer and "pindai" in text.note


def test_extraction_waits_for_the_commit(world, upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = services.document_create(
            actor=world.users["koordinator"], instansi=world.province, owner_unit=None,
            kind="pergub", title="Pergub", upload=upload(),
        )  # fmt: skip
    assert len(callbacks) == 1
    assert not DocumentText.objects.exists()
    callbacks[0]()
    assert DocumentText.objects.filter(revision=document.current_revision).exists()


def test_extraction_task_result_reports_status(world, make_document):
    from spbe.evidence.tasks import extract_revision_text

    document = make_document()
    result = extract_revision_text.enqueue(document.current_revision_id)
    assert result.return_value == "done"


def test_number_and_date_are_suggested_from_the_text_not_applied(world, make_document):
    document = make_document(number="", document_date=None)
    assert document.number == "" and document.document_date is None
    assert document_suggestions(document) == {
        "number": "54 Tahun 2021",
        "document_date": datetime.date(2021, 10, 4),
    }
    services.document_update(
        actor=world.users["koordinator"], document=document, number="54 Tahun 2021"
    )
    assert document_suggestions(document) == {"document_date": datetime.date(2021, 10, 4)}


def test_metadata_edit_is_audited_with_old_and_new_values(world, make_document):
    document = make_document(number="")
    services.document_update(
        actor=world.users["koordinator"],
        document=document,
        title="Pergub 54/2021 Arsitektur SPBE",
        freshness_kind="reviu",
    )
    event = AuditEvent.objects.get(action="evidence.document_updated")
    assert event.changes["title"] == ["Pergub Arsitektur SPBE", "Pergub 54/2021 Arsitektur SPBE"]
    assert event.changes["freshness_kind"] == ["", "reviu"]
    with pytest.raises(ValidationError):
        services.document_update(actor=world.users["koordinator"], document=document, kind="tautan")


def test_archive_keeps_the_document_and_is_audited(world, make_document, stored_files):
    document = make_document()
    services.document_set_archived(actor=world.users["koordinator"], document=document)
    document.refresh_from_db()
    assert document.is_archived and len(stored_files()) == 1
    assert AuditEvent.objects.filter(action="evidence.document_archived").count() == 1
    with pytest.raises(ValidationError):
        services.revision_upload(
            actor=world.users["koordinator"],
            document=document,
            upload=SimpleUploadedFile("v2.pdf", text_pdf("x")),
        )


def test_who_may_create_and_change_documents(world, make_document, upload):
    users = world.users
    # A responden of Setda adds documents of Setda (or its sub-unit), not of Dinkes.
    mine = make_document(actor=users["responden"], owner_unit=world.biro)
    with pytest.raises(PermissionDenied):
        make_document(actor=users["responden"], owner_unit=world.dinkes)
    with pytest.raises(ValidationError) as caught:
        make_document(actor=users["responden"], owner_unit=None)
    assert "owner_unit" in caught.value.message_dict
    for read_only in ("pimpinan", "asesor", "pembina"):
        with pytest.raises(PermissionDenied):
            make_document(actor=users[read_only])
    with pytest.raises(Http404):
        make_document(actor=users["other_koordinator"])
    with pytest.raises(ValidationError):
        make_document(owner_unit=world.other_unit)
    # Dinkes' responden sees nothing of Setda's document: 404, not 403.
    with pytest.raises(Http404):
        services.document_update(actor=users["responden_flat"], document=mine,
                                 title="x")  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.document_update(actor=users["pimpinan"], document=mine, title="x")
