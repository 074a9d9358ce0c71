"""Writes on evidence links (EvidenceLink): a document offered as evidence for an indicator of a
cycle at a level. Evaluations own the link; evidence owns the document.

Rules: a locked (final) cycle accepts no change; the document must belong to the cycle's
instansi and not be archived; the level must be one of the indicator's levels; only people who
edit the work of the assessment's lead or contributing unit (and the koordinator) may link.
One document may support many indicators and levels, across cycles.
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.audit.services import audit_record
from spbe.evaluations.access import ensure_fills_in
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evidence.models import Document
from spbe.evidence.services.documents import document_create

LOCKED_MESSAGE = gettext_noop("Siklus sudah final dan terkunci; bukti dukung tidak dapat diubah.")


def _ensure_open(assessment: Assessment) -> None:
    if assessment.cycle.is_locked:
        raise ValidationError(_(LOCKED_MESSAGE))


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
    _ensure_open(assessment)
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
    """Remove one link (the document itself stays); refused on a locked cycle; audited."""
    assessment = link.assessment
    ensure_fills_in(actor, assessment)
    _ensure_open(assessment)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="evidence.unlinked",
            target=link,
            instansi=assessment.cycle.instansi,
            extra=_link_facts(link),
            request=request,
        )
        link.delete()


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
    _ensure_open(assessment)
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
