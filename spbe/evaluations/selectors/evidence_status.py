"""Completeness of an indicator's evidence ("kurang dokumen"), read over evaluations' own
evidence links; the freshness of each document comes from `spbe.evidence.selectors.freshness`.

Completeness: for the claimed level (the Penilaian Mandiri value, whole part) or a given level,
every typical evidence item of the indicator's levels 1..level is *ada* (a linked document at
that item's level matches its kind, see `spbe.evidence.matching`, and is fresh), *kedaluwarsa*
(only stale matching documents) or *kurang* (none). Any item not *ada*, or any stale linked
document at a level up to the one checked, raises the "kurang dokumen" flag.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evidence.matching import document_matches, evidence_freshness_kind
from spbe.evidence.selectors.freshness import (
    Freshness,
    cycle_as_of,
    evidence_rules_by_kind,
    freshness_under,
)

PRESENT = "ada"
MISSING = "kurang"
STALE = "kedaluwarsa"


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


# -- completeness ------------------------------------------------------------------------------
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
            freshness[document.pk] = freshness_under(document, rules, as_of)
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
        rules=evidence_rules_by_kind(framework),
    )


def evidence_status_for_cycle(
    cycle, *, as_of: datetime.date | None = None
) -> dict[int, EvidenceStatus]:
    """{assessment id: EvidenceStatus at the claimed level} for every assessment of the cycle,
    in a fixed number of queries (assessments with indicators and claims, links with
    documents) whatever the number of indicators: for the matrix and the dashboards."""
    framework = cycle.framework
    assessments = list(
        Assessment.objects.filter(cycle=cycle)
        .select_related("indicator")
        .only("id", "cycle_id", "claimed_value", "indicator__id", "indicator__levels")
    )
    ids = [a.pk for a in assessments]
    links = _links_of(ids)
    rules = evidence_rules_by_kind(framework)
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
