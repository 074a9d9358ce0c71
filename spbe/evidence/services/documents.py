"""Writes on evidence documents: create (file or link), new file revisions, metadata, archive.

Files: checked before anything is written, written with their revision row and deleted again
when the transaction fails (`spbe.evidence.services.files`).

Access: every function checks the actor with `spbe.evidence.access` (404 when the target is
out of sight, 403 when seen but not changeable); data rules raise ValidationError in Bahasa
Indonesia. Each write records an audit event in its own transaction.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record, diff_fields
from spbe.evidence import access
from spbe.evidence.files import InspectedFile
from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.selectors.documents import document_file_lock
from spbe.evidence.services.files import (
    add_revision,
    delete_files_on_failure,
    inspect_evidence_upload,
    revision_extra,
)
from spbe.organizations.models import Instansi, Unit
from spbe.organizations.permissions import scope_for

METADATA_FIELDS = (
    "kind",
    "title",
    "number",
    "document_date",
    "issuing_unit",
    "freshness_kind",
    "owner_unit",
    "url",
    "is_draft",
)
# What the evidence rules read of a document: changing one changes what an asesor approved.
APPROVAL_FACTS = {"kind", "document_date", "freshness_kind", "url", "is_draft"}
_URL = URLValidator(schemes=["http", "https"])


# -- checks ------------------------------------------------------------------------------------


def _ensure_can_create(actor, instansi: Instansi, owner_unit: Unit | None) -> None:
    scope = scope_for(actor)
    if not scope.sees_instansi(instansi.pk):
        raise Http404
    if owner_unit is not None and owner_unit.instansi_id != instansi.pk:
        raise ValidationError({"owner_unit": _("Unit pemilik harus dari instansi yang sama.")})
    if not access.can_create_in(actor, instansi.pk, owner_unit):
        if owner_unit is None and scope.edit_unit_ids:
            raise ValidationError(
                {"owner_unit": _("Pilih unit pemilik dokumen (unit tempat Anda bekerja).")}
            )
        raise PermissionDenied


def _ensure_can_edit(actor, document: Document) -> None:
    if access.can_edit_document(actor, document):
        return
    from spbe.evidence.selectors import document_visible

    if document_visible(user=actor, include_archived=True).filter(pk=document.pk).exists():
        raise PermissionDenied
    raise Http404


def _check_metadata(values: dict, *, has_file: bool) -> None:
    """Data rules shared by create and update; raises one ValidationError with every field."""
    errors: dict[str, str] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("Judul dokumen wajib diisi.")
    if values.get("kind") not in Document.Kind.values:
        errors["kind"] = _("Pilih jenis dokumen.")
    if values.get("freshness_kind", "") not in Document.Freshness.values:
        errors["freshness_kind"] = _("Kategori umur tidak dikenal.")
    document_date = values.get("document_date")
    if document_date and document_date > timezone.localdate():
        errors["document_date"] = _("Tanggal dokumen tidak boleh di masa depan.")
    url = (values.get("url") or "").strip()
    if values.get("kind") == Document.Kind.TAUTAN:
        if has_file:
            errors["upload"] = _(
                "Dokumen berjenis tautan tidak memakai berkas; isi tautannya saja."
            )
        if not url:
            errors["url"] = _("Tautan wajib diisi untuk dokumen berjenis tautan.")
        else:
            try:
                _URL(url)
            except ValidationError:
                errors["url"] = _("Tautan harus alamat web lengkap (http:// atau https://).")
    elif "kind" not in errors:
        if url:
            errors["url"] = _("Tautan hanya untuk dokumen berjenis tautan; unggah berkasnya.")
        if not has_file:
            errors["upload"] = _("Pilih berkas yang akan diunggah.")
    if errors:
        raise ValidationError(errors)


# -- services ----------------------------------------------------------------------------------
def document_create(
    *,
    actor,
    instansi: Instansi,
    owner_unit: Unit | None,
    kind: str,
    title: str,
    number: str = "",
    document_date: datetime.date | None = None,
    issuing_unit: str = "",
    freshness_kind: str = "",
    url: str | None = None,
    is_draft: bool = False,
    upload=None,
    inspected: InspectedFile | None = None,
    request=None,
) -> Document:
    """Create an evidence document: a file (first revision) or, for kind ``tautan``, a URL.
    `inspected` is the upload's `inspect_evidence_upload` result when the caller already made
    it (the file is then not read and hashed a second time).

    Order matters: access, metadata and the file are all checked before anything is written;
    then the document, its revision (file in private storage) and the audit event are saved in
    one transaction, and text extraction is enqueued when it commits. A failure after the file
    was written deletes the file again. Same file already in the instansi: allowed; callers
    show `document_duplicates(revision=...)` as a warning.
    """
    _ensure_can_create(actor, instansi, owner_unit)
    values = {
        "kind": kind,
        "title": (title or "").strip(),
        "number": (number or "").strip(),
        "document_date": document_date,
        "issuing_unit": (issuing_unit or "").strip(),
        "freshness_kind": freshness_kind or "",
        "url": (url or "").strip(),
        "is_draft": bool(is_draft),
    }
    _check_metadata(values, has_file=upload is not None)
    if upload is not None and inspected is None:
        inspected = inspect_evidence_upload(upload)
    (document,) = _documents_write(
        actor=actor,
        instansi=instansi,
        owner_unit=owner_unit,
        planned=[(values, upload, inspected)],
        request=request,
    )
    return document


def documents_create_many(
    *,
    actor,
    instansi: Instansi,
    owner_unit: Unit | None,
    kind: str,
    uploads: list,
    title: str = "",
    number: str = "",
    document_date: datetime.date | None = None,
    issuing_unit: str = "",
    freshness_kind: str = "",
    is_draft: bool = False,
    request=None,
) -> list[Document]:
    """Create one document per file of a multi-file upload, all or nothing.

    The files share the kind, owner and dates; each is titled after its file name (after
    `title`, when one is given, as "title — file name"). Every file is checked before
    anything is written; one bad file refuses the whole upload, naming it, and a failure
    after files were written deletes them again.
    """
    _ensure_can_create(actor, instansi, owner_unit)
    title = (title or "").strip()
    planned = []
    for upload in uploads:
        stem = Path(getattr(upload, "name", "") or "").stem.strip() or _("Berkas")
        values = {
            "kind": kind,
            "title": (f"{title} — {stem}" if title else stem)[:500],
            "number": (number or "").strip(),
            "document_date": document_date,
            "issuing_unit": (issuing_unit or "").strip(),
            "freshness_kind": freshness_kind or "",
            "url": "",
            "is_draft": bool(is_draft),
        }
        _check_metadata(values, has_file=True)
        try:
            inspected = inspect_evidence_upload(upload)
        except ValidationError as exc:
            message = " ".join(exc.messages)
            raise ValidationError({"upload": f"{upload.name}: {message}"}) from exc
        planned.append((values, upload, inspected))
    return _documents_write(
        actor=actor, instansi=instansi, owner_unit=owner_unit, planned=planned, request=request
    )


def _documents_write(*, actor, instansi, owner_unit, planned, request) -> list[Document]:
    """Write checked (values, upload, inspected file) triples in one transaction; a failure
    deletes every file already written (no orphan file)."""
    with delete_files_on_failure() as stored, transaction.atomic():
        return [
            _document_write(
                actor=actor,
                instansi=instansi,
                owner_unit=owner_unit,
                values=values,
                upload=upload,
                inspected=inspected,
                stored=stored,
                request=request,
            )
            for values, upload, inspected in planned
        ]


def _document_write(
    *, actor, instansi, owner_unit, values, upload, inspected, stored, request
) -> Document:
    """The document row, its first revision (when a file) and the audit event; inside the
    caller's transaction and `delete_files_on_failure` block."""
    document = Document.objects.create(
        instansi=instansi, owner_unit=owner_unit, created_by=actor, **values
    )
    extra = {}
    if inspected is not None:
        revision = add_revision(
            actor=actor, document=document, upload=upload, inspected=inspected, stored=stored
        )
        extra = revision_extra(revision)
    audit_record(
        actor=actor,
        action="evidence.document_created",
        target=document,
        instansi=instansi,
        changes=diff_fields({}, {**values, "owner_unit": owner_unit}),
        extra=extra,
        request=request,
    )
    return document


