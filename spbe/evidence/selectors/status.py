"""Freshness of documents and completeness of an indicator's evidence ("kurang dokumen").

Freshness: the framework's ``evidence_rules`` (e.g. ``{kind: reviu, max_age_months: 24}``)
apply to documents whose ``freshness_kind`` equals the rule's kind. A document dated D expires
on D + max_age_months (same day of month, clamped to the month's end): "kurang dari 2 tahun"
means it is still valid the day before and expired from that day on. A document under a rule
without a document date cannot show its age, so it counts as stale too ("tanpa_tanggal").

Completeness: for the claimed level (the Penilaian Mandiri value, whole part) or a given level,
every typical evidence item of the indicator's levels 1..level is *ada* (a linked document at
that item's level matches its kind, see `spbe.evidence.matching`, and is fresh), *kedaluwarsa*
(only stale matching documents) or *kurang* (none). Any item not *ada*, or any stale linked
document at a level up to the one checked, raises the "kurang dokumen" flag.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.evidence.matching import document_matches, evidence_freshness_kind

OK = "ok"
EXPIRED = "kedaluwarsa"
UNDATED = "tanpa_tanggal"

PRESENT = "ada"
MISSING = "kurang"
STALE = "kedaluwarsa"


@dataclass(frozen=True)
class Freshness:
    """``status``: ok / kedaluwarsa / tanpa_tanggal; ``rule`` the framework rule applied (None:
    no age rule for this document); ``expires_on`` the first day it is no longer valid."""

    status: str
    rule: dict | None = None
    reason: str = ""
    expires_on: datetime.date | None = None

    @property
    def is_stale(self) -> bool:
        return self.status != OK


@dataclass(frozen=True)
class EvidenceItem:
    """One typical evidence item of a level and whether the linked documents cover it."""

    level: int
    text: str
    kind: str
    kind_name: str
    state: str  # ada / kurang / kedaluwarsa
    documents: tuple = ()
    max_age_months: int | None = None  # the framework's age rule for this evidence, if any

    @property
    def is_present(self) -> bool:
        return self.state == PRESENT


@dataclass(frozen=True)
class StaleDocument:
    document: object
    level: int
    freshness: Freshness


@dataclass(frozen=True)
class EvidenceStatus:
    """Completeness of one assessment's evidence for a level (None: nothing claimed yet)."""

    level: int | None
    items: tuple[EvidenceItem, ...] = ()
    stale: tuple[StaleDocument, ...] = ()
    link_count: int = 0
    as_of: datetime.date | None = None
    freshness: dict = field(default_factory=dict)  # document id -> Freshness

    @property
    def missing(self) -> tuple[EvidenceItem, ...]:
        return tuple(item for item in self.items if not item.is_present)

    @property
    def kurang_dokumen(self) -> bool:
        return bool(self.missing or self.stale)

    @property
    def present_count(self) -> int:
        return sum(1 for item in self.items if item.is_present)


# -- freshness ---------------------------------------------------------------------------------
def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months; the 31st of a shorter month becomes its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _rules_by_kind(framework) -> dict[str, dict]:
    return {rule["kind"]: rule for rule in (framework.evidence_rules or [])}


def _freshness(document, rules: dict[str, dict], as_of: datetime.date) -> Freshness:
    rule = rules.get(document.freshness_kind) if document.freshness_kind else None
    if rule is None:
        return Freshness(OK)
    if document.document_date is None:
        return Freshness(
            UNDATED,
            rule,
            _("%(rule)s: tanggal dokumen belum diisi, umurnya tidak dapat diperiksa")
            % {"rule": rule["name"]},
        )
    expires_on = add_months(document.document_date, int(rule["max_age_months"]))
    if as_of >= expires_on:
        return Freshness(
            EXPIRED,
            rule,
            _("%(rule)s: dokumen bertanggal %(date)s kedaluwarsa sejak %(expired)s")
            % {
                "rule": rule["name"],
                "date": _format_date(document.document_date),
                "expired": _format_date(expires_on),
            },
            expires_on,
        )
    return Freshness(OK, rule, "", expires_on)


def _format_date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def document_freshness(document, framework, as_of: datetime.date | None = None) -> Freshness:
    """Whether `document` is still valid under `framework`'s evidence rules on `as_of` (today
    when None): ok, or kedaluwarsa / tanpa_tanggal with the reason and the expiry date."""
    return _freshness(document, _rules_by_kind(framework), as_of or timezone.localdate())


# -- completeness ------------------------------------------------------------------------------
def cycle_as_of(cycle) -> datetime.date:
    """The day evidence of a cycle is judged on: its finalisation day once final, else today."""
    if cycle.is_locked and cycle.finalised_at:
        return timezone.localdate(cycle.finalised_at)
    return timezone.localdate()


