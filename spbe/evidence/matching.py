"""Which documents satisfy which typical evidence: the one matching table, as data.

A framework lists, for every level of an indicator, its typical evidence as items
``{"text": ..., "kind": <evidence kind>}`` where the kind comes from the framework's own
vocabulary (``Framework.evidence_kinds``: draf, notulen, kebijakan, reviu, audit, ...).
A linked document is of a ``Document.kind`` (Perda, SK, SOP, laporan, tangkapan layar, ...)
and may carry a ``freshness_kind`` (reviu/audit/indeks-eksternal) that ties it to the
framework's age rules.

``EVIDENCE_KIND_MATCHES`` says, per evidence kind, which documents count as that evidence:

- ``kinds``: the Document.kind values that are acceptable, or
- ``freshness``: a freshness_kind the document must carry (any Document.kind). Review and audit
  evidence is recognised by that category, because only then do the age rules apply to it.

A document matches when its kind is in ``kinds`` OR its freshness_kind is ``freshness``.
An evidence kind absent from the table (a framework adding its own) is satisfied by any linked
document: we never invent a shortage the data cannot support. To change what counts, edit this
table (and its test in tests/evidence/test_status.py), nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from spbe.evidence.models import Document

K = Document.Kind
F = Document.Freshness

REGULATIONS = frozenset({K.PERDA, K.PERGUB, K.PERATURAN, K.KEPUTUSAN, K.SURAT_EDARAN})


@dataclass(frozen=True)
class KindMatch:
    kinds: frozenset[str] = frozenset()
    freshness: str = ""

    def accepts(self, *, kind: str, freshness_kind: str) -> bool:
        return kind in self.kinds or bool(self.freshness and freshness_kind == self.freshness)


EVIDENCE_KIND_MATCHES: dict[str, KindMatch] = {
    # A draft of a policy is a document in the form it will take (draf SE, draf Pergub, ...).
    "draf": KindMatch(kinds=REGULATIONS | {K.SOP, K.DOKUMEN, K.LAINNYA}),
    "notulen": KindMatch(kinds=frozenset({K.NOTULEN, K.FOTO, K.LAPORAN})),
    "kebijakan": KindMatch(kinds=REGULATIONS),
    "reviu": KindMatch(freshness=F.REVIU),
    "tindak-lanjut": KindMatch(kinds=REGULATIONS | {K.SOP, K.DOKUMEN, K.LAPORAN, K.NOTULEN}),
    "dokumen": KindMatch(kinds=frozenset({K.DOKUMEN, K.LAPORAN, K.SOP, K.LAINNYA})),
    "sop": KindMatch(kinds=frozenset({K.SOP})),
    "laporan": KindMatch(kinds=frozenset({K.LAPORAN, K.NOTULEN})),
    "audit": KindMatch(freshness=F.AUDIT),
    "sertifikat": KindMatch(kinds=frozenset({K.SERTIFIKAT})),
    "tangkapan-layar": KindMatch(kinds=frozenset({K.TANGKAPAN_LAYAR, K.FOTO})),
    "tautan": KindMatch(kinds=frozenset({K.TAUTAN})),
    # Uploads are PDF/DOCX/XLSX/PNG/JPG only, so a video is offered as a link.
    "video": KindMatch(kinds=frozenset({K.TAUTAN})),
    "arsitektur": KindMatch(kinds=frozenset({K.DOKUMEN, K.TANGKAPAN_LAYAR})),
    "integrasi": KindMatch(kinds=frozenset({K.DOKUMEN, K.LAPORAN, K.TANGKAPAN_LAYAR, K.TAUTAN})),
    "indeks-eksternal": KindMatch(freshness=F.INDEKS_EKSTERNAL),
}


def document_matches(evidence_kind: str, *, kind: str, freshness_kind: str) -> bool:
    """Whether a document of ``kind``/``freshness_kind`` counts as evidence of ``evidence_kind``."""
    match = EVIDENCE_KIND_MATCHES.get(evidence_kind)
    if match is None:
        return True
    return match.accepts(kind=kind, freshness_kind=freshness_kind)


def evidence_freshness_kind(evidence_kind: str) -> str:
    """The freshness category (reviu/audit/indeks-eksternal) whose age rule applies to the
    documents that count as ``evidence_kind``; "" when none does."""
    match = EVIDENCE_KIND_MATCHES.get(evidence_kind)
    return match.freshness if match is not None else ""