def revision_upload(*, actor, document: Document, upload, request=None) -> DocumentRevision:
    """Add a new file revision to a document (the earlier ones stay, numbered 1, 2, ...).

    Refused for link documents, archived documents and documents that are evidence of an
    indicator the asesor approved (registry `file_lock_reason`); the file is checked before
    anything is written; one transaction with the audit event; no orphan file on failure.
    """
    _ensure_can_edit(actor, document)
    if document.kind == Document.Kind.TAUTAN:
        raise ValidationError(
            {"upload": _("Dokumen berjenis tautan tidak memakai berkas; ubah tautannya saja.")}
        )
    if document.is_archived:
        raise ValidationError(_("Dokumen sudah diarsipkan; pulihkan dulu sebelum mengunggah."))
    locked = document_file_lock(document)
    if locked:
        raise ValidationError(locked, code="locked")
    inspected = inspect_evidence_upload(upload)
    with delete_files_on_failure() as stored, transaction.atomic():
        revision = add_revision(
            actor=actor, document=document, upload=upload, inspected=inspected, stored=stored
        )
        audit_record(
            actor=actor,
            action="evidence.revision_uploaded",
            target=document,
            instansi=document.instansi,
            extra=revision_extra(revision),
            request=request,
        )
    return revision


def document_update(*, actor, document: Document, request=None, **fields) -> Document:
    """Change a document's metadata (any of METADATA_FIELDS); audited with old and new values.

    A file document cannot become a link nor the other way round. The facts the evidence
    rules read (`APPROVAL_FACTS`) are locked while it is evidence of an approved indicator.
    """
    unknown = set(fields) - set(METADATA_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _ensure_can_edit(actor, document)
    before = {name: getattr(document, name) for name in METADATA_FIELDS}
    after = {**before, **fields}
    for name in ("title", "number", "issuing_unit", "url"):
        after[name] = (after[name] or "").strip()
    after["freshness_kind"] = after["freshness_kind"] or ""
    after["is_draft"] = bool(after["is_draft"])
    is_link = document.kind == Document.Kind.TAUTAN
    if (after["kind"] == Document.Kind.TAUTAN) != is_link:
        raise ValidationError(
            {"kind": _("Jenis tidak dapat diubah antara berkas dan tautan; buat dokumen baru.")}
        )
    _check_metadata(after, has_file=not is_link)
    owner_unit = after["owner_unit"]
    if owner_unit != document.owner_unit:
        if owner_unit is not None and owner_unit.instansi_id != document.instansi_id:
            raise ValidationError({"owner_unit": _("Unit pemilik harus dari instansi yang sama.")})
        if not access.can_create_in(actor, document.instansi_id, owner_unit):
            raise PermissionDenied
    changes = diff_fields(before, after)
    if not changes:
        return document
    if set(changes) & APPROVAL_FACTS:
        locked = document_file_lock(document)
        if locked:
            raise ValidationError(locked, code="locked")
    with transaction.atomic():
        for name, value in after.items():
            setattr(document, name, value)
        document.save()
        audit_record(
            actor=actor,
            action="evidence.document_updated",
            target=document,
            instansi=document.instansi,
            changes=changes,
            request=request,
        )
    return document


def document_set_archived(
    *, actor, document: Document, archived: bool = True, request=None
) -> Document:
    """Archive (or restore) a document. Nothing is deleted: links keep pointing at it and its
    files stay downloadable; an archived document leaves the library and the picker."""
    _ensure_can_edit(actor, document)
    if document.is_archived == archived:
        return document
    with transaction.atomic():
        document.is_archived = archived
        document.save(update_fields=["is_archived", "updated_at"])
        audit_record(
            actor=actor,
            action="evidence.document_archived" if archived else "evidence.document_restored",
            target=document,
            instansi=document.instansi,
            changes={"is_archived": [not archived, archived]},
            request=request,
        )
    return document
