"""Reads on documents, always scoped by the access rule in `spbe.evidence.access`."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from spbe.evidence.access import document_q
from spbe.evidence.files import guess_document_date, guess_document_number
from spbe.evidence.models import Document, DocumentRevision, DocumentText
from spbe.evidence.registry import link_provider
from spbe.organizations.permissions import scope_for


def document_visible(*, user, instansi=None, include_archived: bool = False) -> QuerySet[Document]:
    """Documents the user sees (optionally of one instansi), newest first, with their owner
    unit and current revision loaded."""
    qs = Document.objects.filter(document_q(scope_for(user))).select_related(
        "instansi", "owner_unit", "current_revision"
    )
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    if not include_archived:
        qs = qs.filter(is_archived=False)
    return qs.order_by("-updated_at", "-pk")


def document_get(*, user, pk) -> Document:
    """One document the user sees (archived included), else 404."""
    return get_object_or_404(document_visible(user=user, include_archived=True), pk=pk)


def revision_get(*, user, pk) -> DocumentRevision:
    """One file revision of a document the user sees, else 404."""
    documents = document_visible(user=user, include_archived=True)
    return get_object_or_404(
        DocumentRevision.objects.select_related("document").filter(document__in=documents),
        pk=pk,
    )


def document_revisions(document: Document) -> list[DocumentRevision]:
    """Every file revision, newest first, with uploader and extracted-text facts (one query;
    the extracted text itself is not loaded)."""
    return list(
        document.revisions.select_related("uploaded_by")
        .prefetch_related(
            Prefetch(
                "extracted",
                queryset=DocumentText.objects.only(
                    "id", "revision_id", "page_count", "has_text_layer", "note", "extracted_at"
                ),
            )
        )
        .order_by("-number")
    )


def document_links(*, user, document: Document):
    """Where the document is offered as evidence (cycle, indicator, level), limited to the
    assessments the user sees; answered by the app that owns the links."""
    return link_provider().document_uses(user=user, document=document)


def document_file_lock(document: Document) -> str | None:
    """Why no new file may replace the document's current one now (it is evidence of an
    indicator the asesor approved); None when one may. Answered by the app owning the links."""
    return link_provider().file_lock_reason(document)


def document_duplicates(*, revision: DocumentRevision) -> list[Document]:
    """Other documents of the same instansi holding a file with the same SHA-256 (a warning:
    the user may prefer to link the existing document)."""
    return list(
        Document.objects.filter(
            instansi_id=revision.document.instansi_id,
            revisions__sha256=revision.sha256,
            is_archived=False,
        )
        .exclude(pk=revision.document_id)
        .distinct()
        .order_by("pk")
    )


def document_suggestions(document: Document) -> dict:
    """Number and date guessed from the current revision's text, only where they differ from
    what is recorded: suggestions the user confirms, never applied silently."""
    revision = document.current_revision
    if revision is None:
        return {}
    text = DocumentText.objects.filter(revision=revision).values_list("text", flat=True).first()
    if not text:
        return {}
    suggestions = {}
    number = guess_document_number(text)
    if number and number != document.number:
        suggestions["number"] = number
    found_date = guess_document_date(text)
    if found_date and found_date != document.document_date:
        suggestions["document_date"] = found_date
    return suggestions
