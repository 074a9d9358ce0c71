"""The demo's evidence: documents with small generated PDFs, linked to Pemdi 2026 indicators.

Documents are created and linked through the evidence services (`document_create`,
`evidence_link`), by the respondent of the owner unit where there is one (else the
koordinator), so they are inspected, stored in private storage and audited like any upload.
Which documents, with which dates and freshness category, and where they are linked is told in
``data/kaltim-story.yaml``: most are fresh, the 2023 review report of Biro Organisasi is older
than two years (the freshness flag shows on indicator 6.1).

A demo document is recognised by its instansi, its title (one of the story's) and its author
(a demo account); `demo_documents_delete` removes those, revisions and stored files included,
unless something outside the demo cycles still uses them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify

from spbe.demo.pdf import text_pdf
from spbe.evaluations.access import fills_in
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evaluations.services import evidence_link
from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.services import document_create
from spbe.organizations.models import Instansi, Unit

FOOTER = "Dokumen contoh data demo SPBE Monev - bukan dokumen resmi."


def demo_pdf(spec: Mapping) -> bytes:
    """The file of one story document: its title, number, date, issuer and text."""
    lines = []
    if spec.get("number"):
        lines.append(f"Nomor: {spec['number']}")
    if spec.get("date"):
        with translation.override("id"):
            day = date_format(datetime.date.fromisoformat(spec["date"]), "j F Y")
        lines.append(f"Tanggal: {day}")
    if spec.get("issuer"):
        lines.append(f"Penerbit: {spec['issuer']}")
    lines += ["", spec.get("text", "")]
    return text_pdf(spec["title"], lines, footer=FOOTER)


def _upload_time(index: int, document_date: datetime.date | None, tz) -> datetime.datetime:
    """When the unit uploaded it in the story: during August 2026, never before its date."""
    day = datetime.date(2026, 8, 10) + datetime.timedelta(days=index % 15)
    if document_date is not None and day <= document_date:
        day = document_date + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(9 + index % 7, 30), tzinfo=tz)


def demo_documents_load(
    *,
    province: Instansi,
    specs: Iterable[Mapping],
    assessments: Mapping[int, Assessment],
    units: Mapping[str, Unit],
    users: Mapping[str, object],
    tz,
) -> tuple[int, int]:
    """Create the story's documents (reusing one of the same title) and their links.
    Returns (documents created, links created).

    In the story the evidence was linked before the asesor approved an indicator, and an
    approved indicator's evidence is locked (`ensure_evidence_editable`): the approved ones are
    set back to "diajukan" while linking and approved again afterwards (inside the loader's
    transaction)."""
    approved = [a.pk for a in assessments.values() if a.status == Assessment.Status.DISETUJUI]
    Assessment.objects.filter(pk__in=approved).update(status=Assessment.Status.DIAJUKAN)
    made = _documents_load(
        province=province, specs=specs, assessments=assessments, units=units, users=users, tz=tz
    )
    Assessment.objects.filter(pk__in=approved).update(status=Assessment.Status.DISETUJUI)
    return made


def _documents_load(*, province, specs, assessments, units, users, tz) -> tuple[int, int]:
    koordinator = users["koordinator"]
    documents = links = 0
    for index, spec in enumerate(specs):
        owner = units[spec["owner"]]
        author = users.get(f"responden-{spec['owner']}", koordinator)
        day = datetime.date.fromisoformat(spec["date"]) if spec.get("date") else None
        document = Document.objects.filter(instansi=province, title=spec["title"]).first()
        if document is None:
            document = document_create(
                actor=author,
                instansi=province,
                owner_unit=owner,
                kind=spec["kind"],
                title=spec["title"],
                number=spec.get("number", ""),
                document_date=day,
                issuing_unit=spec.get("issuer", ""),
                freshness_kind=spec.get("freshness", ""),
                upload=SimpleUploadedFile(
                    f"{slugify(spec['title'])[:80]}.pdf", demo_pdf(spec), "application/pdf"
                ),
            )
            uploaded = _upload_time(index, day, tz)
            Document.objects.filter(pk=document.pk).update(created_at=uploaded)
            DocumentRevision.objects.filter(document=document).update(uploaded_at=uploaded)
            documents += 1
        for link in spec.get("links", []):
            assessment = assessments[int(link["indicator"])]
            actor = author if fills_in(author, assessment) else koordinator
            made = evidence_link(
                actor=actor,
                assessment=assessment,
                document=document,
                level=int(link["level"]),
                note=link.get("note", ""),
            )
            EvidenceLink.objects.filter(pk=made.pk).update(
                linked_at=_upload_time(index, day, tz) + datetime.timedelta(minutes=5)
            )
            links += 1
    return documents, links


def demo_documents_delete(
    *, province: Instansi, titles: Iterable[str], usernames: Iterable[str]
) -> int:
    """Delete the demo's documents (see the module docstring) with their revisions; their
    files are deleted once the transaction commits. Run after the demo cycles are deleted:
    a document still linked elsewhere (a cycle of your own, an action item) is kept.
    Returns how many documents were deleted."""
    from spbe.planning.models import ActionItem

    documents = (
        Document.objects.filter(
            instansi=province, title__in=list(titles), created_by__username__in=list(usernames)
        )
        .exclude(pk__in=EvidenceLink.objects.values("document_id"))
        .exclude(pk__in=ActionItem.evidence.through.objects.values("document_id"))
    )
    ids = list(documents.values_list("pk", flat=True))
    if not ids:
        return 0
    revisions = DocumentRevision.objects.filter(document_id__in=ids)
    files = [(r.file.storage, r.file.name) for r in revisions if r.file]
    Document.objects.filter(pk__in=ids).update(current_revision=None)
    revisions.delete()
    Document.objects.filter(pk__in=ids).delete()
    for storage, name in files:
        transaction.on_commit(partial(storage.delete, name))
    return len(ids)
