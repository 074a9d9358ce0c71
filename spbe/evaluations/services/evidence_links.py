"""Writes on evidence links (EvidenceLink): a document offered as evidence for an indicator of a
cycle at a level. Evaluations own the link; evidence owns the document.

Rules: a locked (final) cycle accepts no change, nor does an indicator the asesor approved
until they return it (`ensure_evidence_editable`, THE check of every write on an
assessment's evidence: pages, API, inventory snapshots); the document must belong to the cycle's
instansi and not be archived; the level must be one of the indicator's levels; only people who
edit the work of the assessment's lead or contributing unit (and the koordinator) may link.
One document may support many indicators and levels, across cycles.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.audit.services import audit_record
from spbe.evaluations.access import ensure_fills_in
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evidence.models import Document
from spbe.evidence.services import document_create, inspect_evidence_upload

LOCKED_MESSAGE = gettext_noop("Siklus sudah final dan terkunci; bukti dukung tidak dapat diubah.")
APPROVED_MESSAGE = gettext_noop(
    "Indikator ini sudah disetujui asesor; minta asesor mengembalikannya sebelum mengubah bukti."
)


def evidence_lock_reason(assessment: Assessment) -> str | None:
    """Why nobody may change the evidence of `assessment` now (None when it is open): a
    final cycle, or an indicator the asesor approved (unlocked again when they return it,
    `review_return`). The panel shows this reason in place of its controls."""
    if assessment.cycle.is_locked:
        return _(LOCKED_MESSAGE)
    if assessment.status == Assessment.Status.DISETUJUI:
        return _(APPROVED_MESSAGE)
    return None


def ensure_evidence_editable(assessment: Assessment) -> None:
    """Refuse (ValidationError, code ``locked``) a change to the evidence of `assessment`
    when `evidence_lock_reason` gives one. The status is read again from the database under a
    row lock (held to the end of the caller's transaction), so an approval committed since the
    page was opened is seen, and one made meanwhile waits for this write."""
    with transaction.atomic():
        stored = (
            Assessment.objects.select_for_update()
            .filter(pk=assessment.pk)
            .values_list("status", flat=True)
            .first()
        )
    if stored is not None:
        assessment.status = stored
    reason = evidence_lock_reason(assessment)
    if reason:
        raise ValidationError(reason, code="locked")


def _indicator_levels(assessment: Assessment) -> list[int]:
    return sorted(int(level["level"]) for level in assessment.indicator.levels)


def _link_facts(link: EvidenceLink) -> dict:
    """What the audit trail keeps of a link (the link row itself may be deleted later)."""
    return {
        "cycle": link.assessment.cycle_id,
        "indicator": link.assessment.indicator.code,
        "document": link.document_id,
        "document_title": link.document.title,
        "level": link.level,
    }


def evidence_link(
    *,
    actor,
    assessment: Assessment,
    document: Document,
    level: int,
    note: str = "",
    request=None,
) -> EvidenceLink:
    """Offer `document` as evidence of `assessment` at `level`; audited."""
    ensure_fills_in(actor, assessment)
    ensure_evidence_editable(assessment)
    if document.instansi_id != assessment.cycle.instansi_id:
        raise ValidationError(
            {"document": _("Dokumen milik instansi lain tidak dapat dijadikan bukti di sini.")}
        )
    if document.is_archived:
        raise ValidationError({"document": _("Dokumen sudah diarsipkan.")})
    levels = _indicator_levels(assessment)
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = None
    if level not in levels:
        raise ValidationError(
            {"level": _("Level harus salah satu dari %(levels)s.") % {"levels": levels}}
        )
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": _("Keterangan paling panjang 500 karakter.")})
    if EvidenceLink.objects.filter(assessment=assessment, document=document, level=level).exists():
        raise ValidationError(
            {"document": _("Dokumen ini sudah ditautkan pada level %(level)s.") % {"level": level}}
        )
    try:
        with transaction.atomic():
            ensure_evidence_editable(assessment)  # again, now holding the assessment's row
            link = EvidenceLink.objects.create(
                assessment=assessment, document=document, level=level, note=note, linked_by=actor
            )
            audit_record(
                actor=actor,
                action="evidence.linked",
                target=link,
                instansi=assessment.cycle.instansi,
                extra=_link_facts(link),
                request=request,
            )
    except IntegrityError as exc:  # the same link made at the same moment elsewhere
        raise ValidationError(
            {"document": _("Dokumen ini sudah ditautkan pada level %(level)s.") % {"level": level}}
        ) from exc
    return link


def evidence_unlink(*, actor, link: EvidenceLink, request=None) -> None:
    """Remove one link (the document itself stays); refused on a locked cycle or an approved
    indicator; audited."""
    assessment = link.assessment
    ensure_fills_in(actor, assessment)
    with transaction.atomic():
        ensure_evidence_editable(assessment)
        audit_record(
            actor=actor,
            action="evidence.unlinked",
            target=link,
            instansi=assessment.cycle.instansi,
            extra=_link_facts(link),
            request=request,
        )
        link.delete()


@dataclass(frozen=True)
class EvidenceUpload:
    """What `evidence_upload` did: the link, and ``reused`` (the same file was already a
    document linked to this indicator: no new document, no new file) with ``message`` telling
    the user so."""

    link: EvidenceLink
    reused: bool = False
    message: str = ""


def _same_file_link(assessment: Assessment, sha256: str, level: int) -> EvidenceLink | None:
    """A link of `assessment` to a document whose current file has `sha256`: the one at
    `level` when there is one, else any (the document is then linked at `level` too)."""
    links = list(
        EvidenceLink.objects.filter(
            assessment=assessment,
            document__current_revision__sha256=sha256,
            document__is_archived=False,
        ).select_related("document__current_revision")
    )
    try:
        level = int(level)
    except (TypeError, ValueError):
        return None
    return next((x for x in links if x.level == level), None) or (links[0] if links else None)


def _reused_message(link: EvidenceLink) -> str:
    revision = link.document.current_revision
    return _(
        "Berkas yang sama sudah diunggah pada %(when)s sebagai dokumen “%(title)s”; dokumen "
        "itu yang dipakai, tidak ada berkas baru."
    ) % {
        "when": date_format(timezone.localtime(revision.uploaded_at), "j F Y H:i"),
        "title": link.document.title,
    }


def evidence_upload(
    *,
    actor,
    assessment: Assessment,
    level: int,
    note: str = "",
    request=None,
    **document_fields,
) -> EvidenceUpload:
    """Upload a file as evidence of `assessment` at `level` (`document_create_and_link`),
    unless the same file (SHA-256 of its content) is already the current file of a document
    linked to this indicator: a retried upload then answers with that document (linked at
    `level` too when it was linked at another level) and writes no document and no file.

    The check and the write hold the assessment's row (`ensure_evidence_editable`), so a
    retry sent while the first upload is still being written waits for it and then finds it.
    """
    ensure_fills_in(actor, assessment)
    ensure_evidence_editable(assessment)
    upload = document_fields.get("upload")
    inspected = inspect_evidence_upload(upload) if upload is not None else None
    with transaction.atomic():
        ensure_evidence_editable(assessment)
        existing = _same_file_link(assessment, inspected.sha256, level) if inspected else None
        if existing is None:
            link = document_create_and_link(
                actor=actor, assessment=assessment, level=level, note=note, request=request,
                inspected=inspected, **document_fields,
            )  # fmt: skip
            return EvidenceUpload(link=link)
        if existing.level != int(level):
            existing = evidence_link(
                actor=actor,
                assessment=assessment,
                document=existing.document,
                level=level,
                note=note,
                request=request,
            )
    return EvidenceUpload(link=existing, reused=True, message=_reused_message(existing))


def document_create_and_link(
    *,
    actor,
    assessment: Assessment,
    level: int,
    note: str = "",
    request=None,
    **document_fields,
) -> EvidenceLink:
    """Create a document (see `document_create`) and link it to `assessment` at `level`:
    both or neither. The file written for the document is deleted again when the link is
    refused (the document's own transaction had already succeeded inside this one)."""
    ensure_fills_in(actor, assessment)
    ensure_evidence_editable(assessment)
    created: list[Document] = []
    try:
        with transaction.atomic():
            document = document_create(
                actor=actor, instansi=assessment.cycle.instansi, request=request, **document_fields
            )
            created.append(document)
            return evidence_link(
                actor=actor,
                assessment=assessment,
                document=document,
                level=level,
                note=note,
                request=request,
            )
    except BaseException:
        for document in created:
            revision = document.current_revision
            if revision is not None and revision.file:
                with contextlib.suppress(Exception):
                    revision.file.storage.delete(revision.file.name)
        raise