def claimed_level_of(value: Decimal | None) -> int | None:
    """THE claimed level: the whole level of the respondent's claim (`Assessment.claimed_value`,
    Pemdi 3.45 -> 3); None when nothing is claimed. Completeness ("kurang dokumen") is always
    judged at this level, on the indicator page, matrix, dashboards, print and API alike."""
    if value is None:
        return None
    level = int(Decimal(value))
    return level if level >= 1 else None


def _levels_map(indicator) -> dict[int, dict]:
    levels = indicator.levels
    if isinstance(levels, dict):  # tolerate the YAML shape {"1": {...}}
        return {int(k): v for k, v in levels.items()}
    return {int(level["level"]): level for level in levels}


def _status(*, indicator, framework, level, links, as_of, rules) -> EvidenceStatus:
    """Pure computation from already loaded data (no queries)."""
    freshness = {}
    by_level: dict[int, list] = defaultdict(list)
    for link in links:
        document = link.document
        if document.pk not in freshness:
            freshness[document.pk] = _freshness(document, rules, as_of)
        by_level[link.level].append(document)
    # Stale documents count up to the level being checked (all of them when none is).
    stale = tuple(
        StaleDocument(link.document, link.level, freshness[link.document.pk])
        for link in links
        if freshness[link.document.pk].is_stale and (level is None or link.level <= level)
    )
    if level is None:
        return EvidenceStatus(None, (), stale, len(links), as_of, freshness)
    kind_names = framework.evidence_kinds or {}
    items = []
    for number, spec in sorted(_levels_map(indicator).items()):
        if number > level:
            break
        for item in spec.get("evidence", []):
            matching = [
                doc
                for doc in by_level.get(number, [])
                if document_matches(item["kind"], kind=doc.kind, freshness_kind=doc.freshness_kind)
            ]
            fresh = [doc for doc in matching if not freshness[doc.pk].is_stale]
            state = PRESENT if fresh else (STALE if matching else MISSING)
            rule = rules.get(evidence_freshness_kind(item["kind"]))
            items.append(
                EvidenceItem(
                    level=number,
                    text=item["text"],
                    kind=item["kind"],
                    kind_name=kind_names.get(item["kind"], item["kind"]),
                    state=state,
                    documents=tuple(matching),
                    max_age_months=int(rule["max_age_months"]) if rule else None,
                )
            )
    return EvidenceStatus(level, tuple(items), stale, len(links), as_of, freshness)


def _links_of(assessment_ids):
    from spbe.evaluations.models import EvidenceLink

    links = defaultdict(list)
    for link in (
        EvidenceLink.objects.filter(assessment_id__in=assessment_ids)
        .select_related("document")
        .order_by("level", "pk")
    ):
        links[link.assessment_id].append(link)
    return links


def assessment_evidence_status(
    assessment, level: int | None = None, *, as_of: datetime.date | None = None
) -> EvidenceStatus:
    """Evidence completeness of one assessment for `level` (default: the claimed Penilaian
    Mandiri level, `claimed_level_of`). Two queries at most (links with documents; the
    cycle/indicator/framework when not already loaded)."""
    cycle = assessment.cycle
    framework = cycle.framework
    if level is None:
        level = claimed_level_of(assessment.claimed_value)
    return _status(
        indicator=assessment.indicator,
        framework=framework,
        level=level,
        links=_links_of([assessment.pk]).get(assessment.pk, []),
        as_of=as_of or cycle_as_of(cycle),
        rules=_rules_by_kind(framework),
    )


def evidence_status_for_cycle(
    cycle, *, as_of: datetime.date | None = None
) -> dict[int, EvidenceStatus]:
    """{assessment id: EvidenceStatus at the claimed level} for every assessment of the cycle,
    in a fixed number of queries (assessments with indicators and claims, links with
    documents) whatever the number of indicators: for the matrix and the dashboards."""
    from spbe.evaluations.models import Assessment

    framework = cycle.framework
    assessments = list(
        Assessment.objects.filter(cycle=cycle)
        .select_related("indicator")
        .only("id", "cycle_id", "claimed_value", "indicator__id", "indicator__levels")
    )
    ids = [a.pk for a in assessments]
    links = _links_of(ids)
    rules = _rules_by_kind(framework)
    as_of = as_of or cycle_as_of(cycle)
    return {
        a.pk: _status(
            indicator=a.indicator,
            framework=framework,
            level=claimed_level_of(a.claimed_value),
            links=links.get(a.pk, []),
            as_of=as_of,
            rules=rules,
        )
        for a in assessments
    }
