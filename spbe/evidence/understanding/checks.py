"""Checks a careful assessor makes on an indicator's linked documents, before the review.

Each check is a plain rule over what was read (or confirmed) and the framework's data, and
each flag says why in Bahasa Indonesia:

- ``pemerintah-lain``: the document was issued by another government than the instansi;
- ``draf``: a draft is offered at a level whose typical evidence is an enacted policy
  (evidence kind ``kebijakan``) and which accepts no draft (kind ``draf``);
- ``kedaluwarsa``: a report or minutes offered where the level's evidence has an age rule
  (framework ``evidence_rules``) and its date is older than the rule allows;
- ``banyak-indikator``: the same file is linked to many indicators of the cycle;
- ``judul-tidak-terkait``: the title shares no key word with the indicator.

Pure functions over plain data; the evaluations app gathers the data (it owns the links).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .coverage import title_relates
from .issuers import same_government

POLICY_KIND = "kebijakan"
DRAFT_KIND = "draf"
# Document kinds that are the review/audit reports an age rule is about.
REPORT_KINDS = frozenset({"laporan", "notulen"})


@dataclass(frozen=True)
class LinkedDocument:
    """One linked document as the checks see it."""

    document_id: int
    title: str
    kind: str  # Document.Kind
    level: int
    is_draft: bool
    issuer: str
    issuer_key: str
    dated: datetime.date | None
    freshness_kind: str
    indicator_count: int  # indicators of the cycle this document (or the same file) supports


@dataclass(frozen=True)
class EvidenceFlag:
    code: str
    document_id: int
    title: str
    message: str


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def evidence_flags(
    documents: list[LinkedDocument],
    *,
    instansi_name: str,
    instansi_key: str,
    levels: list[dict],
    age_rules: dict[str, int],
    topic: str,
    as_of: datetime.date,
    many_indicators: int,
) -> list[EvidenceFlag]:
    """Every flag on the linked ``documents`` of one indicator. ``levels``: the indicator's
    levels (framework data); ``age_rules``: evidence kind -> max age in months; ``topic``:
    the indicator's name, criteria and evidence texts."""
    kinds_by_level = {
        int(level["level"]): {item.get("kind") for item in level.get("evidence") or ()}
        for level in levels
    }
    flags: list[EvidenceFlag] = []
    seen: set[tuple[str, int]] = set()

    def flag(code: str, document: LinkedDocument, message: str) -> None:
        if (code, document.document_id) not in seen:
            seen.add((code, document.document_id))
            flags.append(EvidenceFlag(code, document.document_id, document.title, message))

    for document in documents:
        kinds = kinds_by_level.get(document.level, set())
        if document.issuer_key and not same_government(document.issuer_key, instansi_key):
            flag(
                "pemerintah-lain",
                document,
                _("Diterbitkan oleh %(issuer)s, bukan %(instansi)s.")
                % {"issuer": document.issuer, "instansi": instansi_name},
            )
        if document.is_draft and POLICY_KIND in kinds and DRAFT_KIND not in kinds:
            flag(
                "draf",
                document,
                _(
                    "Rancangan/draf ditautkan pada level %(level)s, yang membutuhkan "
                    "kebijakan yang sudah ditetapkan."
                )
                % {"level": document.level},
            )
        for kind in kinds & set(age_rules):
            months = age_rules[kind]
            is_report = document.kind in REPORT_KINDS or document.freshness_kind == kind
            if is_report and document.dated and _add_months(document.dated, months) <= as_of:
                flag(
                    "kedaluwarsa",
                    document,
                    _(
                        "Bertanggal %(date)s, lebih tua dari %(months)s bulan yang dibolehkan "
                        "untuk bukti level %(level)s."
                    )
                    % {
                        "date": document.dated.strftime("%d-%m-%Y"),
                        "months": months,
                        "level": document.level,
                    },
                )
        if document.indicator_count >= many_indicators:
            flag(
                "banyak-indikator",
                document,
                _("Berkas yang sama ditautkan pada %(n)s indikator siklus ini.")
                % {"n": document.indicator_count},
            )
        if document.title and not title_relates(document.title, topic):
            flag(
                "judul-tidak-terkait",
                document,
                _("Judulnya tidak memuat satu pun kata kunci indikator ini."),
            )
    return flags
